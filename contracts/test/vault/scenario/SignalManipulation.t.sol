// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IPNMarket} from "../../../src/interfaces/IPNMarket.sol";
import {IPNVaultBase} from "../../../src/interfaces/IPNVault.sol";
import {SeriesKey} from "../../../src/types/SeriesKey.sol";
import {BlackScholes} from "../utils/BlackScholes.sol";
import {VaultBaseTest} from "../utils/VaultBaseTest.sol";
import {console} from "forge-std/console.sol";

/// @notice The signal is non-binding: a false hint can cause at most an extra roll, into a lower (safer) strike, at
/// a cost bounded by the auction floor plus the reward, at most once per `minRollInterval` (docs/vault.md, "The
/// signal"). Here the true price is 3,000 (the strike 1,500 is safe) and an attacker claims it is 1 wei.
///
/// Holdings are valued in index units with Black–76 at the true price (σ 80%): deep in the money, each P is worth
/// about its strike, so the loss of a roll is `1 - (P_B received * value_B) / (P_A given * value_A)`.
contract SignalManipulationTest is VaultBaseTest {
    uint256 internal constant TRUE_PRICE = 3000e18;
    uint256 internal constant SIGMA = 0.8e18;
    address internal attacker = makeAddr("attacker");
    SeriesKey internal a;

    function setUp() public override {
        super.setUp();
        depositETH(alice, 100 ether);
        depositETH(bob, 100 ether);
        a = cur();
        vm.warp(block.timestamp + 3 days); // mid-life: no scheduled roll is due
    }

    function valueOf(SeriesKey memory k, uint256 amount) internal view returns (uint256) {
        uint256 tau = k.maturity > block.timestamp ? k.maturity - block.timestamp : 0;
        return amount * BlackScholes.pValue(TRUE_PRICE, k.strikeWad, tau, SIGMA) / 1e18;
    }

    /// @dev The per-roll bound, in bps of the holdings: the floor's discount on the strike ratio plus the reward.
    function perRollBoundBps() internal view returns (uint256) {
        return (BPS - rules.rollFloorBps) + rules.rewardBps;
    }

    /// @dev Worst case: the attacker is also the only market maker, waits for the floor and takes the whole auction
    /// there. The holders lose the floor's 2% plus the 0.01% reward, and not a wei more.
    function testFalseSignalWorstCaseIsTheFloor() public {
        uint256 before = valueOf(a, pHeld(a));
        vm.prank(attacker);
        uint256 orderId = vault.triggerRoll(1, 0);
        SeriesKey memory b = cur();
        assertEq(b.strikeWad, 370e18, "a quarter of 1,500 on the grid: the hint cannot push it lower");
        assertEq(uint8(phase()), uint8(IPNVaultBase.Phase.Rolling));

        IPNMarket.Order memory o = market.orderOf(orderId);
        vm.warp(block.timestamp + rules.auctionDuration); // the floor
        assertEq(market.priceAt(orderId, block.timestamp), o.floorPriceWad);
        fillAs(attacker, orderId, o.amount);
        vault.closeAuction();

        uint256 afterValue = valueOf(b, pHeld(b));
        uint256 lossBps = (before - afterValue) * BPS / before;
        console.log("holders' loss, bps (worst case):", lossBps);
        console.log("bound, bps:", perRollBoundBps());
        assertLe((before - afterValue) * BPS, before * perRollBoundBps(), "VT-5: loss within the floor + reward");
        assertGe(lossBps, 199, "and the floor is what a monopolist takes");
        // the new strike is safer, not riskier: 3,000 / 370 = 8.1 times out of the money for the put
        assertLt(BlackScholes.put(TRUE_PRICE, b.strikeWad, b.maturity - block.timestamp, SIGMA), 1e12);
    }

    /// @dev With one honest maker watching (valuing both P by Black–76 and filling 0.2% under its value), the same
    /// false signal costs the holders about the maker's margin.
    function testFalseSignalWithCompetitionCostsTheMargin() public {
        uint256 before = valueOf(a, pHeld(a));
        vm.prank(attacker);
        uint256 orderId = vault.triggerRoll(1, 0);
        SeriesKey memory b = cur();
        // the honest maker checks every 10 minutes
        while (true) {
            vm.warp(block.timestamp + 10 minutes);
            uint256 fair = valueOf(a, 1e18) * 1e18 / valueOf(b, 1e18);
            if (market.priceAt(orderId, block.timestamp) * BPS <= fair * (BPS - 20)) break;
        }
        fillAs(maker, orderId, market.orderOf(orderId).amount);
        vault.closeAuction();
        uint256 lossBps = (before - valueOf(b, pHeld(b))) * BPS / before;
        console.log("holders' loss, bps (one competing maker):", lossBps);
        assertLe(lossBps, 30, "about the maker's margin and the reward");
    }

    /// @dev Rate limit: the attacker cannot repeat before `minRollInterval`, so false signals cost at most
    /// `ceil(365 days / minRollInterval)` rolls a year: with this policy (3 days, floor 98%) at most 122 rolls, each
    /// bounded as above. Scheduled rolls are not affected by the signal at all.
    function testFalseSignalsAreRateLimited() public {
        vm.prank(attacker);
        uint256 orderId = vault.triggerRoll(1, 0);
        vm.warp(block.timestamp + 1 hours);
        fillAs(maker, orderId, market.orderOf(orderId).amount);
        vault.closeAuction();
        uint256 allowedAt = st().lastRollAt + rules.minRollInterval;
        vm.prank(attacker);
        vm.expectRevert(abi.encodeWithSelector(IPNVaultBase.RollRateLimited.selector, allowedAt));
        vault.triggerRoll(1, 0);
        vm.warp(allowedAt);
        vm.prank(attacker);
        vault.triggerRoll(1, 0);
        uint256 perYear = (365 days + rules.minRollInterval - 1) / rules.minRollInterval;
        assertEq(perYear, 122);
        console.log("false signal rolls a year at most:", perYear);
    }

    /// @dev A false *high* hint (at or above S/k = 3,000) does nothing: it never triggers a roll and never raises
    /// a strike.
    function testFuzzHighHintIsHarmless(uint256 hint) public {
        hint = bound(hint, 3000e18, type(uint128).max);
        vm.prank(attacker);
        vm.expectRevert(abi.encodeWithSelector(IPNVaultBase.RollNotDue.selector, a.maturity - 7 days, 2250e18, hint));
        vault.triggerRoll(hint, 0);
        warpToScheduled();
        vm.prank(attacker);
        vault.triggerRoll(hint, 0);
        assertEq(cur().strikeWad, a.strikeWad, "scheduled roll keeps the strike");
    }
}

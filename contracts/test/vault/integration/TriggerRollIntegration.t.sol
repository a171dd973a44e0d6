// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IPNMarket} from "../../../src/interfaces/IPNMarket.sol";
import {IPNVaultBase} from "../../../src/interfaces/IPNVault.sol";
import {SeriesKey} from "../../../src/types/SeriesKey.sol";
import {PNVault} from "../../../src/vault/PNVault.sol";
import {VaultMath} from "../../../src/vault/libraries/VaultMath.sol";
import {VaultBaseTest} from "../utils/VaultBaseTest.sol";

/// @notice `triggerRoll`: reverts first (each with its exact arguments), then the scheduled and signal rolls, the
/// strike rules (a hint only lowers, an oracle reference raises), the reward and the auction posted.
contract TriggerRollIntegrationTest is VaultBaseTest {
    SeriesKey internal a;

    function setUp() public override {
        super.setUp();
        depositETH(alice, 100 ether);
        a = cur();
    }

    /*//////////////////////////////////////////////////////////////
                                REVERTS
    //////////////////////////////////////////////////////////////*/

    function testTriggerNotDue() public {
        uint256 scheduledAt = a.maturity - 7 days;
        vm.expectRevert(abi.encodeWithSelector(IPNVaultBase.RollNotDue.selector, scheduledAt, 2250e18, 0));
        trigger(0);
        vm.expectRevert(abi.encodeWithSelector(IPNVaultBase.RollNotDue.selector, scheduledAt, 2250e18, 2250e18));
        trigger(2250e18); // at the threshold: not below it
        vm.warp(scheduledAt - 1);
        vm.expectRevert(abi.encodeWithSelector(IPNVaultBase.RollNotDue.selector, scheduledAt, 2250e18, 3000e18));
        trigger(3000e18);
    }

    function testTriggerRateLimited() public {
        trigger(2000e18); // a signal roll
        uint256 orderId = st().orderId;
        vm.warp(block.timestamp + 1 hours);
        fillAs(maker, orderId, st().secondHeld);
        vault.closeAuction();
        // strike is now 1,000: a hint below 1,500 is a signal, but the last roll was an hour ago
        uint256 allowedAt = st().lastRollAt + 3 days;
        vm.expectRevert(abi.encodeWithSelector(IPNVaultBase.RollRateLimited.selector, allowedAt));
        trigger(1400e18);
        vm.warp(allowedAt);
        trigger(1400e18);
    }

    function testTriggerNotHolding() public {
        warpToScheduled();
        trigger(0);
        vm.expectRevert(abi.encodeWithSelector(IPNVaultBase.NotHolding.selector, IPNVaultBase.Phase.Rolling));
        trigger(0);
    }

    function testTriggerAfterMaturity() public {
        vm.warp(a.maturity);
        vm.expectRevert(abi.encodeWithSelector(IPNVaultBase.SeriesMatured.selector, a.maturity, a.maturity));
        trigger(0);
    }

    function testTriggerReferenceRules() public {
        // a reference is only for scheduled rolls
        vm.prank(keeper);
        vm.expectRevert(abi.encodeWithSelector(IPNVaultBase.ReferenceNotAllowed.selector, block.timestamp - 1));
        vault.triggerRoll(2000e18, block.timestamp - 1);
        warpToScheduled();
        uint256 t = block.timestamp;
        vm.prank(keeper);
        vm.expectRevert(abi.encodeWithSelector(IPNVaultBase.ReferenceTooOld.selector, t, t, 1 days));
        vault.triggerRoll(0, t); // not in the past
        vm.prank(keeper);
        vm.expectRevert(abi.encodeWithSelector(IPNVaultBase.ReferenceTooOld.selector, t - 1 days - 1, t, 1 days));
        vault.triggerRoll(0, t - 1 days - 1);
        vm.prank(keeper);
        vm.expectRevert(abi.encodeWithSelector(IPNVaultBase.ReferenceNotFinal.selector, t - 1 hours));
        vault.triggerRoll(0, t - 1 hours);
        // a policy with maxRefAge = 0 never raises its strike
        IPNVaultBase.Rules memory r = defaultRules();
        r.maxRefAge = 0;
        PNVault fixedStrike = deployVault(r, PRICE);
        vm.warp(fixedStrike.currentSeries().maturity - 7 days);
        vm.expectRevert(abi.encodeWithSelector(IPNVaultBase.ReferenceNotAllowed.selector, block.timestamp - 1));
        fixedStrike.triggerRoll(0, block.timestamp - 1);
    }

    /// @dev The engine runs only inside its vault.
    function testEngineNotCallableDirectly() public {
        (bool ok, bytes memory ret) = vault.engine().call(abi.encodeCall(vault.triggerRoll, (0, 0)));
        assertFalse(ok);
        assertEq(keccak256(ret), keccak256(abi.encodeWithSignature("NotDelegated()")));
    }

    /*//////////////////////////////////////////////////////////////
                                EFFECTS
    //////////////////////////////////////////////////////////////*/

    /// @dev The scheduled roll without a hint: same strike, the first grid maturity four weeks out, an auction of all
    /// the P_A but the reward, from 1.02 to 0.98 P_B per P_A, falling back a day after its floor.
    function testScheduledRoll() public {
        warpToScheduled();
        uint256 t = block.timestamp;
        uint256 reward = VaultMath.reward(100 ether, 1, 0.01 ether);
        assertEq(reward, 0.01 ether);
        uint256 maturity = VaultMath.nextMaturity(t + 28 days, ORIGIN, 7 days);
        SeriesKey memory b = keyAt(1500e18, maturity);
        assertFalse(core.exists(b));

        vm.recordLogs();
        uint256 orderId = trigger(0);
        assertTrue(core.exists(b), "the vault created the next series");
        assertEq(cur().maturity, maturity);
        assertEq(cur().strikeWad, 1500e18);
        IPNVaultBase.State memory s = st();
        assertEq(uint8(s.phase), uint8(IPNVaultBase.Phase.Rolling));
        assertEq(s.secondStrikeWad, a.strikeWad);
        assertEq(s.secondMaturity, a.maturity);
        assertEq(s.orderId, orderId);
        assertEq(s.deadline, t + 2 days);
        assertEq(s.lastRollAt, t);
        assertEq(s.secondHeld, 100 ether - reward);
        assertEq(pOf(a).balanceOf(keeper), reward, "reward in P_A");

        IPNMarket.Order memory o = market.orderOf(orderId);
        assertEq(o.maker, address(vault));
        assertEq(o.token, address(pOf(a)));
        assertEq(o.counterToken, address(pOf(b)));
        assertEq(o.amount, 100 ether - reward);
        assertEq(o.priceWad, 1.02e18);
        assertEq(o.floorPriceWad, 0.98e18);
        assertEq(o.duration, 1 days);
        assertEq(o.halfLife, 0);
        assertEq(o.expiry, t + 2 days);
    }

    /// @dev A signal roll: hint 2,000 below 1.5·1,500: the strike becomes k·2,000 = 1,000, the auction prices 1.5
    /// P_B per P_A from 1.53 down to 1.47.
    function testSignalRoll() public {
        vm.warp(block.timestamp + 2 days);
        uint256 t = block.timestamp;
        (IPNVaultBase.Plan memory plan,) = vault.previewTrigger(2000e18, 0);
        uint256 orderId = trigger(2000e18);
        assertEq(uint8(plan.reason), uint8(IPNVaultBase.RollReason.Signal));
        assertEq(cur().strikeWad, 1000e18);
        // four weeks out, and always after A's maturity (here A's comes first: the next grid date after it)
        assertEq(cur().maturity, a.maturity + 7 days);
        assertLe(a.maturity, VaultMath.nextMaturity(t + 28 days, ORIGIN, 7 days));
        IPNMarket.Order memory o = market.orderOf(orderId);
        assertEq(o.priceWad, 1.53e18);
        assertEq(o.floorPriceWad, 1.47e18);
        assertEq(plan.strikeWad, 1000e18);
        assertEq(plan.startPriceWad, 1.53e18);
    }

    /// @dev However low the hint, one roll lowers the strike to at most a quarter (`minStrikeStepBps`).
    function testFuzzSignalHintOnlyLowersWithinTheStep(uint256 hint) public {
        hint = bound(hint, 1, 2250e18 - 1);
        trigger(hint);
        uint256 s = cur().strikeWad;
        assertLe(s, 1500e18 * 5000 * 15_000 / 1e8, "below 1.5 * k * S");
        assertGe(s, 370e18, "at least the grid value of S/4 = 375");
        assertEq(s, _max(VaultMath.strikeGridDown(hint / 2, 2), 370e18));
    }

    /// @dev On a scheduled roll a hint above twice the strike changes nothing: a hint can never raise it.
    function testFuzzScheduledHintNeverRaises(uint256 hint) public {
        hint = bound(hint, 1, 1e30);
        warpToScheduled();
        trigger(hint);
        assertLe(cur().strikeWad, 1500e18);
    }

    /// @dev A scheduled roll may raise the strike on the oracle's final value at a recent instant (bonded,
    /// disputable): x = 5,000 an hour ago gives 2,500; a lower hint still lowers it.
    function testScheduledRollRaisedByReference() public {
        warpToScheduled();
        uint256 ref = block.timestamp - 1 hours;
        oracle.report(USD, ref, 5000e18);
        uint256 snap = vm.snapshotState();
        vm.prank(keeper);
        uint256 orderId = vault.triggerRoll(0, ref);
        assertEq(cur().strikeWad, 2500e18);
        assertEq(market.orderOf(orderId).priceWad, 0.612e18, "1500/2500 * 1.02");
        vm.revertToState(snap);
        vm.prank(keeper);
        vault.triggerRoll(4100e18, ref);
        assertEq(cur().strikeWad, 2000e18, "k * min(x, hint) = 2,050 on the grid");
    }

    /// @dev An existing next series is reused, not created again.
    function testTriggerReusesExistingSeries() public {
        warpToScheduled();
        (IPNVaultBase.Plan memory plan,) = vault.previewTrigger(0, 0);
        createSeries(keyAt(plan.strikeWad, plan.maturity));
        trigger(0);
        assertEq(cur().maturity, plan.maturity);
    }

    /// @dev An empty vault moves to the next series without an auction (and deposits stay open).
    function testEmptyVaultAdvances() public {
        PNVault empty = deployVault(rules, PRICE);
        SeriesKey memory from = empty.currentSeries();
        vm.warp(from.maturity - 7 days);
        vm.expectEmit(false, false, false, false, address(empty));
        emit IPNVaultBase.SeriesAdvanced(idOf(from), idOf(from));
        assertEq(empty.triggerRoll(0, 0), 0);
        assertEq(uint8(empty.state().phase), uint8(IPNVaultBase.Phase.Holding));
        assertGt(empty.currentSeries().maturity, from.maturity);
    }

    function testTriggerEmitsPlan() public {
        warpToScheduled();
        (IPNVaultBase.Plan memory plan,) = vault.previewTrigger(0, 0);
        SeriesKey memory b = keyAt(plan.strikeWad, plan.maturity);
        vm.expectEmit(address(vault));
        emit IPNVaultBase.RollStarted(market.orderCount() + 1, idOf(a), idOf(b), keeper, 0, plan);
        trigger(0);
    }

    function _max(uint256 x, uint256 y) private pure returns (uint256) {
        return x > y ? x : y;
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IPNCore} from "../../../src/interfaces/IPNCore.sol";
import {IPNMarket} from "../../../src/interfaces/IPNMarket.sol";
import {IPNVaultBase} from "../../../src/interfaces/IPNVault.sol";
import {PayoffLib} from "../../../src/libraries/PayoffLib.sol";
import {SeriesKey} from "../../../src/types/SeriesKey.sol";
import {PNVault} from "../../../src/vault/PNVault.sol";
import {VaultMath} from "../../../src/vault/libraries/VaultMath.sol";
import {VaultBaseTest} from "../utils/VaultBaseTest.sol";

/// @notice `reenter`, the fallback: reverts first, then re-entry from a held previous series, from a matured current
/// series (a new strike from the settled x), from stranded N, and a sale that completes.
contract ReenterIntegrationTest is VaultBaseTest {
    SeriesKey internal a;

    function setUp() public override {
        super.setUp();
        depositETH(alice, 40 ether);
        a = cur();
    }

    /// @dev A roll that nobody fills: the vault ends in Legacy holding all its P_A (less the reward).
    function rollUnfilled() internal returns (SeriesKey memory b) {
        warpToScheduled();
        trigger(0);
        b = cur();
        vm.warp(st().deadline);
        vault.closeAuction();
    }

    /*//////////////////////////////////////////////////////////////
                                REVERTS
    //////////////////////////////////////////////////////////////*/

    function testReenterNotDue() public {
        vm.expectRevert(
            abi.encodeWithSelector(IPNVaultBase.ReentryNotDue.selector, IPNVaultBase.Phase.Holding, a.maturity)
        );
        vault.reenter();
        warpToScheduled();
        trigger(0);
        uint256 orderId = st().orderId;
        uint256 deadline = st().deadline;
        vm.expectRevert(abi.encodeWithSelector(IPNVaultBase.AuctionOpen.selector, orderId, deadline));
        vault.reenter();
        vm.warp(deadline);
        vault.closeAuction();
        vm.expectRevert(
            abi.encodeWithSelector(IPNVaultBase.ReentryNotDue.selector, IPNVaultBase.Phase.Legacy, a.maturity)
        );
        vault.reenter();
        assertFalse(vault.canReenter());
    }

    function testReenterOracleNotFinal() public {
        rollUnfilled();
        vm.warp(a.maturity);
        assertFalse(vault.canReenter());
        vm.expectRevert(abi.encodeWithSelector(IPNCore.OracleNotFinal.selector, idOf(a), address(oracle)));
        vault.reenter();
    }

    /// @dev x at A's maturity at or below the current strike: the N of the current series would be worthless, so
    /// the vault keeps the settled P_A until the current series matures.
    function testReenterUnsafe() public {
        SeriesKey memory b = rollUnfilled();
        reportAt(a, b.strikeWad);
        assertFalse(vault.canReenter());
        vm.expectRevert(abi.encodeWithSelector(IPNVaultBase.ReentryUnsafe.selector, b.strikeWad, b.strikeWad));
        vault.reenter();
    }

    /*//////////////////////////////////////////////////////////////
                                EFFECTS
    //////////////////////////////////////////////////////////////*/

    /// @dev Legacy → the previous series settles at x = 3,000 → its P_A redeems into WETH (1,500/3,000 each) →
    /// split into the current series → the N offered for P at `(x - S)/S = 1` P per N, from 1.2 down to 0.8.
    function testReenterFromLegacy() public {
        SeriesKey memory b = rollUnfilled();
        uint256 leftover = st().secondHeld;
        reportAt(a, 3000e18);
        assertTrue(vault.canReenter());
        uint256 collateral = PayoffLib.pPayout(leftover, a.strikeWad, 3000e18);
        uint256 reward = VaultMath.reward(collateral, 1, 0.01 ether);
        uint256 pBefore = pHeld(b);
        vm.prank(keeper);
        uint256 orderId = vault.reenter();
        assertEq(weth.balanceOf(keeper), reward, "reward in WETH");
        assertEq(core.settlementOf(idOf(a)), 3000e18, "settled by the vault");
        assertEq(pHeld(a), 0);
        assertEq(pHeld(b) - pBefore, collateral - reward, "split into the current series");
        IPNVaultBase.State memory s = st();
        assertEq(uint8(s.phase), uint8(IPNVaultBase.Phase.Selling));
        assertEq(s.secondStrikeWad, b.strikeWad);
        assertEq(s.secondMaturity, b.maturity);
        assertEq(s.secondHeld, collateral - reward);
        IPNMarket.Order memory o = market.orderOf(orderId);
        assertEq(o.token, address(nOf(b)));
        assertEq(o.counterToken, address(pOf(b)));
        assertEq(o.amount, collateral - reward);
        assertEq(o.priceWad, 1.2e18);
        assertEq(o.floorPriceWad, 0.8e18);
        assertEq(o.expiry, block.timestamp + 2 days);

        // a maker buys the N for P at 1.1: the vault ends holding P of the current series only
        vm.warp(block.timestamp + 6 hours);
        fillAs(maker, orderId, o.amount);
        vault.closeAuction();
        assertEq(uint8(phase()), uint8(IPNVaultBase.Phase.Holding));
        assertEq(nOf(b).balanceOf(address(vault)), 0);
        assertGt(pHeld(b), pBefore + 2 * (collateral - reward) - 1, "P for the N, at 1.1 P per N");
    }

    /// @dev Nobody rolled before maturity: the vault redeems its matured P, and re-enters a new series struck at
    /// k·x from the settled x (here 4,000: strike 2,000), four weeks out.
    function testReenterFromMaturedCurrent() public {
        reportAt(a, 4000e18);
        uint256 collateral = PayoffLib.pPayout(40 ether, a.strikeWad, 4000e18);
        uint256 reward = VaultMath.reward(collateral, 1, 0.01 ether);
        vault.reenter();
        SeriesKey memory c = cur();
        assertEq(c.strikeWad, 2000e18);
        assertEq(c.maturity, VaultMath.nextMaturity(block.timestamp + 28 days, ORIGIN, 7 days));
        assertEq(pHeld(c), collateral - reward);
        assertEq(uint8(phase()), uint8(IPNVaultBase.Phase.Selling));
        assertEq(market.orderOf(st().orderId).priceWad, 1.2e18, "(4000 - 2000)/2000 * 1.2");
    }

    /// @dev Stranded N of the current series (a sale that did not fill) stays until the series matures; then both
    /// sides are redeemed and the vault re-enters a new series.
    function testReenterFromStranded() public {
        rollUnfilled();
        reportAt(a, 3000e18);
        vault.reenter();
        vm.warp(st().deadline);
        vault.closeAuction();
        assertEq(uint8(phase()), uint8(IPNVaultBase.Phase.Stranded));
        SeriesKey memory b = cur();
        vm.expectRevert(
            abi.encodeWithSelector(IPNVaultBase.ReentryNotDue.selector, IPNVaultBase.Phase.Stranded, b.maturity)
        );
        vault.reenter();
        uint256 p = pHeld(b);
        uint256 n = nOf(b).balanceOf(address(vault));
        reportAt(b, 2600e18);
        uint256 collateral = PayoffLib.pPayout(p, b.strikeWad, 2600e18) + PayoffLib.nPayout(n, b.strikeWad, 2600e18);
        vault.reenter();
        SeriesKey memory c = cur();
        assertEq(c.strikeWad, 1300e18);
        assertEq(pHeld(b) + nOf(b).balanceOf(address(vault)), 0, "both sides redeemed");
        assertEq(pHeld(c), collateral - VaultMath.reward(collateral, 1, 0.01 ether));
    }

    /// @dev An empty vault whose series matured moves to a new one without a sale; deposits reopen.
    function testReenterEmpty() public {
        PNVault empty = deployVault(rules, PRICE);
        SeriesKey memory k = empty.currentSeries();
        if (!_reported(k)) reportAt(k, 3000e18);
        vm.warp(k.maturity);
        assertEq(empty.reenter(), 0);
        assertEq(uint8(empty.state().phase), uint8(IPNVaultBase.Phase.Holding));
        assertGt(empty.currentSeries().maturity, k.maturity);
        vm.deal(bob, 1 ether);
        vm.prank(bob);
        empty.deposit{value: 1 ether}(bob);
    }

    function _reported(SeriesKey memory k) private view returns (bool) {
        return oracle.reported(k.indexId, k.maturity) != 0;
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IPNMarket} from "../../../src/interfaces/IPNMarket.sol";
import {IPNVaultBase} from "../../../src/interfaces/IPNVault.sol";
import {PayoffLib} from "../../../src/libraries/PayoffLib.sol";
import {SeriesKey} from "../../../src/types/SeriesKey.sol";
import {VaultMath} from "../../../src/vault/libraries/VaultMath.sol";
import {VaultBaseTest} from "../utils/VaultBaseTest.sol";

/// @notice The documented fallback, end to end: a crash-time roll that no maker takes at its floor; the vault holds
/// the old P to maturity; the oracle settles it; `reenter` redeems, splits into the new series and sells the N for P;
/// a maker takes the sale; holders end with P of the new series only.
contract FallbackLifecycleTest is VaultBaseTest {
    function testRollNotFilledFallsBackAndReenters() public {
        depositETH(alice, 40 ether);
        depositETH(bob, 20 ether);
        SeriesKey memory a = cur();
        uint256 heldA = pHeld(a);

        // ETH falls to 2,000 (< 1.5 * 1,500): a keeper's honest hint starts a signal roll into strike 1,000.
        vm.warp(block.timestamp + 5 days);
        uint256 orderId = trigger(2000e18);
        SeriesKey memory b = cur();
        assertEq(b.strikeWad, 1000e18);
        uint256 offered = market.orderOf(orderId).amount;
        orderId;

        // Implied volatility is high; makers value P_A below 1.47 P_B and nobody takes it. At the deadline the
        // vault keeps its P_A (Legacy) and deposits stay closed.
        vm.warp(st().deadline);
        assertTrue(vault.canClose());
        vm.prank(keeper);
        assertEq(vault.closeAuction(), offered);
        assertEq(uint8(phase()), uint8(IPNVaultBase.Phase.Legacy));
        assertEq(vault.previewDeposit(1 ether), 0);

        // Bob leaves meanwhile with his third of the P_A, in kind.
        (, uint256 bobA,) = withdrawAs(bob, 20 ether);
        assertEq(bobA, VaultMath.claimOf(20 ether, offered, 60 ether));

        // A matures; the slow oracle (here the dev oracle) reports x = 1,800: P_A pays 1,500/1,800 collateral.
        reportAt(a, 1800e18);
        assertTrue(vault.canReenter());
        uint256 split = PayoffLib.pPayout(st().secondHeld, a.strikeWad, 1800e18);
        split -= VaultMath.reward(split, rules.rewardBps, rules.rewardCap);
        vm.prank(keeper);
        uint256 saleId = vault.reenter();
        IPNMarket.Order memory sale = market.orderOf(saleId);
        assertEq(sale.amount, split, "all the N of the split offered");
        assertEq(sale.priceWad, 0.96e18, "(1800 - 1000)/1000 * 1.2");
        assertEq(sale.floorPriceWad, 0.64e18, "(1800 - 1000)/1000 * 0.8");

        // A maker takes the sale half-way down the curve: 0.8 P_B per N_B.
        vm.warp(block.timestamp + 12 hours);
        assertEq(market.priceAt(saleId, block.timestamp), 0.8e18);
        fillAs(maker, saleId, split);
        vault.closeAuction();
        assertEq(uint8(phase()), uint8(IPNVaultBase.Phase.Holding));
        assertEq(
            pHeld(b), split + (split * 8 + 9) / 10, "P_B from the split plus 0.8 per N sold, rounded up for the vault"
        );
        assertEq(nOf(b).balanceOf(address(vault)), 0);

        // Alice's 40 shares are now a claim on P_B only. In index units, deep in the money, P_B is worth about its
        // strike: her 40 P_A (1,500 each at the start) became 59.99 P_B of strike 1,000. The fallback kept her
        // value: x ended above A's strike, and the sale at 0.8 P per N is (x - S)/S, N's intrinsic value; the two
        // rewards (0.01% each) are the only cost.
        (uint256 aliceB,) = vault.previewWithdraw(40 ether);
        assertApproxEqRel(aliceB * b.strikeWad, heldA * 40 / 60 * a.strikeWad, 0.0003e18, "99.98% in strike terms");
        // and deposits are open again, into B
        depositETH(dave, 1 ether);
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IPNMarket} from "../../../src/interfaces/IPNMarket.sol";
import {IPNVaultBase} from "../../../src/interfaces/IPNVault.sol";
import {PayoffLib} from "../../../src/libraries/PayoffLib.sol";
import {SeriesKey} from "../../../src/types/SeriesKey.sol";
import {VaultMath} from "../../../src/vault/libraries/VaultMath.sol";
import {VaultBaseTest} from "../utils/VaultBaseTest.sol";

/// @notice `withdraw`: reverts first, then the pro-rata payout in every phase (fuzzed where it matters).
contract WithdrawIntegrationTest is VaultBaseTest {
    function setUp() public override {
        super.setUp();
        depositETH(alice, 30 ether);
        depositETH(bob, 10 ether);
    }

    /*//////////////////////////////////////////////////////////////
                                REVERTS
    //////////////////////////////////////////////////////////////*/

    function testWithdrawZeroShares() public {
        vm.prank(alice);
        vm.expectRevert(IPNVaultBase.ZeroAmount.selector);
        vault.withdraw(0, alice);
    }

    function testWithdrawZeroAddress() public {
        vm.prank(alice);
        vm.expectRevert(IPNVaultBase.ZeroAddress.selector);
        vault.withdraw(1, address(0));
    }

    function testWithdrawMoreThanHeld() public {
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(IPNVaultBase.InsufficientShares.selector, bob, 10 ether, 10 ether + 1));
        vault.withdraw(10 ether + 1, bob);
        vm.prank(dave);
        vm.expectRevert(abi.encodeWithSelector(IPNVaultBase.InsufficientShares.selector, dave, 0, 1));
        vault.withdraw(1, dave);
    }

    /*//////////////////////////////////////////////////////////////
                                HOLDING
    //////////////////////////////////////////////////////////////*/

    /// @dev VT-1 / VT-2: `floor(s * H / (T + V))` in kind; alice's claim does not fall.
    function testFuzzWithdrawHolding(uint256 shares) public {
        shares = bound(shares, 1, 10 ether);
        SeriesKey memory k = cur();
        uint256 held = pHeld(k);
        uint256 supply = vault.totalSupply();
        uint256 expected = VaultMath.claimOf(shares, held, supply);
        (uint256 aliceBefore,) = vault.previewWithdraw(30 ether);
        vm.expectEmit(address(vault));
        emit IPNVaultBase.Withdraw(bob, dave, shares, expected, 0, 0);
        vm.prank(bob);
        (uint256 curOut, uint256 secondOut, uint256 collateralOut) = vault.withdraw(shares, dave);
        assertEq(curOut, expected);
        assertEq(secondOut + collateralOut, 0);
        assertEq(pOf(k).balanceOf(dave), expected, "P in kind to the receiver");
        assertEq(vault.balanceOf(bob), 10 ether - shares);
        assertEq(pHeld(k), held - expected);
        (uint256 aliceAfter,) = vault.previewWithdraw(30 ether);
        assertGe(aliceAfter, aliceBefore, "VT-1");
    }

    /// @dev Everyone leaves: each gets its share; only the virtual shares' dust (under a millionth of a wei per P) is
    /// left behind.
    function testEveryoneLeaves() public {
        withdrawAs(alice, 30 ether);
        withdrawAs(bob, 10 ether);
        assertEq(vault.totalSupply(), 0);
        SeriesKey memory k = cur();
        assertLe(pHeld(k), 40 ether * V / (40 ether + V) + 1, "virtual shares' part");
        assertEq(pOf(k).balanceOf(alice) + pOf(k).balanceOf(bob) + pHeld(k), 40 ether);
        // and the vault works again from empty, the dust counted pro rata
        uint256 expected = VaultMath.sharesFor(1 ether, pHeld(k), 0);
        assertEq(depositETH(dave, 1 ether), expected);
        (uint256 claim,) = vault.previewWithdraw(expected);
        assertApproxEqRel(claim, 1 ether, 1e7, "worth what dave brought, less the virtual shares' part (1e-11)");
    }

    /// @dev After the current series settled (nobody rolled), the claim comes out as collateral: the vault redeems
    /// the P straight to the receiver.
    function testWithdrawSettledPaysCollateral() public {
        SeriesKey memory k = cur();
        reportAt(k, 2000e18);
        core.settle(k);
        uint256 claim = VaultMath.claimOf(10 ether, pHeld(k), vault.totalSupply());
        uint256 wethBefore = weth.balanceOf(dave);
        vm.prank(bob);
        (uint256 curOut, uint256 secondOut, uint256 collateralOut) = vault.withdraw(10 ether, dave);
        assertEq(curOut + secondOut, 0, "nothing in kind");
        assertEq(collateralOut, PayoffLib.pPayout(claim, 1500e18, 2000e18));
        assertEq(weth.balanceOf(dave) - wethBefore, collateralOut);
    }

    /*//////////////////////////////////////////////////////////////
                              DURING A ROLL
    //////////////////////////////////////////////////////////////*/

    /// @dev Mid-auction, half filled: the withdrawal pays its share of P_B (held) and of P_A (escrowed). The vault
    /// cancels the order, pays, and re-offers the rest on the same line: the price a maker sees is unchanged.
    function testFuzzWithdrawDuringRoll(uint256 shares, uint256 elapsed) public {
        shares = bound(shares, 1 ether, 10 ether);
        elapsed = bound(elapsed, 1 hours, 20 hours);
        warpToScheduled();
        uint256 orderId = trigger(0);
        SeriesKey memory a = secondKey();
        SeriesKey memory b = cur();
        vm.warp(block.timestamp + elapsed);
        fillAs(maker, orderId, 15 ether);
        vm.warp(block.timestamp + 1 hours);
        IPNMarket.Order memory before = market.orderOf(orderId);
        uint256 priceBefore = market.priceAt(orderId, block.timestamp);
        uint256 priceLater = market.priceAt(orderId, block.timestamp + 2 hours);
        uint256 supply = vault.totalSupply();
        uint256 expectedB = VaultMath.claimOf(shares, pHeld(b), supply);
        uint256 expectedA = VaultMath.claimOf(shares, before.amount, supply);

        vm.prank(bob);
        (uint256 curOut, uint256 secondOut,) = vault.withdraw(shares, bob);
        assertEq(curOut, expectedB, "share of P_B");
        assertEq(secondOut, expectedA, "share of the escrowed P_A");
        assertEq(pOf(b).balanceOf(bob), expectedB);
        assertEq(pOf(a).balanceOf(bob), expectedA);

        uint256 newId = st().orderId;
        assertEq(market.orderOf(orderId).maker, address(0), "old order cancelled");
        IPNMarket.Order memory o = market.orderOf(newId);
        assertEq(o.maker, address(vault));
        assertEq(o.amount, before.amount - expectedA, "the rest re-offered");
        assertEq(o.floorPriceWad, before.floorPriceWad);
        assertEq(o.expiry, before.expiry);
        assertEq(market.priceAt(newId, block.timestamp), priceBefore, "same price now");
        assertApproxEqAbs(market.priceAt(newId, block.timestamp + 2 hours), priceLater, 1, "same line later");
        assertEq(st().secondHeld, o.amount);
    }

    /// @dev After a roll that half filled and timed out (Legacy), a withdrawal takes its share of the P_A left; once
    /// A settles, that share comes out as collateral.
    function testWithdrawLegacyThenSettled() public {
        warpToScheduled();
        uint256 orderId = trigger(0);
        SeriesKey memory a = secondKey();
        SeriesKey memory b = cur();
        vm.warp(block.timestamp + 2 hours);
        fillAs(maker, orderId, 20 ether);
        vm.warp(st().deadline);
        vault.closeAuction();
        assertEq(uint8(phase()), uint8(IPNVaultBase.Phase.Legacy));
        uint256 left = st().secondHeld;
        assertEq(left, pHeld(a));

        uint256 supply = vault.totalSupply();
        uint256 expectedA = VaultMath.claimOf(5 ether, left, supply);
        uint256 expectedB = VaultMath.claimOf(5 ether, pHeld(b), supply);
        (uint256 curOut, uint256 secondOut,) = withdrawAs(bob, 5 ether);
        assertEq(curOut, expectedB);
        assertEq(secondOut, expectedA);
        assertEq(st().secondHeld, left - expectedA);

        reportAt(a, 1400e18); // below A's strike: P_A pays a whole collateral unit
        core.settle(a);
        supply = vault.totalSupply();
        expectedA = VaultMath.claimOf(5 ether, st().secondHeld, supply);
        (, secondOut,) = withdrawAs(bob, 5 ether);
        uint256 collateralOut = weth.balanceOf(bob);
        assertEq(secondOut, 0, "redeemed, not in kind");
        assertEq(collateralOut, expectedA, "min(1, S/x) = 1 per P_A");
    }

    /// @dev During a re-entry sale (the vault holds P and N of one series), a withdrawal gets both; after the series
    /// settles they come out together as collateral.
    function testWithdrawDuringSaleAndStranded() public {
        warpToScheduled();
        trigger(0);
        vm.warp(st().deadline);
        vault.closeAuction();
        reportAt(secondKey(), 3000e18);
        vault.reenter();
        assertEq(uint8(phase()), uint8(IPNVaultBase.Phase.Selling));
        SeriesKey memory b = cur();
        uint256 supply = vault.totalSupply();
        uint256 nEscrow = market.orderOf(st().orderId).amount;
        uint256 expectedN = VaultMath.claimOf(2 ether, nEscrow, supply);
        (, uint256 secondOut,) = withdrawAs(bob, 2 ether);
        assertEq(secondOut, expectedN);
        assertEq(nOf(b).balanceOf(bob), expectedN, "N of the current series");

        vm.warp(st().deadline);
        vault.closeAuction();
        assertEq(uint8(phase()), uint8(IPNVaultBase.Phase.Stranded));
        reportAt(b, 3000e18);
        core.settle(b);
        uint256 p = VaultMath.claimOf(2 ether, pHeld(b), vault.totalSupply());
        uint256 n = VaultMath.claimOf(2 ether, st().secondHeld, vault.totalSupply());
        uint256 before = weth.balanceOf(bob);
        (,, uint256 collateralOut) = withdrawAs(bob, 2 ether);
        uint256 payout = PayoffLib.pPayout(p, b.strikeWad, 3000e18) + PayoffLib.nPayout(n, b.strikeWad, 3000e18);
        assertEq(collateralOut, payout);
        assertEq(weth.balanceOf(bob) - before, payout);
    }
}

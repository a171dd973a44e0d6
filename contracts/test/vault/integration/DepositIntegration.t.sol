// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IPNVaultBase} from "../../../src/interfaces/IPNVault.sol";
import {PNToken} from "../../../src/tokens/PNToken.sol";
import {SeriesKey} from "../../../src/types/SeriesKey.sol";
import {VaultMath} from "../../../src/vault/libraries/VaultMath.sol";
import {VaultBaseTest} from "../utils/VaultBaseTest.sol";

/// @notice `deposit` (ETH) and `depositP`: reverts first, then fuzzed effects.
contract DepositIntegrationTest is VaultBaseTest {
    /*//////////////////////////////////////////////////////////////
                                REVERTS
    //////////////////////////////////////////////////////////////*/

    function testDepositZeroAmount() public {
        vm.expectRevert(IPNVaultBase.ZeroAmount.selector);
        vault.deposit{value: 0}(alice);
        vm.expectRevert(IPNVaultBase.ZeroAmount.selector);
        vault.depositP(0, alice);
    }

    function testDepositZeroAddress() public {
        vm.deal(alice, 1 ether);
        vm.prank(alice);
        vm.expectRevert(IPNVaultBase.ZeroAddress.selector);
        vault.deposit{value: 1 ether}(address(0));
        vm.expectRevert(IPNVaultBase.ZeroAddress.selector);
        vault.depositP(1 ether, address(0));
    }

    function testDepositClosedWhileRolling() public {
        depositETH(alice, 10 ether);
        warpToScheduled();
        trigger(0);
        uint256 maturity = cur().maturity;
        vm.deal(bob, 1 ether);
        vm.prank(bob);
        vm.expectRevert(
            abi.encodeWithSelector(IPNVaultBase.DepositsClosed.selector, IPNVaultBase.Phase.Rolling, maturity)
        );
        vault.deposit{value: 1 ether}(bob);
        vm.expectRevert(
            abi.encodeWithSelector(IPNVaultBase.DepositsClosed.selector, IPNVaultBase.Phase.Rolling, maturity)
        );
        vault.depositP(1 ether, bob);
    }

    function testDepositClosedAtMaturity() public {
        SeriesKey memory k = cur();
        vm.warp(k.maturity);
        vm.deal(bob, 1 ether);
        vm.prank(bob);
        vm.expectRevert(
            abi.encodeWithSelector(IPNVaultBase.DepositsClosed.selector, IPNVaultBase.Phase.Holding, k.maturity)
        );
        vault.deposit{value: 1 ether}(bob);
    }

    /// @dev The inflation attack: 1 wei first, then a donation of a million P. A deposit the donation would round
    /// to nothing reverts instead of being swallowed.
    function testDepositZeroSharesAfterDonation() public {
        depositETH(alice, 1);
        SeriesKey memory k = cur();
        splitAs(bob, k, 1_000_000 ether);
        address p = address(pOf(k));
        vm.prank(bob);
        assertTrue(PNToken(p).transfer(address(vault), 1_000_000 ether));
        vm.deal(dave, 1 ether);
        vm.prank(dave);
        vm.expectRevert(abi.encodeWithSelector(IPNVaultBase.ZeroShares.selector, 1e9));
        vault.deposit{value: 1e9}(dave);
    }

    function testDepositPWithoutApproval() public {
        SeriesKey memory k = cur();
        splitAs(bob, k, 1 ether);
        vm.prank(bob);
        vm.expectRevert(); // the P token's allowance check
        vault.depositP(1 ether, bob);
    }

    /*//////////////////////////////////////////////////////////////
                                EFFECTS
    //////////////////////////////////////////////////////////////*/

    function testFuzzFirstDepositETH(uint256 amount) public {
        amount = bound(amount, 1, 1e30);
        SeriesKey memory k = cur();
        vm.deal(alice, amount);
        vm.expectEmit(address(vault));
        emit IPNVaultBase.Deposit(alice, alice, idOf(k), amount, amount, amount);
        vm.prank(alice);
        uint256 shares = vault.deposit{value: amount}(alice);
        assertEq(shares, amount, "one share per P at first");
        assertEq(vault.balanceOf(alice), amount);
        assertEq(vault.totalSupply(), amount);
        assertEq(pHeld(k), amount, "the vault keeps the P");
        assertEq(nOf(k).balanceOf(alice), amount, "the depositor gets the N");
        assertEq(pOf(k).balanceOf(alice), 0);
        assertEq(address(vault).balance, 0);
        assertEq(weth.balanceOf(address(vault)), 0);
    }

    /// @dev VT-1: a second deposit, after the holdings per share changed (a donation), mints
    /// `floor(a * (T + V) / (H + V))` and lowers nobody's claim.
    function testFuzzDepositAfterDonation(uint256 first, uint256 donation, uint256 amount) public {
        first = bound(first, 1e6, 1e27);
        donation = bound(donation, 0, 1e27);
        amount = bound(amount, 1e9, 1e27);
        depositETH(alice, first);
        SeriesKey memory k = cur();
        if (donation != 0) {
            splitAs(carol, k, donation);
            address p = address(pOf(k));
            vm.prank(carol);
            assertTrue(PNToken(p).transfer(address(vault), donation));
        }
        uint256 held = pHeld(k);
        uint256 supply = vault.totalSupply();
        (uint256 aliceBefore,) = vault.previewWithdraw(vault.balanceOf(alice));
        uint256 expected = VaultMath.sharesFor(amount, held, supply);
        vm.assume(expected > 0);
        assertEq(vault.previewDeposit(amount), expected);

        uint256 shares = depositETH(bob, amount);
        assertEq(shares, expected);
        assertEq(pHeld(k), held + amount);
        (uint256 aliceAfter,) = vault.previewWithdraw(vault.balanceOf(alice));
        assertGe(aliceAfter, aliceBefore, "VT-1: alice's claim did not fall");
        (uint256 bobClaim,) = vault.previewWithdraw(shares);
        assertLe(bobClaim, amount, "bob cannot take out more than he brought");
    }

    function testFuzzDepositP(uint256 amount) public {
        amount = bound(amount, 1, 1e30);
        depositETH(alice, 3 ether);
        SeriesKey memory k = cur();
        uint256 expected = vault.previewDeposit(amount);
        splitAs(bob, k, amount);
        address p = address(pOf(k));
        vm.startPrank(bob);
        PNToken(p).approve(address(vault), amount);
        vm.expectEmit(address(vault));
        emit IPNVaultBase.Deposit(bob, dave, idOf(k), amount, 0, expected);
        uint256 shares = vault.depositP(amount, dave);
        vm.stopPrank();
        assertEq(shares, expected);
        assertEq(vault.balanceOf(dave), shares, "shares to the receiver");
        assertEq(pHeld(k), 3 ether + amount);
        assertEq(nOf(k).balanceOf(bob), amount, "the depositor kept its N");
    }

    /// @dev A deposit after a roll auction filled in full closes it first (no keeper needed) and goes into the new
    /// series.
    function testDepositClosesAFilledAuction() public {
        depositETH(alice, 10 ether);
        warpToScheduled();
        uint256 orderId = trigger(0);
        vm.warp(block.timestamp + 1 hours);
        fillAs(maker, orderId, st().secondHeld);
        SeriesKey memory b = cur();
        vm.deal(bob, 1 ether);
        vm.expectEmit(address(vault));
        emit IPNVaultBase.AuctionClosed(orderId, IPNVaultBase.Phase.Holding, 0);
        vm.prank(bob);
        vault.deposit{value: 1 ether}(bob);
        assertEq(uint8(phase()), uint8(IPNVaultBase.Phase.Holding));
        assertEq(nOf(b).balanceOf(bob), 1 ether, "N of the new series");
    }
}

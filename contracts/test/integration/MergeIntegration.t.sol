// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IPNCore} from "../../src/interfaces/IPNCore.sol";
import {SeriesId, SeriesKey, Side} from "../../src/types/SeriesKey.sol";
import {BaseTest} from "../utils/BaseTest.sol";
import {IERC20} from "forge-std/interfaces/IERC20.sol";
import {SafeTransferLib} from "solady/utils/SafeTransferLib.sol";

contract MergeIntegrationTest is BaseTest {
    uint256 internal constant MAX_AMOUNT = type(uint128).max;

    /*//////////////////////////////////////////////////////////////
                                REVERTS
    //////////////////////////////////////////////////////////////*/

    function testMergeZeroAmount(address to) public {
        splitAs(alice, key, 1 ether);
        vm.startPrank(alice);
        vm.expectRevert(IPNCore.ZeroAmount.selector);
        core.merge(key, 0, to);
        vm.expectRevert(IPNCore.ZeroAmount.selector);
        core.mergeToETH(key, 0, payable(to));
        vm.stopPrank();
    }

    function testMergeZeroRecipient(uint256 amount) public {
        amount = bound(amount, 1, MAX_AMOUNT);
        splitAs(alice, key, amount);
        vm.startPrank(alice);
        vm.expectRevert(IPNCore.ZeroAddress.selector);
        core.merge(key, amount, address(0));
        vm.expectRevert(IPNCore.ZeroAddress.selector);
        core.mergeToETH(key, amount, payable(address(0)));
        vm.stopPrank();
    }

    function testMergeMoreThanHeld(uint256 held, uint256 amount) public {
        held = bound(held, 0, MAX_AMOUNT - 1);
        amount = bound(amount, held + 1, MAX_AMOUNT);
        if (held > 0) splitAs(alice, key, held);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IPNCore.InsufficientBalance.selector, id, Side.P, alice, held, amount));
        core.merge(key, amount, alice);
    }

    function testMergeInsufficientP(uint256 amount, uint256 moved) public {
        amount = bound(amount, 1, MAX_AMOUNT);
        moved = bound(moved, 1, amount);
        splitAs(alice, key, amount);
        vm.prank(alice);
        assertTrue(pToken.transfer(bob, moved));

        vm.prank(alice);
        vm.expectRevert(
            abi.encodeWithSelector(IPNCore.InsufficientBalance.selector, id, Side.P, alice, amount - moved, amount)
        );
        core.merge(key, amount, alice);
    }

    function testMergeInsufficientN(uint256 amount, uint256 moved) public {
        amount = bound(amount, 1, MAX_AMOUNT);
        moved = bound(moved, 1, amount);
        splitAs(alice, key, amount);
        vm.prank(alice);
        assertTrue(nToken.transfer(bob, moved));

        vm.prank(alice);
        vm.expectRevert(
            abi.encodeWithSelector(IPNCore.InsufficientBalance.selector, id, Side.N, alice, amount - moved, amount)
        );
        core.mergeToETH(key, amount, payable(alice));
    }

    /// @dev Merge does not check that the series exists: holding nothing in it, the caller fails the balance check.
    function testMergeUnknownSeries(uint256 amount) public {
        amount = bound(amount, 1, MAX_AMOUNT);
        SeriesKey memory missing = keyOf(address(weth), 2000 * WAD, MATURITY);
        SeriesId missingId = core.seriesId(missing);
        vm.prank(alice);
        vm.expectRevert(
            abi.encodeWithSelector(IPNCore.InsufficientBalance.selector, missingId, Side.P, alice, 0, amount)
        );
        core.merge(missing, amount, alice);
    }

    function testMergeToETHNativeNotSupported(uint256 amount) public {
        amount = bound(amount, 1, MAX_AMOUNT);
        SeriesKey memory tokenKey = keyOf(address(token), 1500 * WAD, MATURITY);
        createSeries(tokenKey);
        token.mint(alice, amount);
        vm.startPrank(alice);
        token.approve(address(core), amount);
        core.split(tokenKey, amount, alice);
        vm.expectRevert(abi.encodeWithSelector(IPNCore.NativeNotSupported.selector, address(token)));
        core.mergeToETH(tokenKey, amount, payable(alice));
        vm.stopPrank();
    }

    /// @dev The core's `receive` takes ETH from WETH only, so paying the core itself fails (as would any recipient
    /// that rejects ETH).
    function testMergeToETHRecipientRejectsETH(uint256 amount) public {
        amount = bound(amount, 1, MAX_AMOUNT);
        splitAs(alice, key, amount);
        vm.prank(alice);
        vm.expectRevert(SafeTransferLib.ETHTransferFailed.selector);
        core.mergeToETH(key, amount, payable(address(core)));
    }

    /// @dev `receive` exists only for WETH's unwrap during `mergeToETH` / `redeemToETH`.
    function testReceiveRejectsNonWethSender(address sender, uint256 value) public {
        vm.assume(sender != address(weth));
        value = bound(value, 0, MAX_AMOUNT);
        vm.deal(sender, value);
        vm.prank(sender);
        (bool ok, bytes memory err) = address(core).call{value: value}("");
        assertFalse(ok, "accepted ETH");
        assertEq(err, abi.encodeWithSelector(IPNCore.UnexpectedNativeSender.selector, sender));
        assertEq(address(core).balance, 0, "core ETH");
    }

    function testReceiveAcceptsWeth() public {
        vm.deal(address(weth), 1);
        vm.prank(address(weth));
        (bool ok,) = address(core).call{value: 1}("");
        assertTrue(ok);
    }

    /*//////////////////////////////////////////////////////////////
                                EFFECTS
    //////////////////////////////////////////////////////////////*/

    function testMerge(uint256 split, uint256 amount, address to) public {
        split = bound(split, 1, MAX_AMOUNT);
        amount = bound(amount, 1, split);
        vm.assume(to != address(0) && to != address(core) && to != alice);
        splitAs(alice, key, split);

        vm.expectEmit(address(core));
        emit IPNCore.Merge(id, alice, to, amount);
        vm.expectEmit(address(pToken));
        emit IERC20.Transfer(alice, address(0), amount);
        vm.expectEmit(address(nToken));
        emit IERC20.Transfer(alice, address(0), amount);
        vm.expectEmit(address(weth));
        emit IERC20.Transfer(address(core), to, amount);
        vm.prank(alice);
        core.merge(key, amount, to);

        _assertPair(alice, split - amount, split - amount);
        _assertPair(to, 0, 0);
        _assertSeries(split - amount);
        assertEq(weth.balanceOf(to), amount, "recipient WETH");
    }

    function testMergeToETH(uint256 split, uint256 amount) public {
        split = bound(split, 1, MAX_AMOUNT);
        amount = bound(amount, 1, split);
        splitAs(alice, key, split);

        vm.expectEmit(address(core));
        emit IPNCore.Merge(id, alice, bob, amount);
        vm.expectEmit(address(pToken));
        emit IERC20.Transfer(alice, address(0), amount);
        vm.expectEmit(address(nToken));
        emit IERC20.Transfer(alice, address(0), amount);
        vm.prank(alice);
        core.mergeToETH(key, amount, payable(bob));

        assertEq(bob.balance, amount, "recipient ETH");
        assertEq(weth.balanceOf(bob), 0, "recipient WETH");
        assertEq(address(core).balance, 0, "core ETH");
        _assertPair(alice, split - amount, split - amount);
        _assertSeries(split - amount);
    }

    /// @dev Merging pairs moved in by transfers works like merging one's own split.
    function testMergeTransferredPair(uint256 amount) public {
        amount = bound(amount, 1, MAX_AMOUNT);
        splitAs(alice, key, amount);
        vm.startPrank(alice);
        assertTrue(pToken.transfer(bob, amount));
        assertTrue(nToken.transfer(bob, amount));
        vm.stopPrank();

        vm.prank(bob);
        core.merge(key, amount, bob);
        assertEq(weth.balanceOf(bob), amount, "bob WETH");
        _assertPair(bob, 0, 0);
        _assertSeries(0);
    }

    /// @dev Past maturity, with the oracle still silent, pairs can still leave.
    function testMergeAfterMaturityBeforeSettlement(uint256 split, uint256 amount, uint256 elapsed) public {
        split = bound(split, 1, MAX_AMOUNT);
        amount = bound(amount, 1, split);
        elapsed = bound(elapsed, 0, 10 * 365 days);
        splitAs(alice, key, split);
        vm.warp(MATURITY + elapsed);

        vm.prank(alice);
        core.merge(key, amount, alice);
        assertEq(weth.balanceOf(alice), amount, "alice WETH");
        _assertSeries(split - amount);
        assertEq(core.settlementOf(id), 0, "not settled");
    }

    function testMergeAfterSettlement(uint256 split, uint256 amount, uint256 xWad) public {
        split = bound(split, 1, MAX_AMOUNT);
        amount = bound(amount, 1, split);
        xWad = bound(xWad, 1, type(uint128).max);
        splitAs(alice, key, split);
        settleAt(key, xWad);

        vm.expectEmit(address(core));
        emit IPNCore.Merge(id, alice, alice, amount);
        vm.prank(alice);
        core.merge(key, amount, alice);

        assertEq(weth.balanceOf(alice), amount, "a pair pays exactly 1 after settlement");
        assertEq(core.settlementOf(id), xWad, "x unchanged");
        _assertPair(alice, split - amount, split - amount);
        _assertSeries(split - amount);
    }

    function testMergeToETHAfterSettlement(uint256 split, uint256 amount, uint256 xWad) public {
        split = bound(split, 1, MAX_AMOUNT);
        amount = bound(amount, 1, split);
        xWad = bound(xWad, 1, type(uint128).max);
        splitAs(alice, key, split);
        settleAt(key, xWad);

        vm.prank(alice);
        core.mergeToETH(key, amount, payable(bob));
        assertEq(bob.balance, amount, "recipient ETH");
        assertEq(address(core).balance, 0, "core ETH");
        _assertSeries(split - amount);
    }

    /// @dev After one holder redeems single sides, another's pairs still merge at par, and the last redemption
    /// leaves at most 1 wei of dust per side redeemed.
    function testMergeAfterRedemptions(uint256 a, uint256 b, uint256 xWad) public {
        a = bound(a, 1, MAX_AMOUNT / 2);
        b = bound(b, 1, MAX_AMOUNT / 2);
        xWad = bound(xWad, 1, type(uint128).max);
        splitAs(alice, key, a);
        splitAs(bob, key, b);
        settleAt(key, xWad);

        vm.prank(bob);
        uint256 pPaid = core.redeem(key, b, 0, bob);
        vm.prank(alice);
        core.merge(key, a, alice);
        assertEq(weth.balanceOf(alice), a, "alice paid at par");
        assertEq(core.collateralOf(id), b - pPaid, "collateral after merge");
        assertEq(weth.balanceOf(address(core)), core.collateralOf(id), "core WETH");

        vm.prank(bob);
        uint256 nPaid = core.redeem(key, 0, b, bob);
        assertLe(core.collateralOf(id), 2, "dust");
        assertEq(core.collateralOf(id), b - pPaid - nPaid, "collateral after all");
        assertEq(weth.balanceOf(address(core)), core.collateralOf(id), "core WETH after all");
    }

    /*//////////////////////////////////////////////////////////////
                                HELPERS
    //////////////////////////////////////////////////////////////*/

    function _assertPair(address who, uint256 p, uint256 n) internal view {
        (uint256 actualP, uint256 actualN) = core.balancesOf(id, who);
        assertEq(actualP, p, "P balance");
        assertEq(actualN, n, "N balance");
    }

    /// @dev Supplies equal `supply`, as does the collateral the core records and holds.
    function _assertSeries(uint256 supply) internal view {
        (uint256 pSupply, uint256 nSupply) = core.suppliesOf(id);
        assertEq(pSupply, supply, "P supply");
        assertEq(nSupply, supply, "N supply");
        assertEq(core.collateralOf(id), supply, "collateralOf");
        assertEq(weth.balanceOf(address(core)), supply, "core WETH");
    }
}

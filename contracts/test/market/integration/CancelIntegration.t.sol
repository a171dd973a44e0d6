// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IPNMarket} from "../../../src/interfaces/IPNMarket.sol";
import {MarketBaseTest} from "../utils/MarketBaseTest.sol";
import {IERC20} from "forge-std/interfaces/IERC20.sol";

/// @notice `cancel` and `cancelToETH`: MK-5, a cancel returns exactly the unfilled escrow to the maker.
contract CancelIntegrationTest is MarketBaseTest {
    uint256 internal constant AMOUNT = 100 ether;
    uint256 internal constant PRICE = 0.21e18;

    function _ask(uint256 expiry) internal returns (uint256) {
        IPNMarket.AskParams memory p = curvedAsk(address(nToken), address(weth), AMOUNT, 2 * PRICE, PRICE, 1 days, 0);
        p.expiry = expiry;
        return postAskAs(maker, key, p);
    }

    /*//////////////////////////////////////////////////////////////
                                REVERTS
    //////////////////////////////////////////////////////////////*/

    function testCancelUnknownOrder(uint256 orderId) public {
        vm.expectRevert(abi.encodeWithSelector(IPNMarket.OrderNotOpen.selector, orderId));
        market.cancel(orderId);
        vm.expectRevert(abi.encodeWithSelector(IPNMarket.OrderNotOpen.selector, orderId));
        market.cancelToETH(orderId);
    }

    function testCancelTwice() public {
        uint256 orderId = _ask(0);
        vm.startPrank(maker);
        market.cancel(orderId);
        vm.expectRevert(abi.encodeWithSelector(IPNMarket.OrderNotOpen.selector, orderId));
        market.cancel(orderId);
        vm.stopPrank();
    }

    /// @dev Before expiry (or without one) only the maker may cancel.
    function testCancelNotMaker(address caller, uint256 expiry, uint256 elapsed) public {
        vm.assume(caller != maker);
        expiry = expiry % 2 == 0 ? 0 : bound(expiry, block.timestamp + 1, type(uint32).max);
        uint256 orderId = _ask(expiry);
        elapsed = bound(elapsed, 0, expiry == 0 ? 365 days : expiry - block.timestamp - 1);
        vm.warp(block.timestamp + elapsed);
        vm.prank(caller);
        vm.expectRevert(abi.encodeWithSelector(IPNMarket.CancelNotAllowed.selector, orderId, caller, maker, expiry));
        market.cancel(orderId);
    }

    /// @dev `cancelToETH` is the maker's choice only, even after expiry.
    function testCancelToETHNotMaker() public {
        uint256 expiry = block.timestamp + 1 hours;
        uint256 orderId = postBidAs(maker, address(nToken), AMOUNT, PRICE, expiry);
        vm.warp(expiry);
        vm.prank(carol);
        vm.expectRevert(abi.encodeWithSelector(IPNMarket.CancelNotAllowed.selector, orderId, carol, maker, expiry));
        market.cancelToETH(orderId);
    }

    function testCancelToETHOnAsk() public {
        uint256 orderId = _ask(0);
        vm.prank(maker);
        vm.expectRevert(abi.encodeWithSelector(IPNMarket.NotBid.selector, orderId));
        market.cancelToETH(orderId);
    }

    function testCancelToETHNativeNotSupported() public {
        uint256 orderId = postBidAs(maker, address(nTokenU), 1e6, 0.3e18, 0);
        vm.prank(maker);
        vm.expectRevert(abi.encodeWithSelector(IPNMarket.NativeNotSupported.selector, address(usdc)));
        market.cancelToETH(orderId);
    }

    /*//////////////////////////////////////////////////////////////
                                EFFECTS
    //////////////////////////////////////////////////////////////*/

    /// MK-5: an ask's cancel returns its open amount, after any partial fill.
    function testCancelAsk(uint256 filled) public {
        uint256 orderId = _ask(0);
        filled = bound(filled, 0, AMOUNT - 1);
        if (filled > 0) {
            fundCollateral(taker, address(weth), costOf(filled, 2 * PRICE));
            vm.prank(taker);
            market.fill(orderId, filled, taker);
        }
        vm.expectEmit(address(market));
        emit IPNMarket.OrderClosed(orderId, maker, maker, true, AMOUNT - filled);
        vm.expectEmit(address(nToken));
        emit IERC20.Transfer(address(market), maker, AMOUNT - filled);
        vm.prank(maker);
        assertEq(market.cancel(orderId), AMOUNT - filled);

        assertEq(nToken.balanceOf(maker), AMOUNT - filled, "MK-5");
        assertEq(nToken.balanceOf(address(market)), 0, "MK-1");
        assertEq(market.orderOf(orderId).maker, address(0), "deleted");
    }

    /// MK-5: a bid's cancel returns its escrow left, rounding leftover included.
    function testCancelBid(uint256 filled, uint256 priceWad) public {
        priceWad = bound(priceWad, 1, 1e18);
        uint256 orderId = postBidAs(maker, address(nTokenB), AMOUNT, priceWad, 0);
        filled = bound(filled, 0, AMOUNT - 1);
        uint256 paid;
        if (filled > 0) {
            mintPairs(taker, keyB, filled);
            vm.prank(taker);
            paid = market.fill(orderId, filled, taker);
        }
        uint256 escrowLeft = escrowOf(AMOUNT, priceWad) - paid;
        vm.prank(maker);
        assertEq(market.cancel(orderId), escrowLeft);
        assertEq(weth.balanceOf(maker), escrowLeft, "MK-5");
        assertEq(weth.balanceOf(address(market)), 0, "MK-1");
        assertGe(escrowLeft * WAD, (AMOUNT - filled) * priceWad, "at least the unfilled part's value");
    }

    /// @dev Anyone may cancel an expired order; the escrow still goes to the maker.
    function testCancelExpiredByAnyone(address caller, uint256 elapsed) public {
        vm.assume(caller != address(0) && caller != maker && caller != address(market));
        uint256 expiry = block.timestamp + 1 days;
        uint256 orderId = _ask(expiry);
        vm.warp(bound(elapsed, expiry, expiry + 365 days));
        vm.expectEmit(address(market));
        emit IPNMarket.OrderClosed(orderId, maker, caller, true, AMOUNT);
        vm.prank(caller);
        market.cancel(orderId);
        assertEq(nToken.balanceOf(maker), AMOUNT, "MK-5");
        assertEq(nToken.balanceOf(caller), 0);
    }

    /// @dev Cancel and fill in one block, in that order: the fill fails and nothing moves.
    function testCancelThenFillSameBlock() public {
        uint256 orderId = _ask(0);
        fundCollateral(taker, address(weth), 1 ether);
        vm.prank(maker);
        market.cancel(orderId);
        vm.prank(taker);
        vm.expectRevert(abi.encodeWithSelector(IPNMarket.OrderNotOpen.selector, orderId));
        market.fill(orderId, 1, taker);
        assertEq(weth.balanceOf(taker), 1 ether);
    }

    /// @dev Fill then cancel in one block: the cancel returns exactly what the fill left.
    function testFillThenCancelSameBlock(uint256 filled) public {
        uint256 orderId = postBidAs(maker, address(nTokenB), AMOUNT, PRICE, 0);
        filled = bound(filled, 1, AMOUNT - 1);
        mintPairs(taker, keyB, filled);
        vm.prank(taker);
        uint256 paid = market.fill(orderId, filled, taker);
        vm.prank(maker);
        assertEq(market.cancel(orderId), escrowOf(AMOUNT, PRICE) - paid, "MK-5");
    }

    /// @dev `cancelToETH`: the maker gets its escrow back in ETH.
    function testCancelToETH(uint256 amount) public {
        amount = bound(amount, 1, 1e30);
        uint256 escrow = escrowOf(amount, PRICE);
        vm.deal(maker, escrow);
        vm.startPrank(maker);
        uint256 orderId = market.postBid{value: escrow}(address(nToken), amount, PRICE, 0);
        assertEq(market.cancelToETH(orderId), escrow);
        vm.stopPrank();
        assertEq(maker.balance, escrow, "MK-5");
        assertEq(weth.balanceOf(address(market)), 0);
        assertEq(address(market).balance, 0);
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IPNMarket} from "../../../src/interfaces/IPNMarket.sol";
import {AuctionLib} from "../../../src/market/libraries/AuctionLib.sol";
import {MarketBaseTest} from "../utils/MarketBaseTest.sol";
import {IERC20} from "forge-std/interfaces/IERC20.sol";
import {SafeTransferLib} from "solady/utils/SafeTransferLib.sol";

/// @notice `fill` on asks: flat (limit sells), Dutch auctions and roll orders, in ERC-20 and native ETH.
contract FillAskIntegrationTest is MarketBaseTest {
    uint256 internal constant AMOUNT = 100 ether;
    uint256 internal constant PRICE = 0.04e18;

    function _flatAsk() internal returns (uint256) {
        return postAskAs(maker, key, flatAsk(address(nToken), address(weth), AMOUNT, PRICE));
    }

    /*//////////////////////////////////////////////////////////////
                                REVERTS
    //////////////////////////////////////////////////////////////*/

    function testFillZeroAmount() public {
        uint256 orderId = _flatAsk();
        vm.expectRevert(IPNMarket.ZeroAmount.selector);
        market.fill(orderId, 0, taker);
    }

    function testFillZeroRecipient() public {
        uint256 orderId = _flatAsk();
        vm.expectRevert(IPNMarket.ZeroAddress.selector);
        market.fill(orderId, 1, address(0));
    }

    function testFillUnknownOrder(uint256 orderId) public {
        vm.expectRevert(abi.encodeWithSelector(IPNMarket.OrderNotOpen.selector, orderId));
        market.fill(orderId, 1, taker);
    }

    function testFillFilledOrder() public {
        uint256 orderId = _flatAsk();
        fundCollateral(taker, address(weth), costOf(AMOUNT, PRICE));
        vm.startPrank(taker);
        market.fill(orderId, AMOUNT, taker);
        vm.expectRevert(abi.encodeWithSelector(IPNMarket.OrderNotOpen.selector, orderId));
        market.fill(orderId, 1, taker);
        vm.stopPrank();
    }

    /// @dev Cancel and fill in the same block: whichever comes second fails.
    function testFillCancelledOrderSameBlock() public {
        uint256 orderId = _flatAsk();
        vm.prank(maker);
        market.cancel(orderId);
        vm.expectRevert(abi.encodeWithSelector(IPNMarket.OrderNotOpen.selector, orderId));
        market.fill(orderId, 1, taker);
    }

    function testFillExpiredOrder(uint256 after_) public {
        IPNMarket.AskParams memory p = flatAsk(address(nToken), address(weth), AMOUNT, PRICE);
        p.expiry = block.timestamp + 1 days;
        uint256 orderId = postAskAs(maker, key, p);
        vm.warp(bound(after_, p.expiry, p.expiry + 365 days));
        vm.expectRevert(abi.encodeWithSelector(IPNMarket.OrderExpired.selector, orderId, p.expiry));
        market.fill(orderId, 1, taker);
    }

    /// MK-2: never beyond what is open.
    function testFillExceedsRemaining(uint256 first, uint256 second) public {
        uint256 orderId = _flatAsk();
        first = bound(first, 0, AMOUNT - 1);
        if (first > 0) {
            fundCollateral(taker, address(weth), costOf(first, PRICE));
            vm.prank(taker);
            market.fill(orderId, first, taker);
        }
        second = bound(second, AMOUNT - first + 1, type(uint256).max);
        vm.expectRevert(
            abi.encodeWithSelector(IPNMarket.FillExceedsRemaining.selector, orderId, AMOUNT - first, second)
        );
        market.fill(orderId, second, taker);
    }

    function testFillToETHOnAsk() public {
        uint256 orderId = _flatAsk();
        vm.expectRevert(abi.encodeWithSelector(IPNMarket.NotBid.selector, orderId));
        market.fillToETH(orderId, 1, payable(taker));
    }

    function testFillNativeNotSupported() public {
        uint256 orderId = postAskAs(maker, key, flatAsk(address(pToken), address(pTokenB), AMOUNT, 1e18));
        vm.deal(taker, 1 ether);
        vm.prank(taker);
        vm.expectRevert(abi.encodeWithSelector(IPNMarket.NativeNotSupported.selector, address(pTokenB)));
        market.fill{value: 1 ether}(orderId, 1, taker);
    }

    function testFillNativeValueTooLow(uint256 amount, uint256 value) public {
        uint256 orderId = _flatAsk();
        amount = bound(amount, 1 ether, AMOUNT);
        uint256 cost = costOf(amount, PRICE);
        value = bound(value, 1, cost - 1);
        vm.deal(taker, value);
        vm.prank(taker);
        vm.expectRevert(abi.encodeWithSelector(IPNMarket.NativeValueTooLow.selector, value, cost));
        market.fill{value: value}(orderId, amount, taker);
    }

    function testFillWithoutPayment(uint256 amount) public {
        uint256 orderId = _flatAsk();
        amount = bound(amount, 1, AMOUNT);
        vm.prank(taker);
        vm.expectRevert(SafeTransferLib.TransferFromFailed.selector);
        market.fill(orderId, amount, taker);
    }

    /*//////////////////////////////////////////////////////////////
                                EFFECTS
    //////////////////////////////////////////////////////////////*/

    /// @dev Partial fill of a flat ask: the taker pays `ceil(amount * price)` to the maker (MK-3), `to` gets the
    /// tokens, the escrow shrinks by exactly the fill (MK-1), and the rest stays open.
    function testFillAskPartial(uint256 amount, uint256 priceWad, address to) public {
        priceWad = bound(priceWad, 1, 2e18);
        amount = bound(amount, 1, AMOUNT - 1);
        vm.assume(to != address(0) && to != address(market) && to != maker && to != taker);
        uint256 orderId = postAskAs(maker, key, flatAsk(address(nToken), address(weth), AMOUNT, priceWad));
        uint256 cost = costOf(amount, priceWad);
        fundCollateral(taker, address(weth), cost);

        vm.expectEmit(address(market));
        emit IPNMarket.OrderFilled(orderId, taker, to, amount, cost, AMOUNT - amount);
        vm.expectEmit(address(weth));
        emit IERC20.Transfer(taker, maker, cost);
        vm.expectEmit(address(nToken));
        emit IERC20.Transfer(address(market), to, amount);
        vm.prank(taker);
        assertEq(market.fill(orderId, amount, to), cost);

        assertGe(cost * WAD, amount * priceWad, "MK-3: maker received less than its price");
        assertEq(weth.balanceOf(maker), cost);
        assertEq(weth.balanceOf(taker), 0);
        assertEq(nToken.balanceOf(to), amount);
        assertEq(nToken.balanceOf(address(market)), AMOUNT - amount, "MK-1");
        assertEq(market.orderOf(orderId).amount, AMOUNT - amount, "MK-2");
    }

    /// @dev The last fill closes the order and deletes it.
    function testFillAskFull(uint256 first) public {
        uint256 orderId = _flatAsk();
        first = bound(first, 1, AMOUNT - 1);
        fundCollateral(taker, address(weth), costOf(first, PRICE) + costOf(AMOUNT - first, PRICE));
        vm.startPrank(taker);
        market.fill(orderId, first, taker);
        vm.expectEmit(address(market));
        emit IPNMarket.OrderFilled(orderId, taker, taker, AMOUNT - first, costOf(AMOUNT - first, PRICE), 0);
        vm.expectEmit(address(market));
        emit IPNMarket.OrderClosed(orderId, maker, taker, false, 0);
        market.fill(orderId, AMOUNT - first, taker);
        vm.stopPrank();

        assertEq(nToken.balanceOf(address(market)), 0, "MK-1: nothing left in escrow");
        assertEq(nToken.balanceOf(taker), AMOUNT);
        assertEq(market.orderOf(orderId).maker, address(0), "deleted");
        (,,, uint256 fillable,) = market.fillableOf(orderId);
        assertEq(fillable, 0);
    }

    /// @dev A Dutch auction fills at the curve's price at the block's time, rounded up (MK-3, MK-4).
    function testFillAuctionAtCurrentPrice(uint256 elapsed, uint256 halfLife, uint256 amount) public {
        elapsed = bound(elapsed, 0, 3 days);
        halfLife = bound(halfLife, 0, 12 hours);
        amount = bound(amount, 1, AMOUNT);
        uint256 t0 = block.timestamp;
        uint256 orderId =
            postAskAs(maker, key, curvedAsk(address(nToken), address(weth), AMOUNT, 0.1e18, 0.02e18, 2 days, halfLife));
        vm.warp(t0 + elapsed);
        uint256 price = AuctionLib.priceAt(0.1e18, 0.02e18, 2 days, halfLife, elapsed);
        assertEq(market.priceAt(orderId, block.timestamp), price);
        uint256 cost = costOf(amount, price);
        assertEq(market.quote(orderId, amount), cost, "quote");
        fundCollateral(taker, address(weth), cost);
        vm.prank(taker);
        assertEq(market.fill(orderId, amount, taker), cost);
        assertEq(weth.balanceOf(maker), cost);
        assertGe(price, 0.02e18, "MK-3: never below the floor");
    }

    /// @dev A roll order: the filler delivers P of B to the holder and takes P of A (the spread trade).
    function testFillRollOrder(uint256 amount, uint256 elapsed) public {
        amount = bound(amount, 1, AMOUNT);
        elapsed = bound(elapsed, 0, 2 days);
        uint256 orderId =
            postAskAs(alice, key, curvedAsk(address(pToken), address(pTokenB), AMOUNT, 1.3e18, 1.2e18, 1 days, 0));
        vm.warp(block.timestamp + elapsed);
        uint256 price = market.priceAt(orderId, block.timestamp);
        uint256 cost = costOf(amount, price);
        mintPairs(taker, keyB, cost);

        vm.prank(taker);
        assertEq(market.fill(orderId, amount, taker), cost);
        assertEq(pTokenB.balanceOf(alice), cost, "holder received P of B");
        assertEq(pToken.balanceOf(taker), amount, "filler took P of A");
        assertEq(pToken.balanceOf(address(market)), AMOUNT - amount, "MK-1");
    }

    /// @dev Native payment: the market wraps the cost, pays the maker WETH and returns the excess ETH.
    function testFillAskNative(uint256 amount, uint256 excess) public {
        uint256 orderId = _flatAsk();
        amount = bound(amount, 1, AMOUNT);
        excess = bound(excess, 0, 10 ether);
        uint256 cost = costOf(amount, PRICE);
        vm.deal(taker, cost + excess);
        vm.prank(taker);
        assertEq(market.fill{value: cost + excess}(orderId, amount, taker), cost);
        assertEq(weth.balanceOf(maker), cost, "maker paid in WETH");
        assertEq(taker.balance, excess, "excess returned");
        assertEq(address(market).balance, 0, "no ETH kept");
        assertEq(weth.balanceOf(address(market)), 0, "no WETH kept");
        assertEq(nToken.balanceOf(taker), amount);
    }

    /// @dev Dust: a 1-wei fill at a price below one costs one wei (rounded up toward the maker).
    function testFillAskDust(uint256 amount) public {
        uint256 orderId = _flatAsk();
        amount = bound(amount, 1, WAD / PRICE); // amount * price <= 1e18: at most one wei exact
        fundCollateral(taker, address(weth), 1);
        vm.prank(taker);
        assertEq(market.fill(orderId, amount, taker), 1);
        assertEq(weth.balanceOf(maker), 1);
    }

    /// @dev Fills by several takers sum to the order; each pays its own rounded-up cost.
    function testFillAskManyTakers(uint256 a, uint256 b) public {
        uint256 orderId = _flatAsk();
        a = bound(a, 1, AMOUNT - 1);
        b = AMOUNT - a;
        fundCollateral(taker, address(weth), costOf(a, PRICE));
        fundCollateral(carol, address(weth), costOf(b, PRICE));
        vm.prank(taker);
        market.fill(orderId, a, taker);
        vm.prank(carol);
        market.fill(orderId, b, carol);
        assertEq(weth.balanceOf(maker), costOf(a, PRICE) + costOf(b, PRICE));
        assertGe(weth.balanceOf(maker) * WAD, AMOUNT * PRICE, "MK-3 over the whole order");
        assertEq(nToken.balanceOf(address(market)), 0);
    }
}

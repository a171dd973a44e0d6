// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IPNMarket} from "../../../src/interfaces/IPNMarket.sol";
import {PNMarket} from "../../../src/market/PNMarket.sol";
import {MarketBaseTest} from "../utils/MarketBaseTest.sol";

/// @notice What a bot reads: orders one by one or in batches, what is fillable now, prices and quotes.
contract ViewsIntegrationTest is MarketBaseTest {
    function testConstruction() public view {
        assertEq(market.core(), address(core));
        assertEq(market.WETH(), address(weth));
        assertEq(router.core(), address(core));
        assertEq(router.market(), address(market));
        assertEq(market.orderCount(), 0);
        assertEq(market.tokenCount(), 0);
    }

    function testClosedOrderViews(uint256 orderId, uint256 t) public view {
        IPNMarket.Order memory o = market.orderOf(orderId);
        assertEq(o.maker, address(0));
        assertEq(o.amount, 0);
        (address token, address counter, bool isBid, uint256 fillable, uint256 price) = market.fillableOf(orderId);
        assertEq(token, address(0));
        assertEq(counter, address(0));
        assertFalse(isBid);
        assertEq(fillable + price, 0);
        assertEq(market.priceAt(orderId, t), 0);
        assertEq(market.quote(orderId, 1 ether), 0);
    }

    function testOrdersOf() public {
        postBidAs(maker, address(nToken), 1 ether, 0.1e18, 0);
        postAskAs(alice, key, curvedAsk(address(pToken), address(pTokenB), 2 ether, 1.2e18, 1.1e18, 1 days, 1 hours));
        uint256[] memory list = new uint256[](3);
        (list[0], list[1], list[2]) = (2, 1, 7);
        IPNMarket.Order[] memory orders = market.ordersOf(list);
        assertEq(orders.length, 3);
        assertEq(orders[0].maker, alice);
        assertEq(orders[0].halfLife, 1 hours);
        assertEq(orders[0].escrow, 2 ether);
        assertEq(orders[1].maker, maker);
        assertTrue(orders[1].isBid);
        assertEq(orders[1].escrow, 0.1 ether);
        assertEq(orders[2].maker, address(0), "unknown id reads as closed");
    }

    /// @dev `fillableOf` is 0 once expired; the price keeps following the curve; `quote` rounds as `fill`.
    function testFillableOfAndQuote(uint256 elapsed) public {
        IPNMarket.AskParams memory p = curvedAsk(address(nToken), address(weth), 10 ether, 0.3e18, 0.1e18, 1 days, 0);
        p.expiry = block.timestamp + 2 days;
        uint256 orderId = postAskAs(maker, key, p);
        elapsed = bound(elapsed, 0, 3 days);
        vm.warp(block.timestamp + elapsed);
        (address token, address counter, bool isBid, uint256 fillable, uint256 price) = market.fillableOf(orderId);
        assertEq(token, address(nToken));
        assertEq(counter, address(weth));
        assertFalse(isBid);
        assertEq(fillable, elapsed >= 2 days ? 0 : 10 ether);
        assertEq(price, market.priceAt(orderId, block.timestamp));
        assertEq(market.quote(orderId, 3), costOf(3, price));
    }

    /// @dev Before its start (a timestamp in the past) an ask reads at its start price.
    function testPriceAtBeforeStart() public {
        vm.warp(block.timestamp + 10 days);
        uint256 orderId =
            postAskAs(maker, key, curvedAsk(address(nToken), address(weth), 1 ether, 0.3e18, 0.1e18, 1 days, 0));
        assertEq(market.priceAt(orderId, 0), 0.3e18);
        assertEq(market.priceAt(orderId, block.timestamp - 1), 0.3e18);
    }

    function testBidQuoteRoundsDown() public {
        uint256 orderId = postBidAs(maker, address(nToken), 10, 0.15e18, 0);
        assertEq(market.quote(orderId, 6), 0, "floor(0.9)");
        assertEq(market.quote(orderId, 7), 1, "floor(1.05)");
        assertEq(market.priceAt(orderId, block.timestamp + 365 days), 0.15e18, "a bid's price is fixed");
    }

    /// @dev The market accepts ETH only from WETH.
    function testRejectsStrayETH() public {
        vm.deal(alice, 1 ether);
        vm.prank(alice);
        (bool ok, bytes memory ret) = address(market).call{value: 1 ether}("");
        assertFalse(ok);
        assertEq(ret, abi.encodeWithSelector(IPNMarket.UnexpectedNativeSender.selector, alice));
        assertEq(address(PNMarket(payable(address(market)))).balance, 0);
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IPNMarket} from "../../../src/interfaces/IPNMarket.sol";
import {PNToken} from "../../../src/tokens/PNToken.sol";
import {SeriesKey} from "../../../src/types/SeriesKey.sol";
import {ReentrantToken} from "../../mocks/ReentrantToken.sol";
import {MarketBaseTest} from "../utils/MarketBaseTest.sol";
import {ReentrancyGuardTransient} from "solady/utils/ReentrancyGuardTransient.sol";

/// @notice A collateral whose transfers call back into the market (a permissionless series can use any token):
/// every re-entry is refused, and the outer call completes with the books exact.
contract ReentrancyIntegrationTest is MarketBaseTest {
    ReentrantToken internal ree;
    PNToken internal pRee;

    function setUp() public override {
        super.setUp();
        ree = new ReentrantToken();
        SeriesKey memory k = keyOf(address(ree), 1500 * WAD, MATURITY);
        (, pRee,) = createSeries(k);
        ree.mint(maker, 100 ether);
        vm.prank(maker);
        ree.approve(address(market), type(uint256).max);
        // The taker holds P of the series (split on the core) to sell into bids.
        ree.mint(taker, 10 ether);
        vm.startPrank(taker);
        ree.approve(address(core), type(uint256).max);
        core.split(k, 10 ether, taker);
        pRee.approve(address(market), type(uint256).max);
        vm.stopPrank();
    }

    function _assertBlocked() internal view {
        assertTrue(ree.reentered(), "hook did not run");
        assertFalse(ree.reentrySucceeded(), "re-entry succeeded");
        assertEq(ree.reentryResult(), abi.encodeWithSelector(ReentrancyGuardTransient.Reentrancy.selector));
    }

    /// @dev While the escrow is pulled, the token tries to cancel the order being posted.
    function testReentrantCancelDuringPostBlocked() public {
        ree.arm(address(market), abi.encodeCall(IPNMarket.cancel, (1)));
        vm.prank(maker);
        market.postBid(address(pRee), 10 ether, 0.5e18, 0);
        _assertBlocked();
        assertEq(ree.balanceOf(address(market)), 5 ether, "MK-1");
        assertEq(market.orderOf(1).escrow, 5 ether);
    }

    /// @dev While a bid pays its taker, the token tries to fill the same bid again.
    function testReentrantFillDuringPayoutBlocked() public {
        vm.prank(maker);
        uint256 orderId = market.postBid(address(pRee), 10 ether, 0.5e18, 0);
        ree.arm(address(market), abi.encodeCall(IPNMarket.fill, (orderId, 1 ether, address(ree))));
        vm.prank(taker);
        market.fill(orderId, 4 ether, taker);
        _assertBlocked();
        assertEq(ree.balanceOf(taker), 2 ether);
        assertEq(ree.balanceOf(address(market)), 3 ether, "MK-1");
        assertEq(market.orderOf(orderId).amount, 6 ether, "MK-2");
    }

    /// @dev While a cancel refunds the maker, the token tries to cancel again.
    function testReentrantCancelDuringRefundBlocked() public {
        vm.prank(maker);
        uint256 orderId = market.postBid(address(pRee), 10 ether, 0.5e18, 0);
        ree.arm(address(market), abi.encodeCall(IPNMarket.cancel, (orderId)));
        vm.prank(maker);
        assertEq(market.cancel(orderId), 5 ether);
        _assertBlocked();
        assertEq(ree.balanceOf(maker), 100 ether, "MK-5: refunded once");
        assertEq(ree.balanceOf(address(market)), 0);
    }
}

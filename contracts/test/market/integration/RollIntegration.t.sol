// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IPNMarket} from "../../../src/interfaces/IPNMarket.sol";
import {IRollRouter} from "../../../src/interfaces/IRollRouter.sol";
import {SeriesKey, Side} from "../../../src/types/SeriesKey.sol";
import {MarketBaseTest} from "../utils/MarketBaseTest.sol";

/// @notice `RollRouter.roll`: one transaction from P (or N) of series A to series B at resting liquidity.
contract RollIntegrationTest is MarketBaseTest {
    uint256 internal constant POSITION = 10 ether;
    uint256 internal constant ASK_PRICE = 0.05e18; // N_A, deep in the money P_A
    uint256 internal constant BID_PRICE = 0.3e18; // N_B

    uint256 internal askId;
    uint256 internal bidId;

    function setUp() public override {
        super.setUp();
        mintPairs(alice, key, POSITION); // alice holds P_A (and N_A, which she gives away)
        vm.prank(alice);
        assertTrue(nToken.transfer(carol, POSITION));
        askId = postAskAs(maker, key, flatAsk(address(nToken), address(weth), 100 ether, ASK_PRICE));
        bidId = postBidAs(maker, address(nTokenB), 100 ether, BID_PRICE, 0);
        fundCollateral(alice, address(weth), 10 ether);
    }

    function _params(uint256 amountIn, uint256 amountOut, uint256 buffer)
        internal
        view
        returns (IRollRouter.RollParams memory)
    {
        return rollParams(key, keyB, amountIn, amountOut, buffer, ids1(askId), ids1(bidId), alice);
    }

    function _roll(IRollRouter.RollParams memory p) internal returns (uint256) {
        vm.prank(alice);
        return router.roll(p);
    }

    /*//////////////////////////////////////////////////////////////
                                REVERTS
    //////////////////////////////////////////////////////////////*/

    function testRollDeadlineExpired(uint256 late) public {
        IRollRouter.RollParams memory p = _params(POSITION, POSITION, 1 ether);
        late = bound(late, 1, 365 days);
        vm.warp(p.deadline + late);
        vm.expectRevert(abi.encodeWithSelector(IRollRouter.DeadlineExpired.selector, p.deadline, p.deadline + late));
        _roll(p);
    }

    function testRollZeroAmount() public {
        vm.expectRevert(IRollRouter.ZeroAmount.selector);
        _roll(_params(0, POSITION, 1 ether));
        vm.expectRevert(IRollRouter.ZeroAmount.selector);
        _roll(_params(POSITION, 0, 1 ether));
    }

    function testRollZeroRecipient() public {
        IRollRouter.RollParams memory p = _params(POSITION, POSITION, 1 ether);
        p.recipient = address(0);
        vm.expectRevert(IRollRouter.ZeroAddress.selector);
        _roll(p);
    }

    function testRollCollateralMismatch() public {
        IRollRouter.RollParams memory p = _params(POSITION, POSITION, 1 ether);
        p.to = keyU;
        vm.expectRevert(abi.encodeWithSelector(IRollRouter.CollateralMismatch.selector, address(weth), address(usdc)));
        _roll(p);
    }

    function testRollNativeNotSupported() public {
        IRollRouter.RollParams memory p = _params(1e6, 1e6, 1e6);
        p.from = keyU;
        p.to = keyU;
        vm.deal(alice, 1e6);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IRollRouter.NativeNotSupported.selector, address(usdc)));
        router.roll{value: 1e6}(p);
        p.refundETH = true;
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IRollRouter.NativeNotSupported.selector, address(usdc)));
        router.roll(p);
    }

    function testRollNativeValueMismatch(uint256 value) public {
        value = bound(value, 1, 100 ether);
        vm.assume(value != 1 ether);
        vm.deal(alice, value);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IRollRouter.NativeValueMismatch.selector, value, 1 ether));
        router.roll{value: value}(_params(POSITION, POSITION, 1 ether));
    }

    /// @dev An order of another book in either list reverts: a bid among the asks, an ask among the bids, an ask
    /// of another token or wanting another token.
    function testRollWrongOrder() public {
        uint256 otherAsk = postAskAs(bob, keyB, flatAsk(address(nTokenB), address(weth), 1 ether, 0.3e18));
        uint256 wantsP = postAskAs(bob, key, flatAsk(address(nToken), address(pTokenB), 1 ether, 0.1e18));
        uint256[3] memory badAsks = [bidId, otherAsk, wantsP];
        for (uint256 i; i < badAsks.length; ++i) {
            IRollRouter.RollParams memory p = _params(POSITION, POSITION, 1 ether);
            p.asks = ids1(badAsks[i]);
            vm.expectRevert(abi.encodeWithSelector(IRollRouter.WrongOrder.selector, badAsks[i]));
            _roll(p);
        }
        IRollRouter.RollParams memory q = _params(POSITION, POSITION, 1 ether);
        q.bids = ids1(askId);
        vm.expectRevert(abi.encodeWithSelector(IRollRouter.WrongOrder.selector, askId));
        _roll(q);
    }

    function testRollInsufficientAsks(uint256 amountIn) public {
        amountIn = bound(amountIn, 100 ether + 1, 1000 ether);
        mintPairs(alice, key, amountIn);
        fundCollateral(alice, address(weth), 100 ether);
        IRollRouter.RollParams memory p = _params(amountIn, POSITION, 100 ether);
        vm.expectRevert(
            abi.encodeWithSelector(IRollRouter.InsufficientLiquidity.selector, address(nToken), amountIn - 100 ether)
        );
        _roll(p);
    }

    function testRollInsufficientBids(uint256 amountOut) public {
        amountOut = bound(amountOut, 100 ether + 1, 1000 ether);
        fundCollateral(alice, address(weth), amountOut);
        IRollRouter.RollParams memory p = _params(POSITION, amountOut, 1 ether + amountOut);
        vm.expectRevert(
            abi.encodeWithSelector(IRollRouter.InsufficientLiquidity.selector, address(nTokenB), amountOut - 100 ether)
        );
        _roll(p);
    }

    /// @dev No order at all is "insufficient", not a silent no-op.
    function testRollEmptyLists() public {
        IRollRouter.RollParams memory p = _params(POSITION, POSITION, 1 ether);
        p.asks = new uint256[](0);
        vm.expectRevert(abi.encodeWithSelector(IRollRouter.InsufficientLiquidity.selector, address(nToken), POSITION));
        _roll(p);
    }

    /// @dev The asks cost more than the buffer.
    function testRollBufferTooSmallForAsks(uint256 buffer) public {
        uint256 cost = costOf(POSITION, ASK_PRICE);
        buffer = bound(buffer, 0, cost - 1);
        vm.expectRevert(abi.encodeWithSelector(IRollRouter.BufferTooSmall.selector, buffer, cost));
        _roll(_params(POSITION, POSITION, buffer));
    }

    /// @dev A larger position needs the extra collateral in the buffer too.
    function testRollBufferTooSmallForSplit(uint256 extra) public {
        uint256 cost = costOf(POSITION, ASK_PRICE);
        extra = bound(extra, 1, 10 ether);
        vm.expectRevert(abi.encodeWithSelector(IRollRouter.BufferTooSmall.selector, cost, cost + extra));
        _roll(_params(POSITION, POSITION + extra, cost));
    }

    function testRollSlippage(uint256 minRefund) public {
        uint256 buffer = 1 ether;
        uint256 refund = buffer - costOf(POSITION, ASK_PRICE) + proceedsOf(POSITION, BID_PRICE);
        minRefund = bound(minRefund, refund + 1, type(uint256).max);
        IRollRouter.RollParams memory p = _params(POSITION, POSITION, buffer);
        p.minRefund = minRefund;
        vm.expectRevert(abi.encodeWithSelector(IRollRouter.SlippageExceeded.selector, refund, minRefund));
        _roll(p);
    }

    /*//////////////////////////////////////////////////////////////
                                EFFECTS
    //////////////////////////////////////////////////////////////*/

    /// @dev The spread trade: amountIn P_A out, amountOut P_B in, and the collateral accounts exactly:
    /// refund = buffer - cost(asks) + amountIn - amountOut + proceeds(bids). The router keeps nothing.
    function testRoll(uint256 amountIn, uint256 amountOut, uint256 surplus) public {
        amountIn = bound(amountIn, 1, POSITION);
        amountOut = bound(amountOut, 1, 3 * POSITION);
        surplus = bound(surplus, 0, 1 ether);
        uint256 cost = costOf(amountIn, ASK_PRICE);
        uint256 extra = amountOut > amountIn ? amountOut - amountIn : 0;
        uint256 buffer = cost + extra + surplus;
        fundCollateral(alice, address(weth), buffer);
        uint256 proceeds = proceedsOf(amountOut, BID_PRICE);
        uint256 refund = buffer - cost + amountIn - amountOut + proceeds;
        uint256 wethBefore = weth.balanceOf(alice);
        uint256 makerWeth = weth.balanceOf(maker);

        IRollRouter.RollParams memory p = _params(amountIn, amountOut, buffer);
        p.minRefund = refund;
        vm.expectEmit(address(router));
        emit IRollRouter.Rolled(alice, id, idB, Side.P, amountIn, amountOut, cost, proceeds, refund, alice);
        assertEq(_roll(p), refund);

        assertEq(pToken.balanceOf(alice), POSITION - amountIn, "P_A left");
        assertEq(pTokenB.balanceOf(alice), amountOut, "P_B received");
        assertEq(weth.balanceOf(alice), wethBefore - buffer + refund, "collateral accounted");
        assertEq(weth.balanceOf(maker), makerWeth + cost, "ask maker paid");
        assertEq(nTokenB.balanceOf(maker), amountOut, "bid maker received N_B");
        _assertRouterEmpty();
    }

    /// @dev Several orders each side, best first; closed and expired orders on the way are skipped.
    function testRollWalksAndSkips() public {
        uint256 cancelled = postAskAs(bob, key, flatAsk(address(nToken), address(weth), 5 ether, 0.01e18));
        vm.prank(bob);
        market.cancel(cancelled);
        uint256 small = postAskAs(bob, key, flatAsk(address(nToken), address(weth), 3 ether, 0.04e18));
        uint256 expiringBid = postBidAs(bob, address(nTokenB), 50 ether, 0.5e18, block.timestamp + 1 hours);
        uint256 smallBid = postBidAs(carol, address(nTokenB), 4 ether, 0.4e18, 0);
        vm.warp(block.timestamp + 1 hours);

        IRollRouter.RollParams memory p = _params(POSITION, POSITION, 1 ether);
        p.asks = new uint256[](3);
        (p.asks[0], p.asks[1], p.asks[2]) = (cancelled, small, askId);
        p.bids = new uint256[](3);
        (p.bids[0], p.bids[1], p.bids[2]) = (expiringBid, smallBid, bidId);
        p.deadline = block.timestamp;
        uint256 spent = costOf(3 ether, 0.04e18) + costOf(7 ether, ASK_PRICE);
        uint256 proceeds = proceedsOf(4 ether, 0.4e18) + proceedsOf(6 ether, BID_PRICE);
        assertEq(_roll(p), 1 ether - spent + proceeds);

        assertEq(market.orderOf(small).maker, address(0), "small ask taken in full");
        assertEq(market.orderOf(askId).amount, 100 ether - 7 ether);
        assertEq(market.orderOf(smallBid).maker, address(0), "small bid taken in full");
        assertEq(market.orderOf(bidId).amount, 100 ether - 6 ether);
        assertEq(market.orderOf(expiringBid).amount, 50 ether, "expired bid untouched");
        _assertRouterEmpty();
    }

    /// @dev An N holder rolls N_A into N_B: buys P_A, sells P_B.
    function testRollN(uint256 amount) public {
        amount = bound(amount, 1, POSITION);
        mintPairs(bob, key, POSITION);
        vm.prank(bob);
        assertTrue(pToken.transfer(carol, POSITION));
        uint256 pAsk = postAskAs(maker, key, flatAsk(address(pToken), address(weth), POSITION, 0.95e18));
        uint256 pBid = postBidAs(maker, address(pTokenB), POSITION, 0.7e18, 0);
        uint256 buffer = costOf(amount, 0.95e18);
        fundCollateral(bob, address(weth), buffer);

        IRollRouter.RollParams memory p = rollParams(key, keyB, amount, amount, buffer, ids1(pAsk), ids1(pBid), bob);
        p.side = Side.N;
        vm.prank(bob);
        uint256 refund = router.roll(p);
        assertEq(refund, proceedsOf(amount, 0.7e18));
        assertEq(nToken.balanceOf(bob), POSITION - amount);
        assertEq(nTokenB.balanceOf(bob), amount);
        _assertRouterEmpty();
    }

    /// @dev Native ETH: the buffer is `msg.value` and the refund, bids' proceeds included, is paid in ETH.
    function testRollNative(uint256 surplus) public {
        surplus = bound(surplus, 0, 1 ether);
        uint256 buffer = costOf(POSITION, ASK_PRICE) + surplus;
        IRollRouter.RollParams memory p = _params(POSITION, POSITION, buffer);
        p.refundETH = true;
        p.recipient = carol;
        vm.deal(alice, buffer);
        uint256 wethBefore = weth.balanceOf(alice);
        vm.prank(alice);
        uint256 refund = router.roll{value: buffer}(p);
        assertEq(refund, surplus + proceedsOf(POSITION, BID_PRICE));
        assertEq(carol.balance, refund, "refund in ETH");
        assertEq(pTokenB.balanceOf(carol), POSITION);
        assertEq(alice.balance, 0);
        assertEq(weth.balanceOf(alice), wethBefore, "no WETH used");
        _assertRouterEmpty();
    }

    /// @dev Series B may equal A: with fewer tokens out than in, the roll sells part of the position.
    function testRollSameSeriesSells() public {
        uint256 nBid = postBidAs(bob, address(nToken), 100 ether, 0.06e18, 0);
        IRollRouter.RollParams memory p =
            rollParams(key, key, POSITION, POSITION / 2, costOf(POSITION, ASK_PRICE), ids1(askId), ids1(nBid), alice);
        uint256 refund = _roll(p);
        assertEq(refund, POSITION / 2 + proceedsOf(POSITION / 2, 0.06e18));
        assertEq(pToken.balanceOf(alice), POSITION / 2);
        _assertRouterEmpty();
    }

    /// @dev A Dutch-auction ask is taken at its current price.
    function testRollTakesAuctionAtCurrentPrice(uint256 elapsed) public {
        uint256 auction =
            postAskAs(bob, key, curvedAsk(address(nToken), address(weth), POSITION, 0.2e18, 0.01e18, 1 days, 0));
        elapsed = bound(elapsed, 0, 2 days);
        vm.warp(block.timestamp + elapsed);
        uint256 price = market.priceAt(auction, block.timestamp);
        IRollRouter.RollParams memory p = _params(POSITION, POSITION, costOf(POSITION, 0.2e18));
        p.asks = ids1(auction);
        p.deadline = block.timestamp;
        uint256 refund = _roll(p);
        assertEq(refund, costOf(POSITION, 0.2e18) - costOf(POSITION, price) + proceedsOf(POSITION, BID_PRICE));
    }

    /*//////////////////////////////////////////////////////////////
                                HELPERS
    //////////////////////////////////////////////////////////////*/

    function _assertRouterEmpty() internal view {
        SeriesKey[3] memory keys = [key, keyB, keyU];
        for (uint256 i; i < keys.length; ++i) {
            (uint256 p, uint256 n) = core.balancesOf(core.seriesId(keys[i]), address(router));
            assertEq(p + n, 0, "router holds P or N");
        }
        assertEq(weth.balanceOf(address(router)), 0, "router holds WETH");
        assertEq(address(router).balance, 0, "router holds ETH");
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IPNMarket} from "../../../src/interfaces/IPNMarket.sol";
import {MarketBaseTest} from "../utils/MarketBaseTest.sol";
import {IERC20} from "forge-std/interfaces/IERC20.sol";
import {SafeTransferLib} from "solady/utils/SafeTransferLib.sol";

contract PostAskIntegrationTest is MarketBaseTest {
    /*//////////////////////////////////////////////////////////////
                                REVERTS
    //////////////////////////////////////////////////////////////*/

    function testPostAskZeroAmount() public {
        vm.expectRevert(IPNMarket.ZeroAmount.selector);
        market.postAsk(flatAsk(address(nToken), address(weth), 0, 1e18));
    }

    function testPostAskAmountOverflow(uint256 amount) public {
        amount = bound(amount, MAX_128 + 1, type(uint256).max);
        vm.expectRevert(abi.encodeWithSelector(IPNMarket.AmountOverflow.selector, amount));
        market.postAsk(flatAsk(address(nToken), address(weth), amount, 1e18));
    }

    function testPostAskZeroPrice() public {
        vm.expectRevert(IPNMarket.ZeroPrice.selector);
        market.postAsk(flatAsk(address(nToken), address(weth), 1, 0));
    }

    function testPostAskPriceOverflow(uint256 priceWad) public {
        priceWad = bound(priceWad, MAX_128 + 1, type(uint256).max);
        vm.expectRevert(abi.encodeWithSelector(IPNMarket.PriceOverflow.selector, priceWad));
        market.postAsk(flatAsk(address(nToken), address(weth), 1, priceWad));
    }

    function testPostAskInvalidExpiry(uint256 expiry) public {
        expiry = expiry % 2 == 0 ? bound(expiry, 1, block.timestamp) : bound(expiry, 2 ** 32, type(uint256).max);
        IPNMarket.AskParams memory p = flatAsk(address(nToken), address(weth), 1, 1e18);
        p.expiry = expiry;
        vm.expectRevert(abi.encodeWithSelector(IPNMarket.InvalidExpiry.selector, expiry, block.timestamp));
        market.postAsk(p);
    }

    /// @dev A flat ask has floor == start and no half-life.
    function testPostAskInvalidFlat(uint256 floorPriceWad, uint256 halfLife) public {
        floorPriceWad = bound(floorPriceWad, 0, MAX_128);
        halfLife = bound(halfLife, floorPriceWad == 1e18 ? 1 : 0, type(uint256).max);
        IPNMarket.AskParams memory p = curvedAsk(address(nToken), address(weth), 1, 1e18, floorPriceWad, 0, halfLife);
        vm.expectRevert(abi.encodeWithSelector(IPNMarket.InvalidCurve.selector, 1e18, floorPriceWad, 0, halfLife));
        market.postAsk(p);
    }

    /// @dev A curve has 0 < floor < start and its times below 2^32.
    function testPostAskInvalidCurve(uint256 seed) public {
        uint256[4][5] memory cases = [
            [uint256(1e18), 0, 1 days, 0], // zero floor
            [uint256(1e18), 1e18, 1 days, 0], // floor == start
            [uint256(1e18), 2e18, 1 days, 0], // floor above start
            [uint256(1e18), 0.5e18, 2 ** 32, 0], // duration beyond 32 bits
            [uint256(1e18), 0.5e18, 1 days, 2 ** 32] // half-life beyond 32 bits
        ];
        uint256[4] memory c = cases[seed % cases.length];
        IPNMarket.AskParams memory p = curvedAsk(address(nToken), address(weth), 1, c[0], c[1], c[2], c[3]);
        vm.expectRevert(abi.encodeWithSelector(IPNMarket.InvalidCurve.selector, c[0], c[1], c[2], c[3]));
        market.postAsk(p);
    }

    function testPostAskNotSeriesToken() public {
        vm.expectRevert(abi.encodeWithSelector(IPNMarket.NotSeriesToken.selector, address(usdc)));
        market.postAsk(flatAsk(address(usdc), address(weth), 1, 1e18));
    }

    /// @dev The wanted token is the offered token's collateral or another P or N token of the core.
    function testPostAskInvalidWant(address anyone) public {
        vm.assume(anyone != address(weth) && anyone.code.length == 0);
        address[3] memory wants = [address(nToken), address(usdc), anyone];
        for (uint256 i; i < wants.length; ++i) {
            vm.expectRevert(abi.encodeWithSelector(IPNMarket.InvalidCounterToken.selector, address(nToken), wants[i]));
            market.postAsk(flatAsk(address(nToken), wants[i], 1, 1e18));
        }
    }

    function testPostAskWithoutBalance(uint256 amount) public {
        amount = bound(amount, 1, MAX_128);
        approveAll(maker, key);
        vm.prank(maker);
        // The core reverts InsufficientBalance; SafeTransferLib reports it as TransferFromFailed.
        vm.expectRevert(SafeTransferLib.TransferFromFailed.selector);
        market.postAsk(flatAsk(address(nToken), address(weth), amount, 1e18));
    }

    /*//////////////////////////////////////////////////////////////
                                EFFECTS
    //////////////////////////////////////////////////////////////*/

    /// @dev A flat ask (a limit sell): MK-1, the market escrows exactly `amount`.
    function testPostAskFlat(uint256 amount, uint256 priceWad, uint256 expiry) public {
        amount = bound(amount, 1, MAX_128);
        priceWad = bound(priceWad, 1, MAX_128);
        expiry = expiry % 2 == 0 ? 0 : bound(expiry, block.timestamp + 1, type(uint32).max);
        mintPairs(maker, key, amount);
        IPNMarket.AskParams memory p = flatAsk(address(nToken), address(weth), amount, priceWad);
        p.expiry = expiry;

        vm.expectEmit(address(market));
        emit IPNMarket.AskPosted(1, maker, address(nToken), address(weth), amount, priceWad, priceWad, 0, 0, expiry);
        vm.expectEmit(address(nToken));
        emit IERC20.Transfer(maker, address(market), amount);
        vm.prank(maker);
        assertEq(market.postAsk(p), 1);

        assertEq(nToken.balanceOf(address(market)), amount, "MK-1: market escrow");
        assertEq(nToken.balanceOf(maker), 0);
        IPNMarket.Order memory o = market.orderOf(1);
        assertEq(o.maker, maker);
        assertEq(o.token, address(nToken));
        assertEq(o.counterToken, address(weth));
        assertFalse(o.isBid);
        assertEq(o.amount, amount);
        assertEq(o.priceWad, priceWad);
        assertEq(o.floorPriceWad, priceWad);
        assertEq(o.startTime + o.duration + o.halfLife, 0);
        assertEq(o.expiry, expiry);
        assertEq(o.escrow, amount);
    }

    /// @dev A roll order: P of A offered for P of B on a linear or exponential curve starting now.
    function testPostAskRollOrder(uint256 amount, uint256 start, uint256 floor, uint256 duration, uint256 halfLife)
        public
    {
        amount = bound(amount, 1, MAX_128);
        start = bound(start, 2, MAX_128);
        floor = bound(floor, 1, start - 1);
        duration = bound(duration, 1, type(uint32).max);
        halfLife = bound(halfLife, 0, type(uint32).max);
        mintPairs(alice, key, amount);

        vm.expectEmit(address(market));
        emit IPNMarket.AskPosted(
            1, alice, address(pToken), address(pTokenB), amount, start, floor, duration, halfLife, 0
        );
        vm.prank(alice);
        market.postAsk(curvedAsk(address(pToken), address(pTokenB), amount, start, floor, duration, halfLife));

        assertEq(pToken.balanceOf(address(market)), amount, "MK-1: market escrow");
        IPNMarket.Order memory o = market.orderOf(1);
        assertEq(o.counterToken, address(pTokenB));
        assertEq(o.priceWad, start);
        assertEq(o.floorPriceWad, floor);
        assertEq(o.startTime, block.timestamp);
        assertEq(o.duration, duration);
        assertEq(o.halfLife, halfLife);
        assertEq(market.priceAt(1, block.timestamp), start, "starts at the start price");
        assertEq(market.priceAt(1, block.timestamp + duration), floor, "ends at the floor");
    }

    /// @dev An ask may want a token of another collateral's series, or the other side of its own series.
    function testPostAskWantsAnySeriesToken() public {
        mintPairs(maker, key, 2 ether);
        vm.startPrank(maker);
        market.postAsk(flatAsk(address(pToken), address(nToken), 1 ether, 19e18));
        market.postAsk(flatAsk(address(nToken), address(pTokenU), 1 ether, 1e6));
        vm.stopPrank();
        assertEq(market.orderOf(1).counterToken, address(nToken));
        assertEq(market.orderOf(2).counterToken, address(pTokenU));
    }

    /// @dev Several asks from one maker escrow the sum.
    function testPostAskAccumulates(uint256 a, uint256 b) public {
        a = bound(a, 1, MAX_128 / 2);
        b = bound(b, 1, MAX_128 / 2);
        mintPairs(maker, key, a + b);
        vm.startPrank(maker);
        market.postAsk(flatAsk(address(nToken), address(weth), a, 0.1e18));
        market.postAsk(curvedAsk(address(nToken), address(weth), b, 0.2e18, 0.1e18, 1 hours, 0));
        vm.stopPrank();
        assertEq(nToken.balanceOf(address(market)), a + b, "MK-1");
        assertEq(market.orderCount(), 2);
    }
}

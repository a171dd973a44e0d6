// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IPNMarket} from "../../../src/interfaces/IPNMarket.sol";
import {PNToken} from "../../../src/tokens/PNToken.sol";
import {SeriesKey} from "../../../src/types/SeriesKey.sol";
import {FeeOnTransferToken} from "../../mocks/FeeOnTransferToken.sol";
import {MarketBaseTest} from "../utils/MarketBaseTest.sol";
import {IERC20} from "forge-std/interfaces/IERC20.sol";
import {SafeTransferLib} from "solady/utils/SafeTransferLib.sol";

contract PostBidIntegrationTest is MarketBaseTest {
    /*//////////////////////////////////////////////////////////////
                                REVERTS
    //////////////////////////////////////////////////////////////*/

    function testPostBidZeroAmount(uint256 priceWad) public {
        vm.expectRevert(IPNMarket.ZeroAmount.selector);
        market.postBid(address(nToken), 0, priceWad, 0);
    }

    function testPostBidAmountOverflow(uint256 amount) public {
        amount = bound(amount, MAX_128 + 1, type(uint256).max);
        vm.expectRevert(abi.encodeWithSelector(IPNMarket.AmountOverflow.selector, amount));
        market.postBid(address(nToken), amount, 1e18, 0);
    }

    function testPostBidZeroPrice(uint256 amount) public {
        amount = bound(amount, 1, MAX_128);
        vm.expectRevert(IPNMarket.ZeroPrice.selector);
        market.postBid(address(nToken), amount, 0, 0);
    }

    function testPostBidPriceOverflow(uint256 priceWad) public {
        priceWad = bound(priceWad, MAX_128 + 1, type(uint256).max);
        vm.expectRevert(abi.encodeWithSelector(IPNMarket.PriceOverflow.selector, priceWad));
        market.postBid(address(nToken), 1, priceWad, 0);
    }

    function testPostBidExpiryInPast(uint256 expiry) public {
        expiry = bound(expiry, 1, block.timestamp);
        vm.expectRevert(abi.encodeWithSelector(IPNMarket.InvalidExpiry.selector, expiry, block.timestamp));
        market.postBid(address(nToken), 1, 1e18, expiry);
    }

    function testPostBidExpiryBeyond32Bits(uint256 expiry) public {
        expiry = bound(expiry, uint256(type(uint32).max) + 1, type(uint256).max);
        vm.expectRevert(abi.encodeWithSelector(IPNMarket.InvalidExpiry.selector, expiry, block.timestamp));
        market.postBid(address(nToken), 1, 1e18, expiry);
    }

    function testPostBidNotSeriesToken() public {
        vm.expectRevert(abi.encodeWithSelector(IPNMarket.NotSeriesToken.selector, address(weth)));
        market.postBid(address(weth), 1, 1e18, 0);
    }

    function testPostBidEscrowOverflow() public {
        uint256 escrow = MAX_128 * 2; // ceil(MAX_128 * 2e18 / 1e18)
        vm.expectRevert(abi.encodeWithSelector(IPNMarket.AmountOverflow.selector, escrow));
        market.postBid(address(nToken), MAX_128, 2e18, 0);
    }

    function testPostBidNativeNotSupported(uint256 amount) public {
        amount = bound(amount, 1, 1e30);
        uint256 escrow = escrowOf(amount, 0.1e18);
        vm.deal(maker, escrow);
        vm.prank(maker);
        vm.expectRevert(abi.encodeWithSelector(IPNMarket.NativeNotSupported.selector, address(usdc)));
        market.postBid{value: escrow}(address(nTokenU), amount, 0.1e18, 0);
    }

    function testPostBidNativeValueMismatch(uint256 amount, uint256 value) public {
        amount = bound(amount, 1, 1e30);
        uint256 escrow = escrowOf(amount, 0.1e18);
        value = bound(value, 1, 2e30);
        vm.assume(value != escrow);
        vm.deal(maker, value);
        vm.prank(maker);
        vm.expectRevert(abi.encodeWithSelector(IPNMarket.NativeValueMismatch.selector, value, escrow));
        market.postBid{value: value}(address(nToken), amount, 0.1e18, 0);
    }

    function testPostBidWithoutAllowance(uint256 amount) public {
        amount = bound(amount, 1, 1e30);
        vm.prank(maker);
        vm.expectRevert(SafeTransferLib.TransferFromFailed.selector);
        market.postBid(address(nToken), amount, 0.1e18, 0);
    }

    /// @dev A fee-on-transfer collateral would leave the market short of the escrow: rejected.
    function testPostBidFeeOnTransferCollateral() public {
        FeeOnTransferToken fee = new FeeOnTransferToken();
        SeriesKey memory k = keyOf(address(fee), 1500 * WAD, MATURITY);
        (, PNToken p,) = createSeries(k);
        fee.mint(maker, 10 ether);
        vm.startPrank(maker);
        fee.approve(address(market), type(uint256).max);
        vm.expectRevert(
            abi.encodeWithSelector(
                IPNMarket.CollateralTransferMismatch.selector, address(fee), 1 ether, 1 ether - fee.feeOf(1 ether)
            )
        );
        market.postBid(address(p), 2 ether, 0.5e18, 0);
        vm.stopPrank();
    }

    /*//////////////////////////////////////////////////////////////
                                EFFECTS
    //////////////////////////////////////////////////////////////*/

    /// @dev MK-1: the escrow is `ceil(amount * price)`, held by the market; the order reads back as posted.
    function testPostBid(uint256 amount, uint256 priceWad, uint256 expiry) public {
        amount = bound(amount, 1, 1e30);
        priceWad = bound(priceWad, 1, 1e18);
        expiry = expiry % 2 == 0 ? 0 : bound(expiry, block.timestamp + 1, type(uint32).max);
        uint256 escrow = escrowOf(amount, priceWad);
        fundCollateral(maker, address(weth), escrow);

        vm.expectEmit(address(market));
        emit IPNMarket.BidPosted(1, maker, address(nToken), address(weth), amount, priceWad, expiry, escrow);
        vm.expectEmit(address(weth));
        emit IERC20.Transfer(maker, address(market), escrow);
        vm.prank(maker);
        assertEq(market.postBid(address(nToken), amount, priceWad, expiry), 1);

        assertEq(weth.balanceOf(address(market)), escrow, "MK-1: market escrow");
        assertEq(weth.balanceOf(maker), 0, "maker paid the escrow");
        assertEq(market.orderCount(), 1);
        IPNMarket.Order memory o = market.orderOf(1);
        assertEq(o.maker, maker);
        assertEq(o.token, address(nToken));
        assertEq(o.counterToken, address(weth));
        assertTrue(o.isBid);
        assertEq(o.amount, amount);
        assertEq(o.priceWad, priceWad);
        assertEq(o.floorPriceWad, priceWad);
        assertEq(o.expiry, expiry);
        assertEq(o.escrow, escrow);
        assertEq(o.startTime + o.duration + o.halfLife, 0);
    }

    /// @dev Native path: the market wraps exactly the escrow; no approval needed.
    function testPostBidNative(uint256 amount, uint256 priceWad) public {
        amount = bound(amount, 1, 1e30);
        priceWad = bound(priceWad, 1, 1e18);
        uint256 escrow = escrowOf(amount, priceWad);
        vm.deal(maker, escrow);
        vm.prank(maker);
        uint256 orderId = market.postBid{value: escrow}(address(nToken), amount, priceWad, 0);
        assertEq(weth.balanceOf(address(market)), escrow, "MK-1: market escrow");
        assertEq(address(market).balance, 0, "no ETH kept");
        assertEq(market.orderOf(orderId).escrow, escrow);
    }

    /// @dev A bid on a 6-decimal collateral; ids count up; a bid needs no balance of the token it buys.
    function testPostBidOtherCollateral(uint256 amount, uint256 priceWad) public {
        amount = bound(amount, 1, 1e24);
        priceWad = bound(priceWad, 1, 2e18);
        postBidAs(maker, address(pTokenU), amount, priceWad, 0);
        postBidAs(carol, address(nTokenU), amount, priceWad, 0);
        assertEq(usdc.balanceOf(address(market)), 2 * escrowOf(amount, priceWad), "MK-1");
        assertEq(market.orderOf(2).maker, carol);
        assertEq(market.orderOf(2).counterToken, address(usdc));
    }

    /// @dev Dust: a price so small that the escrow rounds up to one wei.
    function testPostBidDustEscrow() public {
        postBidAs(maker, address(nToken), 3, 1, 0);
        assertEq(market.orderOf(1).escrow, 1, "ceil(3 * 1 / 1e18) = 1");
        assertEq(weth.balanceOf(address(market)), 1);
    }

    /// @dev A bid for an unsplit series (no supply yet) can rest.
    function testPostBidEmptySeries() public {
        (uint256 pSupply,) = core.suppliesOf(idU);
        assertEq(pSupply, 0);
        postBidAs(maker, address(pTokenU), 1e6, 0.9e18, 0);
        assertEq(market.orderOf(1).amount, 1e6);
    }
}

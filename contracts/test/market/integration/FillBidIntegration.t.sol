// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IPNMarket} from "../../../src/interfaces/IPNMarket.sol";
import {MarketBaseTest} from "../utils/MarketBaseTest.sol";
import {IERC20} from "forge-std/interfaces/IERC20.sol";
import {SafeTransferLib} from "solady/utils/SafeTransferLib.sol";

/// @notice `fill` and `fillToETH` on bids: the taker delivers the token to the maker and is paid from the escrow,
/// rounded down; the rounding leftover returns to the maker on the last fill.
contract FillBidIntegrationTest is MarketBaseTest {
    uint256 internal constant AMOUNT = 100 ether;
    uint256 internal constant PRICE = 0.37e18;

    function _bid(uint256 amount, uint256 priceWad) internal returns (uint256) {
        return postBidAs(maker, address(nTokenB), amount, priceWad, 0);
    }

    /*//////////////////////////////////////////////////////////////
                                REVERTS
    //////////////////////////////////////////////////////////////*/

    function testFillBidWithValue(uint256 value) public {
        uint256 orderId = _bid(AMOUNT, PRICE);
        value = bound(value, 1, 100 ether);
        vm.deal(taker, value);
        vm.prank(taker);
        vm.expectRevert(abi.encodeWithSelector(IPNMarket.NativeValueMismatch.selector, value, 0));
        market.fill{value: value}(orderId, 1, taker);
    }

    function testFillToETHNativeNotSupported() public {
        uint256 orderId = postBidAs(maker, address(nTokenU), 1e6, 0.5e18, 0);
        vm.expectRevert(abi.encodeWithSelector(IPNMarket.NativeNotSupported.selector, address(usdc)));
        market.fillToETH(orderId, 1, payable(taker));
    }

    function testFillBidExpired() public {
        uint256 expiry = block.timestamp + 1 hours;
        uint256 orderId = postBidAs(maker, address(nTokenB), AMOUNT, PRICE, expiry);
        vm.warp(expiry);
        vm.expectRevert(abi.encodeWithSelector(IPNMarket.OrderExpired.selector, orderId, expiry));
        market.fill(orderId, 1, taker);
        vm.expectRevert(abi.encodeWithSelector(IPNMarket.OrderExpired.selector, orderId, expiry));
        market.fillToETH(orderId, 1, payable(taker));
    }

    function testFillBidExceedsRemaining(uint256 amount) public {
        uint256 orderId = _bid(AMOUNT, PRICE);
        amount = bound(amount, AMOUNT + 1, type(uint256).max);
        vm.expectRevert(abi.encodeWithSelector(IPNMarket.FillExceedsRemaining.selector, orderId, AMOUNT, amount));
        market.fill(orderId, amount, taker);
    }

    /// @dev The taker must hold the token it delivers.
    function testFillBidWithoutTokens(uint256 amount) public {
        uint256 orderId = _bid(AMOUNT, PRICE);
        amount = bound(amount, 1, AMOUNT);
        approveAll(taker, keyB);
        vm.prank(taker);
        // The core reverts InsufficientBalance; SafeTransferLib reports it as TransferFromFailed.
        vm.expectRevert(SafeTransferLib.TransferFromFailed.selector);
        market.fill(orderId, amount, taker);
    }

    /*//////////////////////////////////////////////////////////////
                                EFFECTS
    //////////////////////////////////////////////////////////////*/

    /// @dev Partial fill: the maker receives the tokens, `to` receives `floor(amount * price)` (MK-3), the escrow
    /// falls by exactly that and still covers the rest (MK-1).
    function testFillBidPartial(uint256 amount, uint256 priceWad, address to) public {
        priceWad = bound(priceWad, 1, 1e18);
        amount = bound(amount, 1, AMOUNT - 1);
        vm.assume(to != address(0) && to != address(market) && to != maker);
        uint256 orderId = _bid(AMOUNT, priceWad);
        uint256 escrow = escrowOf(AMOUNT, priceWad);
        uint256 proceeds = proceedsOf(amount, priceWad);
        mintPairs(taker, keyB, amount);

        vm.expectEmit(address(market));
        emit IPNMarket.OrderFilled(orderId, taker, to, amount, proceeds, AMOUNT - amount);
        vm.expectEmit(address(nTokenB));
        emit IERC20.Transfer(taker, maker, amount);
        vm.prank(taker);
        assertEq(market.fill(orderId, amount, to), proceeds);

        assertLe(proceeds * WAD, amount * priceWad, "MK-3: maker paid above its limit");
        assertEq(nTokenB.balanceOf(maker), amount);
        assertEq(weth.balanceOf(to), proceeds);
        IPNMarket.Order memory o = market.orderOf(orderId);
        assertEq(o.amount, AMOUNT - amount, "MK-2");
        assertEq(o.escrow, escrow - proceeds);
        assertEq(weth.balanceOf(address(market)), escrow - proceeds, "MK-1");
        assertGe(o.escrow, escrowOf(o.amount, priceWad), "escrow covers what is left");
    }

    /// @dev The last fill closes the bid and returns the rounding leftover to the maker: over the whole order the
    /// maker pays `sum floor(fill_i * price)`, never more than `amount * price`.
    function testFillBidFullReturnsLeftover(uint256 priceWad, uint256 fills, uint256 seed) public {
        priceWad = bound(priceWad, 1, 1e18);
        fills = bound(fills, 1, 6);
        uint256 orderId = _bid(AMOUNT, priceWad);
        uint256 escrow = escrowOf(AMOUNT, priceWad);
        mintPairs(taker, keyB, AMOUNT);

        uint256 left = AMOUNT;
        uint256 paid;
        for (uint256 i; i < fills; ++i) {
            uint256 amount =
                i == fills - 1 ? left : bound(uint256(keccak256(abi.encode(seed, i))), 1, left - (fills - 1 - i));
            if (i == fills - 1) {
                uint256 leftover = escrow - paid - proceedsOf(amount, priceWad);
                vm.expectEmit(address(market));
                emit IPNMarket.OrderClosed(orderId, maker, taker, false, leftover);
            }
            vm.prank(taker);
            paid += market.fill(orderId, amount, taker);
            left -= amount;
        }
        assertEq(weth.balanceOf(taker), paid);
        assertLe(paid * WAD, AMOUNT * priceWad, "MK-3 over the whole order");
        assertEq(weth.balanceOf(maker), escrow - paid, "leftover returned");
        assertLe(escrow - paid, fills, "leftover at most one wei per fill");
        assertEq(weth.balanceOf(address(market)), 0, "MK-1: nothing left");
        assertEq(market.orderOf(orderId).maker, address(0));
    }

    /// @dev Dust fills: each pays 0 and the whole escrow returns to the maker on the last one.
    function testFillBidDust() public {
        uint256 orderId = _bid(3, 0.3e18); // escrow ceil(0.9) = 1 wei
        mintPairs(taker, keyB, 3);
        vm.startPrank(taker);
        assertEq(market.fill(orderId, 1, taker), 0, "floor(0.3) = 0");
        assertEq(market.fill(orderId, 1, taker), 0);
        assertEq(market.orderOf(orderId).escrow, 1);
        assertEq(market.fill(orderId, 1, taker), 0);
        vm.stopPrank();
        assertEq(weth.balanceOf(maker), 1, "escrow back to the maker");
        assertEq(nTokenB.balanceOf(maker), 3);
        assertEq(weth.balanceOf(address(market)), 0);
    }

    /// @dev Native payout: `to` receives ETH; the market keeps neither ETH nor the paid WETH.
    function testFillBidToETH(uint256 amount) public {
        amount = bound(amount, 1, AMOUNT);
        uint256 orderId = _bid(AMOUNT, PRICE);
        uint256 escrow = escrowOf(AMOUNT, PRICE);
        mintPairs(taker, keyB, amount);
        vm.prank(taker);
        uint256 proceeds = market.fillToETH(orderId, amount, payable(carol));
        assertEq(proceeds, proceedsOf(amount, PRICE));
        assertEq(carol.balance, proceeds);
        assertEq(address(market).balance, 0);
        uint256 leftover = amount == AMOUNT ? 0 : escrow - proceeds;
        assertEq(weth.balanceOf(address(market)), leftover, "MK-1");
    }

    /// @dev A bid escrowed in ETH can be filled with an ERC-20 payout, and the other way round.
    function testFillNativeBidInWeth() public {
        uint256 escrow = escrowOf(AMOUNT, PRICE);
        vm.deal(maker, escrow);
        vm.prank(maker);
        uint256 orderId = market.postBid{value: escrow}(address(nTokenB), AMOUNT, PRICE, 0);
        mintPairs(taker, keyB, AMOUNT);
        vm.prank(taker);
        market.fill(orderId, AMOUNT, taker);
        assertEq(weth.balanceOf(taker), proceedsOf(AMOUNT, PRICE));
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {PNCore} from "../../../src/PNCore.sol";
import {DevWETH} from "../../../src/dev/DevWETH.sol";
import {IPNMarket} from "../../../src/interfaces/IPNMarket.sol";
import {PNMarket} from "../../../src/market/PNMarket.sol";
import {RollRouter} from "../../../src/market/RollRouter.sol";
import {MockERC20} from "../../mocks/MockERC20.sol";
import {PNMarketHandler} from "./handlers/PNMarketHandler.sol";
import {Test} from "forge-std/Test.sol";
import {console} from "forge-std/console.sol";

/// @notice The market's invariants (contracts/INVARIANTS.md, "Market"), checked after every random call sequence
/// of `PNMarketHandler`: 3 series (two on WETH, one on a 6-decimal token), 6 tradable tokens, 4 actors, posts,
/// fills, cancels, rolls through the router and time warps. The handler's own checks (every revert predicted,
/// exact payments, exact refunds) fail the run: reverts fail it here.
/// forge-config: default.invariant.fail-on-revert = true
contract PNMarketInvariantTest is Test {
    uint256 internal constant WAD = 1e18;

    PNCore internal core;
    DevWETH internal weth;
    MockERC20 internal usdc;
    PNMarket internal market;
    RollRouter internal router;
    PNMarketHandler internal handler;

    function setUp() public {
        vm.warp(1_790_000_000);
        weth = new DevWETH();
        usdc = new MockERC20("USD Coin", "USDC", 6);
        core = new PNCore(address(weth));
        market = new PNMarket(core);
        router = new RollRouter(IPNMarket(address(market)));
        handler = new PNMarketHandler(core, weth, usdc, market, router);
        targetContract(address(handler));
        bytes4[] memory selectors = new bytes4[](6);
        selectors[0] = PNMarketHandler.postBid.selector;
        selectors[1] = PNMarketHandler.postAsk.selector;
        selectors[2] = PNMarketHandler.fill.selector;
        selectors[3] = PNMarketHandler.cancel.selector;
        selectors[4] = PNMarketHandler.roll.selector;
        selectors[5] = PNMarketHandler.warp.selector;
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
    }

    /// MK-1: for every token the market holds exactly the escrow of its open orders, read two ways: from the
    /// ghost model, and from the market's own views summed over every order.
    function invariant_MK1_escrowConservation() public view {
        address[] memory list = handler.escrowTokens();
        uint256[] memory fromViews = new uint256[](list.length);
        uint256 count = market.orderCount();
        for (uint256 id = 1; id <= count; ++id) {
            IPNMarket.Order memory o = market.orderOf(id);
            if (o.maker == address(0)) continue;
            address escrowToken = o.isBid ? o.counterToken : o.token;
            for (uint256 i; i < list.length; ++i) {
                if (list[i] == escrowToken) fromViews[i] += o.escrow;
            }
        }
        for (uint256 i; i < list.length; ++i) {
            uint256 held = MockERC20(list[i]).balanceOf(address(market));
            assertEq(held, handler.ghostEscrow(list[i]), "MK-1: market balance != ghost escrow");
            assertEq(held, fromViews[i], "MK-1: market balance != escrow of open orders");
        }
        assertEq(address(market).balance, 0, "MK-1: market holds ETH");
    }

    /// MK-1 (bids): a bid's escrow covers what is left of it, and exceeds it by at most one wei per fill so far
    /// (the maker's rounding, returned when the bid closes).
    function invariant_MK1_bidEscrowCoversRemaining() public view {
        for (uint256 id = 1; id <= market.orderCount(); ++id) {
            IPNMarket.Order memory o = market.orderOf(id);
            if (!o.isBid) continue;
            uint256 needed = (o.amount * o.priceWad + WAD - 1) / WAD;
            assertGe(o.escrow, needed, "MK-1: bid escrow below ceil(amount * price)");
            assertLe(o.escrow - needed, handler.ghost(id).fills, "MK-1: bid escrow leftover above one wei per fill");
        }
    }

    /// MK-2: no order fills beyond its size; an open order's amount is its size minus its fills.
    function invariant_MK2_noFillBeyondSize() public view {
        for (uint256 id = 1; id <= market.orderCount(); ++id) {
            PNMarketHandler.Ghost memory g = handler.ghost(id);
            assertLe(g.filled, g.size, "MK-2: filled beyond size");
            IPNMarket.Order memory o = market.orderOf(id);
            assertEq(o.amount, g.open ? g.size - g.filled : 0, "MK-2: open amount != size - filled");
            assertEq(o.maker != address(0), g.open, "MK-2: open state differs from the model");
        }
    }

    /// MK-3: every fill paid exactly the rounded limit: asks at least `amount * p(t)` with `p(t)` at or above the
    /// floor, bids at most `amount * price`.
    function invariant_MK3_fillsWithinLimit() public view {
        assertEq(handler.fillLimitViolations(), 0, "MK-3: a fill crossed its limit");
    }

    /// MK-4: each open ask's price is within [floor, start], and no warp ever raised one.
    function invariant_MK4_auctionPriceMonotone() public view {
        assertEq(handler.priceMonotonicityViolations(), 0, "MK-4: an ask's price rose or left its bounds");
        for (uint256 id = 1; id <= market.orderCount(); ++id) {
            IPNMarket.Order memory o = market.orderOf(id);
            if (o.maker == address(0) || o.isBid) continue;
            uint256 price = market.priceAt(id, block.timestamp);
            assertLe(price, o.priceWad, "MK-4: above the start price");
            assertGe(price, o.floorPriceWad, "MK-4: below the floor");
            assertLe(price, market.priceAt(id, o.startTime), "MK-4: above its price at start");
        }
    }

    /// MK-5: every cancel returned exactly the unfilled escrow to the maker.
    function invariant_MK5_cancelReturnsEscrow() public view {
        assertEq(handler.cancelRefundMismatches(), 0, "MK-5: a cancel returned another amount");
    }

    /// The router is stateless: it holds nothing after any sequence.
    function invariant_routerHoldsNothing() public view {
        for (uint256 t; t < handler.tokenCount(); ++t) {
            assertEq(MockERC20(handler.tokens(t)).balanceOf(address(router)), 0, "router holds a P or N token");
        }
        assertEq(weth.balanceOf(address(router)) + usdc.balanceOf(address(router)), 0, "router holds collateral");
        assertEq(address(router).balance, 0, "router holds ETH");
    }

    function afterInvariant() external view {
        string[8] memory names = ["postBid", "postAsk", "fill", "fill (ETH)", "cancel", "cancelToETH", "roll", "warp"];
        for (uint256 i; i < names.length; ++i) {
            console.log(names[i], handler.calls(bytes32(bytes(names[i]))));
        }
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {PNCore} from "../../../../src/PNCore.sol";
import {DevOracle} from "../../../../src/dev/DevOracle.sol";
import {DevWETH} from "../../../../src/dev/DevWETH.sol";
import {IIndexOracle} from "../../../../src/interfaces/IIndexOracle.sol";
import {IPNMarket} from "../../../../src/interfaces/IPNMarket.sol";
import {IRollRouter} from "../../../../src/interfaces/IRollRouter.sol";
import {PNMarket} from "../../../../src/market/PNMarket.sol";
import {RollRouter} from "../../../../src/market/RollRouter.sol";
import {AuctionLib} from "../../../../src/market/libraries/AuctionLib.sol";
import {SeriesKey, Side} from "../../../../src/types/SeriesKey.sol";
import {MockERC20} from "../../../mocks/MockERC20.sol";
import {Test} from "forge-std/Test.sol";

/// @notice Drives the market and the router with random posts, fills (ERC-20 and native), cancels (by the maker,
/// by anyone after expiry, to ETH), rolls and time warps, by four actors on three series (two on WETH, one on a
/// 6-decimal token), and keeps a ghost model of every order and of the escrow each token needs. Each action is
/// `try` -> check against the model and apply to it; `catch` -> the revert must be the one the model predicts.
contract PNMarketHandler is Test {
    uint256 internal constant WAD = 1e18;
    uint256 internal constant ACTOR_COUNT = 4;
    uint256 internal constant FUNDS = 1e30;
    uint256 internal constant MAX_AMOUNT = 1e24;

    struct Ghost {
        address maker;
        address token;
        address counter;
        bool isBid;
        bool open;
        uint256 size;
        uint256 filled;
        uint256 priceWad;
        uint256 floorPriceWad;
        uint256 startTime;
        uint256 duration;
        uint256 halfLife;
        uint256 expiry;
        uint256 escrow;
        uint256 fills;
    }

    PNCore public immutable core;
    DevWETH public immutable weth;
    MockERC20 public immutable usdc;
    PNMarket public immutable market;
    RollRouter public immutable router;

    SeriesKey[] internal _keys;
    address[] public tokens; // P and N of each series, in series order
    address[] public actors;

    // Ghost model.
    mapping(uint256 orderId => Ghost) internal _ghost;
    mapping(address token => uint256) public ghostEscrow;
    uint256 public ghostOrderCount;
    // MK-3 and MK-5 violations seen (must stay 0), and rolls that left the router holding something.
    uint256 public fillLimitViolations;
    uint256 public cancelRefundMismatches;
    uint256 public priceMonotonicityViolations;
    mapping(bytes32 action => uint256) public calls;

    constructor(PNCore core_, DevWETH weth_, MockERC20 usdc_, PNMarket market_, RollRouter router_) {
        (core, weth, usdc, market, router) = (core_, weth_, usdc_, market_, router_);
        DevOracle oracle = new DevOracle();
        _addSeries(address(weth), oracle, 1500e18, block.timestamp + 60 days);
        _addSeries(address(weth), oracle, 1000e18, block.timestamp + 90 days);
        _addSeries(address(usdc), oracle, 1500e18, block.timestamp + 60 days);
        for (uint256 i; i < ACTOR_COUNT; ++i) {
            address actor = makeAddr(string.concat("actor", vm.toString(i)));
            actors.push(actor);
            _fundActor(actor);
        }
    }

    /*//////////////////////////////////////////////////////////////
                                ACTIONS
    //////////////////////////////////////////////////////////////*/

    function postBid(
        uint256 actorSeed,
        uint256 tokenSeed,
        uint256 amount,
        uint256 priceWad,
        uint256 expirySeed,
        bool native
    ) external {
        address actor = _actor(actorSeed);
        address token = _token(tokenSeed, 3); // half the bids are for N of series 1, which rolls sell into
        address collateral = _collateralOf(token);
        amount = _amount(amount);
        priceWad = bound(priceWad, 1, 2e18);
        uint256 expiry = _expiry(expirySeed);
        uint256 escrow = (amount * priceWad + WAD - 1) / WAD;
        native = native && collateral == address(weth);
        if (native) vm.deal(actor, escrow);
        uint256 before = _balance(collateral, address(market));

        vm.prank(actor);
        try market.postBid{value: native ? escrow : 0}(token, amount, priceWad, expiry) returns (uint256 orderId) {
            assertEq(orderId, ++ghostOrderCount, "order ids count up");
            assertEq(_balance(collateral, address(market)) - before, escrow, "MK-1: bid escrow");
            Ghost storage g = _ghost[orderId];
            (g.maker, g.token, g.counter, g.isBid, g.open) = (actor, token, collateral, true, true);
            (g.size, g.priceWad, g.floorPriceWad, g.expiry, g.escrow) = (amount, priceWad, priceWad, expiry, escrow);
            ghostEscrow[collateral] += escrow;
            ++calls["postBid"];
        } catch (bytes memory err) {
            _unexpected(err);
        }
    }

    function postAsk(
        uint256 actorSeed,
        uint256 tokenSeed,
        uint256 wantSeed,
        uint256 amount,
        uint256 startPriceWad,
        uint256 curveSeed,
        uint256 expirySeed
    ) external {
        address actor = _actor(actorSeed);
        IPNMarket.AskParams memory p;
        p.token = _token(tokenSeed, 1); // half the asks offer N of series 0, which rolls buy
        p.want = _want(p.token, wantSeed);
        p.amount = _amount(amount);
        p.startPriceWad = bound(startPriceWad, 2, 3e18);
        (p.floorPriceWad, p.duration, p.halfLife) = _curve(p.startPriceWad, curveSeed);
        p.expiry = _expiry(expirySeed);

        vm.prank(actor);
        try market.postAsk(p) returns (uint256 orderId) {
            assertEq(orderId, ++ghostOrderCount, "order ids count up");
            Ghost storage g = _ghost[orderId];
            (g.maker, g.token, g.counter, g.open, g.size) = (actor, p.token, p.want, true, p.amount);
            (g.priceWad, g.floorPriceWad, g.duration, g.halfLife) =
            (p.startPriceWad, p.floorPriceWad, p.duration, p.halfLife);
            (g.startTime, g.expiry, g.escrow) = (p.duration == 0 ? 0 : block.timestamp, p.expiry, p.amount);
            ghostEscrow[p.token] += p.amount;
            ++calls["postAsk"];
        } catch (bytes memory err) {
            _unexpected(err);
        }
    }

    /// @dev Any id up to one past the last, any amount up to one past what is open: every revert is predicted.
    function fill(uint256 actorSeed, uint256 orderSeed, uint256 amount, uint256 excess, bool native) external {
        address actor = _actor(actorSeed);
        uint256 orderId = _orderId(orderSeed);
        Ghost storage g = _ghost[orderId];
        uint256 open = g.size - g.filled;
        amount = bound(amount, 1, open + 1);
        bool asETH = native && g.counter == address(weth);
        bytes memory expected = _fillError(orderId, amount);
        uint256 price = _ghostPrice(g, block.timestamp);
        uint256 value;
        if (asETH && !g.isBid && expected.length == 0) {
            value = (amount * price + WAD - 1) / WAD + bound(excess, 0, 1 ether);
            vm.deal(actor, value);
        }

        try this.callFill(actor, orderId, amount, asETH && g.isBid, value) returns (uint256 counterAmount) {
            assertEq(expected.length, 0, "fill succeeded where the model expects a revert");
            _checkFillPrice(g, amount, counterAmount, price);
            _applyFill(orderId, amount, counterAmount);
            if (asETH) ++calls["fill (ETH)"];
            else ++calls["fill"];
        } catch (bytes memory err) {
            assertEq(err, expected, "unexpected fill revert");
        }
    }

    function cancel(uint256 actorSeed, uint256 orderSeed, bool toETH, bool byMaker) external {
        uint256 orderId = _orderId(orderSeed);
        Ghost storage g = _ghost[orderId];
        address caller = byMaker && g.open ? g.maker : _actor(actorSeed);
        bytes memory expected = _cancelError(orderId, caller, toETH);
        address escrowToken = g.isBid ? g.counter : g.token;
        uint256 before;
        if (expected.length == 0) before = toETH ? g.maker.balance : _balance(escrowToken, g.maker);

        try this.callCancel(caller, orderId, toETH) returns (uint256 refund) {
            assertEq(expected.length, 0, "cancel succeeded where the model expects a revert");
            uint256 received = (toETH ? g.maker.balance : _balance(escrowToken, g.maker)) - before;
            if (refund != g.escrow || received != g.escrow) ++cancelRefundMismatches; // MK-5
            ghostEscrow[escrowToken] -= g.escrow;
            (g.open, g.escrow) = (false, 0);
            if (toETH) ++calls["cancelToETH"];
            else ++calls["cancel"];
        } catch (bytes memory err) {
            assertEq(err, expected, "unexpected cancel revert");
        }
    }

    /// @dev Rolls P of series 0 into P of series 1 through every open ask of N_0 and bid for N_1, with a closed
    /// order (if any) in front of each list to be skipped.
    function roll(uint256 actorSeed, uint256 amountIn, uint256 amountOut, uint256 surplus) external {
        (uint256[] memory asks, uint256 askDepth) = _book(tokens[1], false);
        (uint256[] memory bids, uint256 bidDepth) = _book(tokens[3], true);
        if (askDepth == 0 || bidDepth == 0) return;
        IRollRouter.RollParams memory p = IRollRouter.RollParams({
            from: _keys[0],
            to: _keys[1],
            side: Side.P,
            amountIn: bound(amountIn, 1, askDepth),
            amountOut: bound(amountOut, 1, bidDepth),
            collateralIn: 0,
            minRefund: 0,
            asks: asks,
            bids: bids,
            recipient: _actor(actorSeed),
            refundETH: false,
            deadline: block.timestamp
        });
        uint256 spent = _walk(asks, p.amountIn, false, false);
        uint256 proceeds = _walk(bids, p.amountOut, true, false);
        p.collateralIn = spent + (p.amountOut > p.amountIn ? p.amountOut - p.amountIn : 0) + bound(surplus, 0, 1 ether);
        // The refund the model expects: buffer - asks + merged - split + bids.
        p.minRefund = p.collateralIn - spent + p.amountIn - p.amountOut + proceeds;

        vm.prank(p.recipient);
        assertEq(router.roll(p), p.minRefund, "roll refund");
        _checkRouterEmpty();
        _walk(asks, p.amountIn, false, true);
        _walk(bids, p.amountOut, true, true);
        ++calls["roll"];
    }

    function _checkRouterEmpty() private view {
        (uint256 p0, uint256 n0) = core.balancesOf(core.seriesId(_keys[0]), address(router));
        (uint256 p1, uint256 n1) = core.balancesOf(core.seriesId(_keys[1]), address(router));
        assertEq(p0 + n0 + p1 + n1 + weth.balanceOf(address(router)), 0, "router keeps nothing");
    }

    /// @dev MK-4 across time: every open ask's price after the warp is at most what it was before, and within
    /// [floor, start].
    function warp(uint256 secondsForward) external {
        uint256 t = block.timestamp + bound(secondsForward, 1, 2 days);
        for (uint256 id = 1; id <= ghostOrderCount; ++id) {
            Ghost storage g = _ghost[id];
            if (!g.open || g.isBid) continue;
            uint256 before = market.priceAt(id, block.timestamp);
            uint256 later = market.priceAt(id, t);
            if (later > before || later < g.floorPriceWad || before > g.priceWad) ++priceMonotonicityViolations;
        }
        vm.warp(t);
        ++calls["warp"];
    }

    /// @dev External so that `fill` can `try` either entrypoint.
    function callFill(address actor, uint256 orderId, uint256 amount, bool toETH, uint256 value)
        external
        returns (uint256)
    {
        vm.prank(actor);
        if (toETH) return market.fillToETH(orderId, amount, payable(actor));
        return market.fill{value: value}(orderId, amount, actor);
    }

    function callCancel(address caller, uint256 orderId, bool toETH) external returns (uint256) {
        vm.prank(caller);
        return toETH ? market.cancelToETH(orderId) : market.cancel(orderId);
    }

    /*//////////////////////////////////////////////////////////////
                                 VIEWS
    //////////////////////////////////////////////////////////////*/

    function ghost(uint256 orderId) external view returns (Ghost memory) {
        return _ghost[orderId];
    }

    function tokenCount() external view returns (uint256) {
        return tokens.length;
    }

    function escrowTokens() external view returns (address[] memory list) {
        list = new address[](tokens.length + 2);
        for (uint256 i; i < tokens.length; ++i) {
            list[i] = tokens[i];
        }
        (list[tokens.length], list[tokens.length + 1]) = (address(weth), address(usdc));
    }

    /*//////////////////////////////////////////////////////////////
                                 MODEL
    //////////////////////////////////////////////////////////////*/

    function _fillError(uint256 orderId, uint256 amount) private view returns (bytes memory) {
        Ghost storage g = _ghost[orderId];
        if (!g.open) return abi.encodeWithSelector(IPNMarket.OrderNotOpen.selector, orderId);
        if (g.expiry != 0 && block.timestamp >= g.expiry) {
            return abi.encodeWithSelector(IPNMarket.OrderExpired.selector, orderId, g.expiry);
        }
        uint256 open = g.size - g.filled;
        if (amount > open) {
            return abi.encodeWithSelector(IPNMarket.FillExceedsRemaining.selector, orderId, open, amount);
        }
        return "";
    }

    function _cancelError(uint256 orderId, address caller, bool toETH) private view returns (bytes memory) {
        Ghost storage g = _ghost[orderId];
        if (!g.open) return abi.encodeWithSelector(IPNMarket.OrderNotOpen.selector, orderId);
        bool expired = g.expiry != 0 && block.timestamp >= g.expiry;
        if (caller != g.maker && (toETH || !expired)) {
            return abi.encodeWithSelector(IPNMarket.CancelNotAllowed.selector, orderId, caller, g.maker, g.expiry);
        }
        if (toETH && !g.isBid) return abi.encodeWithSelector(IPNMarket.NotBid.selector, orderId);
        if (toETH && g.counter != address(weth)) {
            return abi.encodeWithSelector(IPNMarket.NativeNotSupported.selector, g.counter);
        }
        return "";
    }

    function _ghostPrice(Ghost storage g, uint256 t) private view returns (uint256) {
        if (g.isBid || g.duration == 0) return g.priceWad;
        return AuctionLib.priceAt(g.priceWad, g.floorPriceWad, g.duration, g.halfLife, t - g.startTime);
    }

    /// @dev MK-3: an ask's taker pays exactly `ceil(amount * p)` with `p` never below the floor; a bid pays
    /// exactly `floor(amount * price)`.
    function _checkFillPrice(Ghost storage g, uint256 amount, uint256 counterAmount, uint256 price) private {
        if (g.isBid) {
            if (counterAmount != amount * price / WAD || counterAmount * WAD > amount * g.priceWad) {
                ++fillLimitViolations;
            }
        } else if (
            counterAmount != (amount * price + WAD - 1) / WAD || price < g.floorPriceWad
                || counterAmount * WAD < amount * g.floorPriceWad
        ) {
            ++fillLimitViolations;
        }
    }

    function _applyFill(uint256 orderId, uint256 amount, uint256 counterAmount) private {
        Ghost storage g = _ghost[orderId];
        g.filled += amount;
        ++g.fills;
        address escrowToken = g.isBid ? g.counter : g.token;
        uint256 released = g.isBid ? counterAmount : amount;
        if (g.filled == g.size) released = g.escrow; // a bid's leftover returns to its maker
        g.escrow -= released;
        ghostEscrow[escrowToken] -= released;
        if (g.filled == g.size) g.open = false;
    }

    /// @dev The open, unexpired orders on `token` against WETH of one kind, after a closed order if there is one.
    function _book(address token, bool isBid) private view returns (uint256[] memory ids, uint256 depth) {
        ids = new uint256[](ghostOrderCount + 1);
        uint256 n;
        for (uint256 id = 1; id <= ghostOrderCount; ++id) {
            Ghost storage g = _ghost[id];
            if (!g.open && n == 0) ids[n++] = id; // to be skipped
            if (!g.open || g.isBid != isBid || g.token != token || g.counter != address(weth)) continue;
            if (g.expiry != 0 && block.timestamp >= g.expiry) continue;
            ids[n++] = id;
            depth += g.size - g.filled;
        }
        assembly ("memory-safe") {
            mstore(ids, n)
        }
    }

    /// @dev What the router pays (asks) or receives (bids) walking `ids` for `amount`, as the router walks them;
    /// with `commit`, the fills go into the model.
    function _walk(uint256[] memory ids, uint256 amount, bool isBid, bool commit) private returns (uint256 total) {
        for (uint256 i; i < ids.length && amount != 0; ++i) {
            Ghost storage g = _ghost[ids[i]];
            if (!g.open) continue;
            uint256 take = _min(g.size - g.filled, amount);
            uint256 price = _ghostPrice(g, block.timestamp);
            uint256 moved = isBid ? take * price / WAD : (take * price + WAD - 1) / WAD;
            total += moved;
            amount -= take;
            if (commit) {
                _checkFillPrice(g, take, moved, price);
                _applyFill(ids[i], take, moved);
            }
        }
    }

    /*//////////////////////////////////////////////////////////////
                                HELPERS
    //////////////////////////////////////////////////////////////*/

    function _addSeries(address collateral, DevOracle oracle, uint256 strikeWad, uint256 maturity) private {
        SeriesKey memory key = SeriesKey({
            collateral: collateral,
            oracle: IIndexOracle(address(oracle)),
            indexId: "USD",
            // Constants of this handler, far inside both types.
            // forge-lint: disable-next-line(unsafe-typecast)
            strikeWad: uint128(strikeWad),
            // forge-lint: disable-next-line(unsafe-typecast)
            maturity: uint40(maturity)
        });
        (, address p, address n) = core.createSeries(key);
        _keys.push(key);
        tokens.push(p);
        tokens.push(n);
    }

    /// @dev Each actor holds `FUNDS` pairs of every series and `FUNDS` of each collateral, all approved.
    function _fundActor(address actor) private {
        vm.deal(actor, 3 * FUNDS);
        usdc.mint(actor, 2 * FUNDS);
        vm.startPrank(actor);
        weth.deposit{value: 3 * FUNDS}();
        weth.approve(address(core), type(uint256).max);
        usdc.approve(address(core), type(uint256).max);
        for (uint256 s; s < _keys.length; ++s) {
            core.split(_keys[s], FUNDS, actor);
        }
        address[2] memory spenders = [address(market), address(router)];
        for (uint256 i; i < spenders.length; ++i) {
            weth.approve(spenders[i], type(uint256).max);
            usdc.approve(spenders[i], type(uint256).max);
            for (uint256 t; t < tokens.length; ++t) {
                MockERC20(tokens[t]).approve(spenders[i], type(uint256).max);
            }
        }
        vm.stopPrank();
    }

    /// @dev Three times in four an open order, if any; otherwise any id up to one past the last.
    function _orderId(uint256 seed) private view returns (uint256) {
        uint256 any = bound(seed, 1, ghostOrderCount + 1);
        if (seed % 4 == 0) return any;
        for (uint256 i; i < ghostOrderCount; ++i) {
            uint256 id = (any + i - 1) % ghostOrderCount + 1;
            if (_ghost[id].open) return id;
        }
        return any;
    }

    /// @dev Token `favourite` half the time, any token otherwise.
    function _token(uint256 seed, uint256 favourite) private view returns (address) {
        return tokens[seed % 2 == 0 ? favourite : (seed / 2) % tokens.length];
    }

    function _collateralOf(address token) private view returns (address) {
        return token == tokens[4] || token == tokens[5] ? address(usdc) : address(weth);
    }

    /// @dev Mostly the collateral; sometimes another series token (a roll order).
    function _want(address token, uint256 seed) private view returns (address) {
        if (seed % 3 != 0) return _collateralOf(token);
        address want = tokens[(seed / 3) % tokens.length];
        return want == token ? _collateralOf(token) : want;
    }

    /// @dev Flat, linear or exponential, durations from a minute to three days.
    function _curve(uint256 start, uint256 seed)
        private
        pure
        returns (uint256 floor, uint256 duration, uint256 halfLife)
    {
        uint256 mode = seed % 3;
        if (mode == 0) return (start, 0, 0);
        floor = bound(seed >> 8, 1, start - 1);
        duration = bound(seed >> 136, 60, 3 days);
        halfLife = mode == 1 ? 0 : bound(seed >> 176, 1, duration);
    }

    function _expiry(uint256 seed) private view returns (uint256) {
        return seed % 3 == 0 ? 0 : block.timestamp + bound(seed, 1, 5 days);
    }

    /// @dev Mostly ordinary sizes, sometimes dust.
    function _amount(uint256 seed) private pure returns (uint256) {
        return seed % 4 == 0 ? bound(seed, 1, 1000) : bound(seed, 1e12, MAX_AMOUNT);
    }

    function _balance(address token, address who) private view returns (uint256) {
        return MockERC20(token).balanceOf(who);
    }

    function _actor(uint256 seed) private view returns (address) {
        return actors[seed % ACTOR_COUNT];
    }

    function _unexpected(bytes memory err) private pure {
        assertEq(err, "", "unexpected revert");
    }

    function _min(uint256 a, uint256 b) private pure returns (uint256) {
        return a < b ? a : b;
    }

    receive() external payable {}
}

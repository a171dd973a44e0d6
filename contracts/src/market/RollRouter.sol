// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {PNCore} from "../PNCore.sol";
import {IPNCore} from "../interfaces/IPNCore.sol";
import {IPNMarket} from "../interfaces/IPNMarket.sol";
import {IRollRouter} from "../interfaces/IRollRouter.sol";
import {IWETH} from "../interfaces/IWETH.sol";
import {SeriesId, Side} from "../types/SeriesKey.sol";
import {OrderLib} from "./libraries/OrderLib.sol";
import {SeriesTokenLib} from "./libraries/SeriesTokenLib.sol";
import {ERC20} from "solady/tokens/ERC20.sol";
import {ReentrancyGuardTransient} from "solady/utils/ReentrancyGuardTransient.sol";
import {SafeTransferLib} from "solady/utils/SafeTransferLib.sol";

/// @title RollRouter
/// @notice See `IRollRouter`. All prose lives there.
contract RollRouter is IRollRouter, ReentrancyGuardTransient {
    /// @inheritdoc IRollRouter
    address public immutable core;
    /// @inheritdoc IRollRouter
    address public immutable market;
    /// @dev The core's WETH, for the native paths.
    address private immutable _weth;
    /// @dev The implementation the core's tokens clone, to find a series' tokens without calling the core.
    address private immutable _tokenImplementation;

    constructor(IPNMarket market_) {
        market = address(market_);
        core = market_.core();
        _weth = PNCore(payable(core)).WETH();
        _tokenImplementation = PNCore(payable(core)).tokenImplementation();
    }

    /// @dev Accepts ETH only from WETH, while unwrapping a refund.
    receive() external payable {
        if (msg.sender != _weth) revert UnexpectedNativeSender(msg.sender);
    }

    /// @inheritdoc IRollRouter
    function roll(RollParams calldata params) external payable nonReentrant returns (uint256 refund) {
        _checkParams(params);
        Route memory route = _route(params);
        route.spent = _rollOut(params, route);
        uint256 cash = params.collateralIn - route.spent + params.amountIn;
        if (cash < params.amountOut) {
            revert BufferTooSmall(params.collateralIn, route.spent + params.amountOut - params.amountIn);
        }
        route.proceeds = _rollIn(params, route);

        // The slippage limit, then B and what is left of the buffer go out (the bids paid the recipient).
        uint256 left = cash - params.amountOut;
        refund = left + route.proceeds;
        if (refund < params.minRefund) revert SlippageExceeded(refund, params.minRefund);
        emit Rolled(
            msg.sender,
            route.fromId,
            route.toId,
            params.side,
            params.amountIn,
            params.amountOut,
            route.spent,
            route.proceeds,
            refund,
            params.recipient
        );

        SafeTransferLib.safeTransfer(route.heldB, params.recipient, params.amountOut);
        if (left == 0) return refund;
        if (!params.refundETH) {
            SafeTransferLib.safeTransfer(route.collateral, params.recipient, left);
        } else {
            IWETH(_weth).withdraw(left);
            SafeTransferLib.safeTransferETH(params.recipient, left);
        }
    }

    /*//////////////////////////////////////////////////////////////
                                INTERNAL
    //////////////////////////////////////////////////////////////*/

    /// @dev The tokens and ids of a roll, computed once, and what its two legs moved.
    struct Route {
        address collateral;
        address heldA;
        address otherA;
        address heldB;
        address otherB;
        SeriesId fromId;
        SeriesId toId;
        uint256 spent;
        uint256 proceeds;
    }

    function _route(RollParams calldata params) private view returns (Route memory route) {
        route.collateral = params.from.collateral;
        (SeriesId fromId, address pA, address nA) = SeriesTokenLib.tokensOf(core, _tokenImplementation, params.from);
        (SeriesId toId, address pB, address nB) = SeriesTokenLib.tokensOf(core, _tokenImplementation, params.to);
        (route.fromId, route.toId) = (fromId, toId);
        (route.heldA, route.otherA, route.heldB, route.otherB) =
            params.side == Side.P ? (pA, nA, pB, nB) : (nA, pA, nB, pB);
    }

    /// @dev Pulls the position and the buffer, buys the other side of A, merges A. Returns what the asks cost.
    function _rollOut(RollParams calldata params, Route memory route) private returns (uint256 spent) {
        SafeTransferLib.safeTransferFrom(route.heldA, msg.sender, address(this), params.amountIn);
        if (msg.value != 0) {
            IWETH(_weth).deposit{value: msg.value}();
        } else if (params.collateralIn != 0) {
            SafeTransferLib.safeTransferFrom(route.collateral, msg.sender, address(this), params.collateralIn);
        }
        spent = _buy(params.asks, route.otherA, route.collateral, params.amountIn, params.collateralIn);
        IPNCore(core).merge(params.from, params.amountIn, address(this));
    }

    /// @dev Splits B and sells its other side into the bids, which pay the recipient. Returns what they paid.
    function _rollIn(RollParams calldata params, Route memory route) private returns (uint256) {
        _approveMax(route.collateral, core, params.amountOut);
        IPNCore(core).split(params.to, params.amountOut, address(this));
        return _sell(params.bids, route.otherB, route.collateral, params.amountOut, params.recipient, params.refundETH);
    }

    /// @dev Takes `amount` of `token` from `asks` in order, skipping closed or expired ones; the total cost must
    /// stay within the buffer. Each cost is `ceil(take * price)`, exactly what the market charges in this block.
    function _buy(uint256[] calldata asks, address token, address collateral, uint256 amount, uint256 buffer)
        private
        returns (uint256 spent)
    {
        _approveMax(collateral, market, buffer);
        for (uint256 i; i < asks.length && amount != 0; ++i) {
            (uint256 take, uint256 priceWad) = _take(asks[i], false, token, collateral, amount);
            if (take == 0) continue;
            uint256 needed = spent + OrderLib.costUp(take, priceWad);
            if (needed > buffer) revert BufferTooSmall(buffer, needed);
            spent += IPNMarket(market).fill(asks[i], take, address(this));
            amount -= take;
        }
        if (amount != 0) revert InsufficientLiquidity(token, amount);
    }

    /// @dev Sells `amount` of `token` into `bids` in order, skipping closed or expired ones. The bids pay `to`
    /// (in ETH with `asETH`).
    function _sell(uint256[] calldata bids, address token, address collateral, uint256 amount, address to, bool asETH)
        private
        returns (uint256 proceeds)
    {
        _approveMax(token, market, amount);
        for (uint256 i; i < bids.length && amount != 0; ++i) {
            (uint256 take,) = _take(bids[i], true, token, collateral, amount);
            if (take == 0) continue;
            proceeds += asETH
                ? IPNMarket(market).fillToETH(bids[i], take, payable(to))
                : IPNMarket(market).fill(bids[i], take, to);
            amount -= take;
        }
        if (amount != 0) revert InsufficientLiquidity(token, amount);
    }

    /// @dev How much of `wanted` to take from `orderId` (0 if it is closed or expired) and its price now. Reverts
    /// `WrongOrder` for an order of another book.
    function _take(uint256 orderId, bool bid, address token, address collateral, uint256 wanted)
        private
        view
        returns (uint256 take, uint256 priceWad)
    {
        (address t, address c, bool isBid, uint256 fillable, uint256 p) = IPNMarket(market).fillableOf(orderId);
        if (fillable == 0) return (0, 0);
        if (isBid != bid || t != token || c != collateral) revert WrongOrder(orderId);
        return (fillable < wanted ? fillable : wanted, p);
    }

    function _checkParams(RollParams calldata params) private view {
        if (block.timestamp > params.deadline) revert DeadlineExpired(params.deadline, block.timestamp);
        if (params.amountIn == 0 || params.amountOut == 0) revert ZeroAmount();
        if (params.recipient == address(0)) revert ZeroAddress();
        address collateral = params.from.collateral;
        if (collateral != params.to.collateral) revert CollateralMismatch(collateral, params.to.collateral);
        if (msg.value != 0 || params.refundETH) {
            if (collateral != _weth || _weth == address(0)) revert NativeNotSupported(collateral);
            if (msg.value != 0 && msg.value != params.collateralIn) {
                revert NativeValueMismatch(msg.value, params.collateralIn);
            }
        }
    }

    /// @dev Unlimited approval on first use. Safe: the market and the core pull only from their caller, so only
    /// calls this router makes can spend it, and the router holds nothing between transactions.
    function _approveMax(address token, address spender, uint256 needed) private {
        if (ERC20(token).allowance(address(this), spender) < needed) {
            SafeTransferLib.safeApproveWithRetry(token, spender, type(uint256).max);
        }
    }

    /// @dev Always transient storage (EIP-1153), on every chain.
    function _useTransientReentrancyGuardOnlyOnMainnet() internal pure override returns (bool) {
        return false;
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {SeriesId, SeriesKey, Side} from "../types/SeriesKey.sol";

/// @title IRollRouter
/// @notice Moves a position from series A to series B in one transaction, at the resting liquidity of the market,
/// as a spread trade: buy the other side of A, merge it with the position into collateral, split B, sell the other
/// side of B. For a P holder (`side = P`):
///
///     pull P_A (amountIn) and the collateral buffer  ->  buy amountIn N_A from asks, paid from the buffer
///     ->  merge amountIn (P_A + N_A) into collateral  ->  split amountOut P_B + N_B
///     ->  sell amountOut N_B into bids, which pay the recipient directly
///     ->  send amountOut P_B and what is left of the buffer to the recipient
///
/// An N holder (`side = N`) buys P_A and sells P_B instead. No flash loan, no oracle, no fee: the position and
/// the caller's own collateral fund the roll.
///
/// **The buffer.** N_A must be bought before the merge frees any collateral, so the caller lends the roll a
/// buffer, `collateralIn` (ERC-20 pulled with approval, or `msg.value` for a WETH series). It must cover the asks
/// taken plus `amountOut - amountIn` when the position grows. Everything not spent comes back:
/// `refund = collateralIn - spent + amountIn - amountOut + proceeds`, where `spent` is what the asks cost and
/// `proceeds` what the bids paid (straight to the recipient; the router sends the rest). The net collateral the
/// roll costs is `collateralIn - refund`; negative when the bids pay more than the asks cost. A buffer slightly
/// above the asks' quoted cost is cheaper than an exact one (the router's balance then never returns to zero
/// before the merge) and auction asks only get cheaper before inclusion, so the surplus simply comes back.
///
/// **Best liquidity and slippage.** The caller passes the ids of the asks and bids to take, best price first (the
/// SDK or bot sorts them off-chain; `IPNMarket.fillableOf` gives everything needed). The router walks each list,
/// taking from each order the smaller of what it offers and what is still needed; orders closed or expired since
/// the caller looked are skipped, an order of another book reverts `WrongOrder`. Amounts are exact:
/// `amountIn` of A leaves the caller, `amountOut` of B arrives, or the roll reverts (`InsufficientLiquidity`).
/// The slippage limit is on collateral: the roll reverts unless `refund >= minRefund`. So the net cost is at most
/// `collateralIn - minRefund`; to require a net gain of `g`, set `minRefund = collateralIn + g`. `deadline` bounds
/// when the roll may execute.
///
/// **Safety.**
/// - Stateless: the router holds nothing between transactions. Within a roll every unit it receives is spent,
///   merged, split or sent on, by exact accounting (never by reading its balance), so its balances end where
///   they started (tested) and tokens sent to it by mistake can never be paid out to a caller.
/// - It moves only the caller's tokens (`transferFrom(msg.sender, ...)`) and pays only the recipient.
/// - The allowances it grants (unlimited, to the market and the core, set on first use of a token) can only be
///   spent in calls the router itself makes: the market and the core pull only from their caller.
/// - It calls only the immutable core, the immutable market, the P and N tokens of the two series and their
///   (shared) collateral.
///   It is guarded against reentrancy; the market and the core are guarded on their own.
/// - Every price comes from orders the caller chose; the market's prices only stay or fall for an ask, so a
///   front-runner can at most take an order first (the router then moves on to the next, within `minRefund`).
interface IRollRouter {
    /// @notice A roll. See the contract notice for each step.
    /// @param from Series A, whose `side` tokens are rolled.
    /// @param to Series B. Must share A's collateral (B may equal A: a pure buy or sell of `side`).
    /// @param side The side held: P (buys N_A, sells N_B) or N (buys P_A, sells P_B).
    /// @param amountIn Units of `side` of A taken from the caller (approval needed).
    /// @param amountOut Units of `side` of B delivered to `recipient`.
    /// @param collateralIn The buffer: collateral pulled from the caller, or `msg.value` for a WETH series.
    /// @param minRefund The slippage limit: the least collateral `recipient` must get back.
    /// @param asks Ask ids for the other side of A against the collateral, best first.
    /// @param bids Bid ids for the other side of B, best first.
    /// @param recipient Receives `amountOut` of B and the refund.
    /// @param refundETH Pay the refund in native ETH (WETH series only).
    /// @param deadline The last timestamp at which the roll may execute.
    struct RollParams {
        SeriesKey from;
        SeriesKey to;
        Side side;
        uint256 amountIn;
        uint256 amountOut;
        uint256 collateralIn;
        uint256 minRefund;
        uint256[] asks;
        uint256[] bids;
        address recipient;
        bool refundETH;
        uint256 deadline;
    }

    /// @notice `caller` rolled `amountIn` of `side` of `fromId` into `amountOut` of `toId` for `recipient`. The asks
    /// cost `spent`, the bids paid `proceeds`, and `refund` (proceeds included) went to `recipient`; the buffer was
    /// `refund + spent + amountOut - amountIn - proceeds`.
    event Rolled(
        address indexed caller,
        SeriesId indexed fromId,
        SeriesId indexed toId,
        Side side,
        uint256 amountIn,
        uint256 amountOut,
        uint256 spent,
        uint256 proceeds,
        uint256 refund,
        address recipient
    );

    error ZeroAddress();
    error ZeroAmount();
    error DeadlineExpired(uint256 deadline, uint256 nowTimestamp);
    error CollateralMismatch(address fromCollateral, address toCollateral);
    error NativeNotSupported(address collateral);
    error NativeValueMismatch(uint256 msgValue, uint256 collateralIn);
    error WrongOrder(uint256 orderId);
    error InsufficientLiquidity(address token, uint256 missing);
    error BufferTooSmall(uint256 collateralIn, uint256 needed);
    error SlippageExceeded(uint256 refund, uint256 minRefund);
    error UnexpectedNativeSender(address sender);

    /// @notice Rolls a position from `params.from` to `params.to`. See the contract notice.
    /// @return refund The collateral returned to the recipient.
    function roll(RollParams calldata params) external payable returns (uint256 refund);

    /// @notice The core whose series are rolled.
    function core() external view returns (address);

    /// @notice The market whose orders are taken.
    function market() external view returns (address);
}

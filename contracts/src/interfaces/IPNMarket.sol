// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IPNMarket
/// @notice The rolling market: resting orders on the P and N tokens of a `PNCore`, with no oracle, no fee, no
/// admin and no upgrade. Two kinds of order:
///
/// - A **bid** buys `amount` of a P or N token at a fixed `priceWad` (collateral per token, WAD) and escrows
///   `ceil(amount * priceWad / 1e18)` of the series' collateral (or native ETH for a WETH series).
/// - An **ask** offers `amount` of a P or N token (escrowed) for a wanted token: the series' collateral, or any P
///   or N token of the core. Its price (wanted units per offered unit, WAD) follows a curve from `startPriceWad`
///   down to `floorPriceWad` (see `AuctionLib`): flat (a limit sell), linear, or exponential. An ask that wants
///   another series' token is a **roll order**, a Dutch auction that a market maker fills by delivering the
///   wanted token (for instance P of series B) and taking the offered one (P of series A): the net spread trade
///   of a roll, with the maker carrying only the difference in risk between the two series.
///
/// **The price curve of an ask** (`AuctionLib.priceAt`, written once, pure integer math). With `s` the start
/// price and `f` the floor (WAD, wanted units per offered unit), `D` the duration and `h` the half-life
/// (seconds), `e = now - start` (seconds) and `g = s - f`:
/// - flat (`D = 0`, `s = f`): `p = s`;
/// - `e >= D`: `p = f`;
/// - linear (`h = 0`), `e < D`: `p = f + ceil(g * (D - e) / D)`;
/// - exponential (`h > 0`), `e < D`: with `q = floor(e / h)`, `r = e mod h`, `g_q = ceil(g / 2^q)`:
///   `p = f + g_q - floor(g_q * r / (2h))` — the distance to the floor halves every `h` seconds and falls
///   linearly within each half-life (a chord of `2^(-e/h)`: on or above it, by at most 6.2% of the distance);
///   at `e = D` the price drops to `f`, by at most `ceil(g / 2^floor((D - 1) / h))` (about `g / 2^(D/h)`:
///   under 0.2% of `g` when `D >= 10h`).
///
/// Anyone fills any part of an open order at its current price; the maker cancels at any time; anyone cancels an
/// expired order (the escrow always goes back to the maker). Orders are numbered from 1 in posting order and
/// never reused; `orderOf`, `ordersOf`, `fillableOf` and the events let a bot rebuild every book.
///
/// Tokens are referred to by address; the market gives each P or N token it sees, and its collateral, a
/// compact id (`tokenIdOf`) the first time an order or `register` names it. Only P and N tokens deployed by the
/// core can be traded; the wanted token of an ask is the offered token's collateral or another P or N token of
/// the core; the escrow of a bid is the token's collateral.
///
/// Guarantees (contracts/INVARIANTS.md, "Market"):
/// - MK-1 escrow conservation: for every token, the market holds exactly the escrow of its open orders (asks:
///   their remaining amount; bids: their remaining escrow), plus whatever is sent to it outside an order.
/// - MK-2 no order fills beyond its size. MK-3 no fill outside its limit: a bid never pays more than
///   `floor(amount * priceWad / 1e18)` for `amount`; an ask never receives less than `ceil(amount * p / 1e18)`
///   at its current curve price `p`, which is never below its floor.
/// - MK-4 an ask's price is non-increasing in time and within `[floorPriceWad, startPriceWad]`.
/// - MK-5 a cancel returns exactly the unfilled escrow to the maker.
///
/// Rounding favours the maker and the market, never the taker:
/// | Site | Formula | Direction |
/// |---|---|---|
/// | bid escrow at post | `ceil(amount * price / 1e18)` | up: the maker pre-pays the whole order |
/// | bid payout to taker | `floor(fill * price / 1e18)` | down: the maker pays at most its limit |
/// | bid leftover escrow | paid to the maker when the order closes | all of it, at most one wei per fill |
/// | ask cost to taker | `ceil(fill * p(t) / 1e18)` | up: the maker gets at least its price |
/// | ask curve `p(t)` | `AuctionLib.priceAt` | up at every division |
///
/// Trust assumptions. Safety: the core is the one given at construction and its P and N tokens move exact
/// amounts (balances live in the core); collateral tokens are standard ERC-20s, as `IPNCore.createSeries`
/// requires — the market checks that a bid's escrow arrives in full and rejects fee-on-transfer tokens there.
/// Liveness: transfers of the collateral succeed; a collateral that pauses or blocklists the market freezes the
/// escrow of bids on it and the fills that pay in it. Makers are paid in the ERC-20 (WETH, never ETH), so no
/// maker can block a fill of its order by refusing ETH.
///
/// Limitations (docs/market.md): the market knows nothing of maturity or settlement, so a resting order stays
/// fillable after its series matures (set `expiry` at or before maturity to avoid being picked off once x is
/// known); expiries are 32-bit timestamps (until 2106); no fee; bids have a fixed price (no rising curve).
interface IPNMarket {
    /*//////////////////////////////////////////////////////////////
                                 TYPES
    //////////////////////////////////////////////////////////////*/

    /// @notice The terms of an ask.
    /// @param token The P or N token offered, escrowed in full at posting (approval or permit needed).
    /// @param want The token asked in return: `token`'s collateral, or any P or N token of the core but `token`.
    /// @param amount Units of `token` offered, in `(0, 2^128)`.
    /// @param startPriceWad Units of `want` per unit of `token` at the start, scaled by 1e18, in `(0, 2^128)`.
    /// @param floorPriceWad The lowest price, reached at `duration` and kept after: `0 < floor <= start`; equal to
    /// `startPriceWad` for a flat ask, strictly below it for a curve.
    /// @param duration Seconds from posting to the floor, `< 2^32`; 0 for a flat ask (a limit sell).
    /// @param halfLife 0 for the linear curve; otherwise the exponential curve, whose distance to the floor halves
    /// every `halfLife` seconds (`< 2^32`). Must be 0 for a flat ask.
    /// @param expiry Unix seconds from which the ask can no longer be filled (0 = never); in `(now, 2^32)`.
    struct AskParams {
        address token;
        address want;
        uint256 amount;
        uint256 startPriceWad;
        uint256 floorPriceWad;
        uint256 duration;
        uint256 halfLife;
        uint256 expiry;
    }

    /// @notice An order as stored (all zero once closed).
    /// @param maker Who posted it and receives what its takers pay.
    /// @param token The P or N token bought (bid) or offered (ask).
    /// @param counterToken Bid: the collateral escrowed. Ask: the wanted token.
    /// @param isBid Bid or ask.
    /// @param amount Units of `token` still open.
    /// @param priceWad Bid: the limit price. Ask: the start price.
    /// @param floorPriceWad Ask: the floor (equal to `priceWad` for a flat ask). Bid: `priceWad`.
    /// @param startTime Curved ask: when the curve started (its posting time). Otherwise 0.
    /// @param duration Curved ask: seconds from start to floor. Otherwise 0.
    /// @param halfLife Exponential ask: the half-life. Otherwise 0.
    /// @param expiry 0 = never.
    /// @param escrow What the market holds for the order: bid, collateral (at least
    /// `ceil(amount * priceWad / 1e18)`); ask, `amount` of `token`.
    struct Order {
        address maker;
        address token;
        address counterToken;
        bool isBid;
        uint256 amount;
        uint256 priceWad;
        uint256 floorPriceWad;
        uint256 startTime;
        uint256 duration;
        uint256 halfLife;
        uint256 expiry;
        uint256 escrow;
    }

    /*//////////////////////////////////////////////////////////////
                                 EVENTS
    //////////////////////////////////////////////////////////////*/

    /// @notice `token` got id `tokenId`. For a collateral, `collateral == token`.
    event TokenRegistered(uint256 indexed tokenId, address indexed token, address indexed collateral);

    /// @notice A bid was posted: `escrow = ceil(amount * priceWad / 1e18)` of `collateral` moved into the market.
    event BidPosted(
        uint256 indexed orderId,
        address indexed maker,
        address indexed token,
        address collateral,
        uint256 amount,
        uint256 priceWad,
        uint256 expiry,
        uint256 escrow
    );

    /// @notice An ask was posted and `amount` of `token` moved into the market. Its curve starts at the block's
    /// timestamp. Fields as in `AskParams`.
    event AskPosted(
        uint256 indexed orderId,
        address indexed maker,
        address indexed token,
        address want,
        uint256 amount,
        uint256 startPriceWad,
        uint256 floorPriceWad,
        uint256 duration,
        uint256 halfLife,
        uint256 expiry
    );

    /// @notice `taker` filled `amount` of `token`. Ask: the taker paid `counterAmount` of the wanted token to the
    /// maker and `to` received `amount`. Bid: the taker delivered `amount` to the maker and `to` received
    /// `counterAmount` collateral. `remaining` is still open.
    event OrderFilled(
        uint256 indexed orderId,
        address indexed taker,
        address indexed to,
        uint256 amount,
        uint256 counterAmount,
        uint256 remaining
    );

    /// @notice The order left the book: cancelled by `caller`, or filled in full by `caller`. `refund` of the
    /// escrowed token went back to the maker (the unfilled escrow on a cancel; a bid's rounding leftover on its
    /// last fill).
    event OrderClosed(
        uint256 indexed orderId, address indexed maker, address indexed caller, bool cancelled, uint256 refund
    );

    /*//////////////////////////////////////////////////////////////
                                 ERRORS
    //////////////////////////////////////////////////////////////*/

    error ZeroAddress();
    error ZeroAmount();
    error ZeroPrice();
    error AmountOverflow(uint256 amount);
    error PriceOverflow(uint256 priceWad);
    error InvalidExpiry(uint256 expiry, uint256 nowTimestamp);
    error InvalidCurve(uint256 startPriceWad, uint256 floorPriceWad, uint256 duration, uint256 halfLife);
    error NotSeriesToken(address token);
    error InvalidCounterToken(address token, address counterToken);
    error RegistryFull();
    error OrderNotOpen(uint256 orderId);
    error OrderExpired(uint256 orderId, uint256 expiry);
    error FillExceedsRemaining(uint256 orderId, uint256 remaining, uint256 amount);
    error NotBid(uint256 orderId);
    error CancelNotAllowed(uint256 orderId, address caller, address maker, uint256 expiry);
    error NativeNotSupported(address token);
    error NativeValueMismatch(uint256 msgValue, uint256 expected);
    error NativeValueTooLow(uint256 msgValue, uint256 cost);
    error CollateralTransferMismatch(address token, uint256 expected, uint256 received);
    error UnexpectedNativeSender(address sender);

    /*//////////////////////////////////////////////////////////////
                                 TOKENS
    //////////////////////////////////////////////////////////////*/

    /// @notice Gives `token`, a P or N token of the core, and its collateral their ids, if they have none yet.
    /// Posting does this on its own; calling it first moves that one-time cost off the first order.
    /// @dev Reverts `NotSeriesToken` unless `token`'s code is a clone the core deployed at that very address.
    function register(address token) external returns (uint256 tokenId);

    /*//////////////////////////////////////////////////////////////
                                 POSTING
    //////////////////////////////////////////////////////////////*/

    /// @notice Posts a bid for `amount` of `token` at `priceWad` collateral per token and escrows
    /// `ceil(amount * priceWad / 1e18)` collateral (rounded up, MK-1).
    /// @dev With `msg.value == 0` the market pulls the escrow (approval needed) and checks that its balance rose
    /// by exactly that much. With `msg.value > 0` the collateral must be WETH and `msg.value` must equal the
    /// escrow, which the market wraps. `amount` and `priceWad` are in `(0, 2^128)`, the escrow below 2^128;
    /// `expiry` is 0 or in `(now, 2^32)`.
    function postBid(address token, uint256 amount, uint256 priceWad, uint256 expiry)
        external
        payable
        returns (uint256 orderId);

    /// @notice Posts an ask and escrows `params.amount` of `params.token` (approval or permit needed). Its curve
    /// starts now. See `AskParams` for the bounds.
    function postAsk(AskParams calldata params) external returns (uint256 orderId);

    /*//////////////////////////////////////////////////////////////
                                  FILLS
    //////////////////////////////////////////////////////////////*/

    /// @notice Fills `amount` of an open, unexpired order at its current price. `amount` is in units of the
    /// order's P or N token and must not exceed what is open (MK-2); the last fill closes the order.
    /// - Ask: the caller pays `counterAmount = ceil(amount * p(now) / 1e18)` of the wanted token to the maker
    ///   (approval needed) and `to` receives `amount` of the offered token. For an ask that wants WETH the caller
    ///   may pay in ETH instead: send at least `counterAmount`, the excess comes back to the caller.
    /// - Bid: the caller delivers `amount` of the token to the maker (approval needed) and `to` receives
    ///   `counterAmount = floor(amount * priceWad / 1e18)` collateral from the escrow (possibly 0 for dust). On
    ///   the last fill, what is left of the escrow (the rounding, at most one wei per fill) returns to the maker.
    /// No slippage parameter is needed: an order's terms never change, and an ask's price only falls, so a fill
    /// pays at most what `quote` showed in an earlier block.
    /// @dev Reverts `OrderNotOpen` for an unknown, filled or cancelled order, `OrderExpired` at or after its
    /// expiry, `FillExceedsRemaining` beyond what is open.
    function fill(uint256 orderId, uint256 amount, address to) external payable returns (uint256 counterAmount);

    /// @notice As `fill` on a bid whose collateral is WETH, but `to` receives native ETH.
    function fillToETH(uint256 orderId, uint256 amount, address payable to) external returns (uint256 counterAmount);

    /*//////////////////////////////////////////////////////////////
                              CANCELLATION
    //////////////////////////////////////////////////////////////*/

    /// @notice Closes an order and returns exactly its unfilled escrow to the maker (MK-5): an ask's remaining
    /// tokens, a bid's remaining collateral. The maker may cancel at any time; anyone may cancel an expired order.
    function cancel(uint256 orderId) external returns (uint256 refund);

    /// @notice As `cancel` on a bid escrowing WETH, paid to the maker in native ETH. Maker only.
    function cancelToETH(uint256 orderId) external returns (uint256 refund);

    /*//////////////////////////////////////////////////////////////
                                  VIEWS
    //////////////////////////////////////////////////////////////*/

    /// @notice The core whose P and N tokens trade here.
    function core() external view returns (address);

    /// @notice The core's WETH, for the native ETH paths.
    function WETH() external view returns (address);

    /// @notice The number of orders ever posted: ids run from 1 to `orderCount()`.
    function orderCount() external view returns (uint256);

    /// @notice An order's terms and what is left of it; all zero once it is closed.
    function orderOf(uint256 orderId) external view returns (Order memory);

    /// @notice `orderOf` for several ids, for bots scanning the books.
    function ordersOf(uint256[] calldata orderIds) external view returns (Order[] memory);

    /// @notice What a taker needs, in one call: the order's token and counter token, whether it is a bid, the
    /// amount fillable now (0 if closed or expired) and the current price.
    function fillableOf(uint256 orderId)
        external
        view
        returns (address token, address counterToken, bool isBid, uint256 fillable, uint256 priceWad);

    /// @notice The order's price at `timestamp` (the start price before its start); 0 for a closed order.
    function priceAt(uint256 orderId, uint256 timestamp) external view returns (uint256 priceWad);

    /// @notice What a fill of `amount` would move now, rounded as `fill` rounds: an ask's cost, a bid's payout.
    function quote(uint256 orderId, uint256 amount) external view returns (uint256 counterAmount);

    /// @notice The number of registered tokens: ids run from 1 to `tokenCount()`.
    function tokenCount() external view returns (uint256);

    /// @notice The token with id `tokenId` (zero address if none).
    function tokenAt(uint256 tokenId) external view returns (address);

    /// @notice `token`'s id (0 if unregistered) and its collateral's id (0 for a collateral).
    function tokenIdOf(address token) external view returns (uint256 tokenId, uint256 collateralId);
}

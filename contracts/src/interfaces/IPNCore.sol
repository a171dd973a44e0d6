// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {SeriesId, SeriesKey, Side} from "../types/SeriesKey.sol";

/// @title IPNCore
/// @notice The P/N series core. One collateral unit splits into one P and one N of a series
/// (collateral, oracle, index, strike S, maturity M). After M a slow oracle reports x, the index value at M;
/// then P redeems `min(1, S/x)` and N redeems `max(0, 1 - S/x)` collateral per token.
/// A pair is always worth exactly one collateral unit, so a series is fully collateralised by construction and
/// nothing is ever liquidated.
///
/// The core keeps every balance; each series' P and N are ERC-20 facades over it (see `IPNToken`), so one storage
/// slot per holder and series carries both sides. Entry points take the full `SeriesKey` (as Uniswap v4 takes a
/// PoolKey): the core stores nothing about a series but its supplies, its settlement and its balances.
///
/// Guarantees (see contracts/INVARIANTS.md for the IDs):
/// - No admin, no upgradeability, no fee. No function lowers a holder's balance except the holder's own call or
///   that of a spender they approved. There is no liquidation path.
/// - Rounding favours the protocol: every payout rounds down.
/// - Every state change emits an event.
interface IPNCore {
    /*//////////////////////////////////////////////////////////////
                                 EVENTS
    //////////////////////////////////////////////////////////////*/

    /// @notice A series and its two tokens were created.
    event SeriesCreated(
        SeriesId indexed id,
        address indexed collateral,
        bytes32 indexed indexId,
        address oracle,
        uint256 strikeWad,
        uint256 maturity,
        address pToken,
        address nToken
    );
    /// @notice `caller` deposited `amount` collateral and `to` received `amount` P and `amount` N.
    event Split(SeriesId indexed id, address indexed caller, address indexed to, uint256 amount);
    /// @notice `caller` burned `amount` P and `amount` N and `to` received `amount` collateral.
    event Merge(SeriesId indexed id, address indexed caller, address indexed to, uint256 amount);
    /// @notice The series settled at index value `xWad`; it is written once and never changes.
    event Settle(SeriesId indexed id, address indexed caller, uint256 xWad);
    /// @notice `caller` burned `pAmount` P and `nAmount` N and `to` received `payout` collateral.
    event Redeem(
        SeriesId indexed id,
        address indexed caller,
        address indexed to,
        uint256 pAmount,
        uint256 nAmount,
        uint256 payout
    );

    /*//////////////////////////////////////////////////////////////
                                 ERRORS
    //////////////////////////////////////////////////////////////*/

    error ZeroAddress();
    error ZeroAmount();
    error ZeroStrike();
    error MaturityNotInFuture(uint256 maturity, uint256 nowTimestamp);
    error CollateralNotContract(address collateral);
    error SeriesExists(SeriesId id);
    error SeriesNotFound(SeriesId id);
    error SeriesMatured(SeriesId id, uint256 maturity);
    error NotMatured(SeriesId id, uint256 maturity);
    error NotSettled(SeriesId id);
    error AlreadySettled(SeriesId id, uint256 xWad);
    error OracleNotFinal(SeriesId id, address oracle);
    error InvalidSettlementValue(SeriesId id, uint256 xWad);
    error AmountOverflow(uint256 amount);
    error InsufficientBalance(SeriesId id, Side side, address owner, uint256 balance, uint256 needed);
    error CollateralTransferMismatch(address collateral, uint256 expected, uint256 received);
    error NativeValueMismatch(uint256 msgValue, uint256 amount);
    error NativeNotSupported(address collateral);
    error NotSeriesToken(address caller);
    error UnexpectedNativeSender(address sender);

    /*//////////////////////////////////////////////////////////////
                                CREATION
    //////////////////////////////////////////////////////////////*/

    /// @notice Creates a series and deploys its P and N tokens. Permissionless.
    /// @dev The id is `keccak256(abi.encodePacked(collateral, oracle, indexId, strikeWad, maturity))`; creating an
    /// existing series reverts with `SeriesExists`. Token addresses are CREATE2 clones and are known in advance
    /// (`tokensOf`).
    ///
    /// What the core assumes of the collateral token:
    /// - Safety: it is a standard ERC-20 that moves exactly the amount asked. Fee-on-transfer and rebasing
    ///   tokens are rejected at `split`, where the core checks its balance before and after; a token whose balance
    ///   later shrinks on its own (a negative rebase) or that its issuer can seize or freeze at the core's address
    ///   can make every series on it under-collateralised. Such a token must not be used as collateral.
    /// - Liveness: transfers out of the core succeed. A paused or blocklisting token can stop merge and redeem.
    ///
    /// What the core assumes of the oracle:
    /// - Safety: `finalValue` returns `isFinal = true` at most once per question with one value, and that value is
    ///   the index at `maturity`. A wrong final value pays holders wrongly; nothing in the core can correct it.
    ///   The core reads it once, at `settle`, and stores it.
    /// - Liveness: it eventually returns a final, non-zero value below 2^128. Until it does, pairs can still be
    ///   merged at any time, but unpaired P or N cannot be redeemed.
    /// Anyone can create a series with any oracle: holders must check the oracle of a series before using it.
    /// @return id The new series' id.
    /// @return pToken The P token (redeems `min(1, S/x)`).
    /// @return nToken The N token (redeems `max(0, 1 - S/x)`).
    function createSeries(SeriesKey calldata key) external returns (SeriesId id, address pToken, address nToken);

    /*//////////////////////////////////////////////////////////////
                             SPLIT AND MERGE
    //////////////////////////////////////////////////////////////*/

    /// @notice Deposits `amount` collateral and mints `amount` P and `amount` N to `to`. Only before maturity.
    /// Balances and supplies are bounded by 2^128 - 1: a larger `amount` reverts with `AmountOverflow`, and a split
    /// that would push a supply past the bound reverts with `PairLib.PairOverflow`.
    /// @dev With `msg.value == 0` the core pulls `amount` of the collateral token from the caller (approval needed)
    /// and checks that its balance rose by exactly `amount`. With `msg.value > 0` the series' collateral must be
    /// WETH and `msg.value` must equal `amount`: the core wraps the ETH, no approval needed.
    function split(SeriesKey calldata key, uint256 amount, address to) external payable;

    /// @notice Burns `amount` P and `amount` N of the caller and pays `to` `amount` collateral. Any time, before or
    /// after settlement.
    function merge(SeriesKey calldata key, uint256 amount, address to) external;

    /// @notice As `merge`, but pays native ETH. The series' collateral must be WETH.
    function mergeToETH(SeriesKey calldata key, uint256 amount, address payable to) external;

    /*//////////////////////////////////////////////////////////////
                          SETTLEMENT AND REDEMPTION
    //////////////////////////////////////////////////////////////*/

    /// @notice Reads the final index value at maturity from the series' oracle and stores it, once. Anyone can call
    /// it after maturity.
    /// @dev Reverts `OracleNotFinal` while the oracle has no final answer, `InvalidSettlementValue` for x = 0 or
    /// x >= 2^128, and `AlreadySettled` on a second call.
    function settle(SeriesKey calldata key) external returns (uint256 xWad);

    /// @notice Burns `pAmount` P and `nAmount` N of the caller and pays `to`
    /// `floor(pAmount * min(S, x) / x) + floor(nAmount * max(x - S, 0) / x)` collateral.
    function redeem(SeriesKey calldata key, uint256 pAmount, uint256 nAmount, address to)
        external
        returns (uint256 payout);

    /// @notice As `redeem`, but pays native ETH. The series' collateral must be WETH, even when the payout is 0.
    function redeemToETH(SeriesKey calldata key, uint256 pAmount, uint256 nAmount, address payable to)
        external
        returns (uint256 payout);

    /*//////////////////////////////////////////////////////////////
                              TOKEN LEDGER
    //////////////////////////////////////////////////////////////*/

    /// @notice Moves `amount` of the calling token's side from `from` to `to`. Callable only by a P or N token this
    /// core deployed, which has already checked that `from` is the caller or has approved it.
    function transferFromToken(address from, address to, uint256 amount) external;

    /*//////////////////////////////////////////////////////////////
                                  VIEWS
    //////////////////////////////////////////////////////////////*/

    /// @notice The WETH contract used for the native ETH paths.
    function WETH() external view returns (address);

    /// @notice The id of `key`.
    function seriesId(SeriesKey calldata key) external pure returns (SeriesId);

    /// @notice The P and N token addresses of `key` (deployed or not).
    function tokensOf(SeriesKey calldata key) external view returns (address pToken, address nToken);

    /// @notice Whether `key`'s series has been created.
    function exists(SeriesKey calldata key) external view returns (bool);

    /// @notice Outstanding P and N of a series.
    function suppliesOf(SeriesId id) external view returns (uint256 pSupply, uint256 nSupply);

    /// @notice `owner`'s P and N balances in a series.
    function balancesOf(SeriesId id, address owner) external view returns (uint256 p, uint256 n);

    /// @notice The collateral the core holds for a series: the outstanding pairs before settlement, the
    /// unredeemed remainder after.
    function collateralOf(SeriesId id) external view returns (uint256);

    /// @notice The settlement value x, or 0 while the series is not settled.
    function settlementOf(SeriesId id) external view returns (uint256 xWad);
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {SeriesId, SeriesKey} from "../types/SeriesKey.sol";
import {IIndexOracle} from "./IIndexOracle.sol";

/// @title IPNVaultBase
/// @notice The types, events, errors and fixed addresses of `IPNVault` (see its notice), in their own interface so
/// that the vault and its engine (`PNVaultEngine`) share them.
interface IPNVaultBase {
    /// @notice The core whose series the vault holds.
    function core() external view returns (address);
    /// @notice The market its auctions run on.
    function market() external view returns (address);
    /// @notice The collateral of every series it holds: the core's WETH.
    function collateral() external view returns (address);

    /*//////////////////////////////////////////////////////////////
                                 TYPES
    //////////////////////////////////////////////////////////////*/

    /// @notice Where the vault stands. The second asset, by phase:
    /// - `Holding`: none. Only the current P; deposits open; a roll may start.
    /// - `Rolling`: P of the previous series, in the open roll auction (`orderId`).
    /// - `Legacy`: P of the previous series left by a roll auction that did not fill, held to its maturity.
    /// - `Selling`: N of the current series, in the open re-entry sale (`orderId`).
    /// - `Stranded`: N of the current series left by a sale that did not fill, held to the current maturity.
    enum Phase {
        Holding,
        Rolling,
        Legacy,
        Selling,
        Stranded
    }

    /// @notice Why a roll may start now: not at all, the schedule (maturity near), or the caller's price signal.
    enum RollReason {
        None,
        Scheduled,
        Signal
    }

    /// @notice The policy, fixed at deployment (VT-3). Bps are 1/10,000; prices and strikes WAD index units per
    /// collateral unit; times in seconds.
    /// @param oracle Oracle of every series the vault holds (the slow oracle); also the only source of a strike
    /// increase.
    /// @param indexId The index the vault tracks (e.g. "USD").
    /// @param strikeFractionBps k: a new strike is `k * reference price` (e.g. 5,000: half the price).
    /// @param strikeSigFigs Strikes are rounded down to this many significant decimal digits (e.g. 2: 1,234 → 1,200).
    /// @param minStrikeStepBps A roll never sets the strike below `strike * minStrikeStepBps / 1e4`.
    /// @param maxRefAge Oldest slow-oracle reference a scheduled roll may use to raise the strike; 0: never raise.
    /// @param triggerBps Signal roll when the hint is below `strike * triggerBps / 1e4` (e.g. 15,000: 1.5·S).
    /// @param minRollInterval Seconds from one roll's start to the earliest signal roll.
    /// @param tenor A new series matures on the first grid date at least `tenor` after the roll.
    /// @param maturityOrigin Maturity grid: `maturityOrigin + n * maturityPeriod`, n ≥ 0 (e.g. a Friday 08:00 UTC).
    /// @param maturityPeriod Grid period (e.g. 7 days).
    /// @param rollLead Scheduled roll from `maturity - rollLead` on.
    /// @param auctionDuration Seconds from an auction's start price to its floor.
    /// @param auctionHalfLife 0: linear curve; else the exponential curve's half-life (`IPNMarket`).
    /// @param auctionPatience Seconds an auction stays at its floor before the fallback (never past the maturity of
    /// what it sells).
    /// @param rollStartBps Roll auction start, as a fraction of the strike ratio `S_A / S_B` (e.g. 10,200).
    /// @param rollFloorBps Roll auction floor, likewise (e.g. 9,800): the worst price the vault accepts.
    /// @param saleStartBps Re-entry sale start, as a fraction of `(x - S) / S` P per N (e.g. 12,000).
    /// @param saleFloorBps Re-entry sale floor, likewise (e.g. 8,000).
    /// @param rewardBps Keeper reward as a fraction of the amount rolled or re-entered (e.g. 1).
    /// @param rewardCap And at most this many units (P, or WETH wei) per call.
    struct Rules {
        IIndexOracle oracle;
        bytes32 indexId;
        uint256 strikeFractionBps;
        uint256 strikeSigFigs;
        uint256 minStrikeStepBps;
        uint256 maxRefAge;
        uint256 triggerBps;
        uint256 minRollInterval;
        uint256 tenor;
        uint256 maturityOrigin;
        uint256 maturityPeriod;
        uint256 rollLead;
        uint256 auctionDuration;
        uint256 auctionHalfLife;
        uint256 auctionPatience;
        uint256 rollStartBps;
        uint256 rollFloorBps;
        uint256 saleStartBps;
        uint256 saleFloorBps;
        uint256 rewardBps;
        uint256 rewardCap;
    }

    /// @notice The vault's state, as stored (three slots: [strike | maturity | lastRollAt | phase],
    /// [secondStrike | secondMaturity | deadline | orderId], [secondHeld]). The second asset's fields and the
    /// deadline mean something only outside `Holding`; in `Holding` they keep the last auction's values.
    /// @param strikeWad Strike of the current series.
    /// @param maturity Maturity of the current series.
    /// @param lastRollAt When the last roll started (0 before the first).
    /// @param phase See `Phase`.
    /// @param secondStrikeWad Strike of the second asset's series (`Rolling`/`Legacy`: the previous series;
    /// `Selling`/`Stranded`: the current one).
    /// @param secondMaturity Its maturity.
    /// @param deadline When the open (or last) auction falls back; also its market expiry.
    /// @param orderId The open auction's market order, 0 if none (VT-4: at most one).
    /// @param secondHeld `Legacy`/`Stranded`: the second asset the vault owns. During an auction: the amount it
    /// escrowed (the fills since are read from the market).
    struct State {
        uint128 strikeWad;
        uint40 maturity;
        uint40 lastRollAt;
        Phase phase;
        uint128 secondStrikeWad;
        uint40 secondMaturity;
        uint40 deadline;
        uint48 orderId;
        uint128 secondHeld;
    }

    /// @notice What `triggerRoll(hintWad, refTimestamp)` would do now (`previewTrigger`).
    /// @param reason Scheduled or signal (None if it would revert).
    /// @param strikeWad The next series' strike.
    /// @param maturity The next series' maturity.
    /// @param amount P of the current series offered in the auction (holdings minus the reward).
    /// @param reward P paid to the caller.
    /// @param startPriceWad The auction's start price, P_B per P_A.
    /// @param floorPriceWad The auction's floor, P_B per P_A.
    /// @param deadline When the auction falls back.
    struct Plan {
        RollReason reason;
        uint256 strikeWad;
        uint256 maturity;
        uint256 amount;
        uint256 reward;
        uint256 startPriceWad;
        uint256 floorPriceWad;
        uint256 deadline;
    }

    /*//////////////////////////////////////////////////////////////
                                 EVENTS
    //////////////////////////////////////////////////////////////*/

    /// @notice `caller` deposited `pIn` P of series `id` (split from ETH when `nOut > 0`, the N going to `to`) and
    /// `to` received `shares`.
    event Deposit(
        address indexed caller, address indexed to, SeriesId indexed id, uint256 pIn, uint256 nOut, uint256 shares
    );

    /// @notice `owner` burned `shares`; `to` received `curOut` P of the current series and `secondOut` of the
    /// second asset in kind, and `collateralOut` WETH for the part of its claim on settled series.
    event Withdraw(
        address indexed owner,
        address indexed to,
        uint256 shares,
        uint256 curOut,
        uint256 secondOut,
        uint256 collateralOut
    );

    /// @notice A roll started: `plan.amount` P of `fromId` offered for P of `toId` in market order `orderId`, as
    /// `plan` says (reason, next series, curve, deadline, the reward paid to `caller` in P of `fromId`).
    event RollStarted(
        uint256 indexed orderId,
        SeriesId indexed fromId,
        SeriesId indexed toId,
        address caller,
        uint256 hintWad,
        Plan plan
    );

    /// @notice The vault moved to series `toId` without an auction (it held no P).
    event SeriesAdvanced(SeriesId indexed fromId, SeriesId indexed toId);

    /// @notice `reenter`: `collateral` WETH (from redeeming settled series at index value `xWad`, minus `reward` to
    /// `caller`) was split into series `id`, and its N offered for P in market order `orderId` (0 if nothing was
    /// split), from `startPriceWad` to `floorPriceWad` P per N, falling back at `deadline`.
    event Reentered(
        uint256 indexed orderId,
        SeriesId indexed id,
        uint256 xWad,
        uint256 collateral,
        uint256 startPriceWad,
        uint256 floorPriceWad,
        uint256 deadline,
        address caller,
        uint256 reward
    );

    /// @notice A withdrawal took its share of an open auction's escrow: order `oldOrderId` was cancelled and the
    /// rest, `amount`, re-offered in `newOrderId` continuing the same curve (0 if nothing was left).
    event AuctionReposted(uint256 indexed oldOrderId, uint256 indexed newOrderId, uint256 amount);

    /// @notice Auction `orderId` ended (filled, or its deadline passed) with `leftover` of the second asset unsold;
    /// the vault is now in `phase`.
    event AuctionClosed(uint256 indexed orderId, Phase phase, uint256 leftover);

    /*//////////////////////////////////////////////////////////////
                                 ERRORS
    //////////////////////////////////////////////////////////////*/

    /// @notice A rule is out of its domain (constructor). `rule` names it.
    error InvalidRule(bytes32 rule, uint256 value);
    error ZeroAddress();
    error ZeroAmount();
    /// @notice The deposit is too small to mint a share.
    error ZeroShares(uint256 amount);
    /// @notice Deposits need `Phase.Holding` and an unmatured current series.
    error DepositsClosed(Phase phase, uint256 maturity);
    error InsufficientShares(address owner, uint256 balance, uint256 shares);
    /// @notice A roll needs `Phase.Holding`.
    error NotHolding(Phase phase);
    /// @notice The current series has matured: `reenter` moves the vault on.
    error SeriesMatured(uint256 maturity, uint256 nowTimestamp);
    /// @notice Neither trigger holds: the scheduled roll starts at `scheduledAt`, a signal roll needs a hint below
    /// `signalBelowWad`.
    error RollNotDue(uint256 scheduledAt, uint256 signalBelowWad, uint256 hintWad);
    /// @notice A signal roll waits until `allowedAt` (`minRollInterval` after the last roll).
    error RollRateLimited(uint256 allowedAt);
    /// @notice A strike reference is only accepted on a scheduled roll, when `maxRefAge > 0`.
    error ReferenceNotAllowed(uint256 refTimestamp);
    /// @notice The reference must be in `[now - maxRefAge, now)`.
    error ReferenceTooOld(uint256 refTimestamp, uint256 nowTimestamp, uint256 maxRefAge);
    error ReferenceNotFinal(uint256 refTimestamp);
    /// @notice An auction is open until `deadline` (or the second asset is not settled yet).
    error AuctionOpen(uint256 orderId, uint256 deadline);
    error NoAuction();
    /// @notice Nothing has matured to re-enter from: the next maturity that allows it is `readyAt`.
    error ReentryNotDue(Phase phase, uint256 readyAt);
    /// @notice Re-entering the current series at index value `xWad` would leave its N worthless (`x <= S`): the
    /// vault keeps the settled previous series until the current one matures.
    error ReentryUnsafe(uint256 xWad, uint256 strikeWad);
}

/// @title IPNVault
/// @notice A rules-only index vault (the research post's "wrapper"): an ERC-20 share (with EIP-2612 permit) whose
/// holders own, pro rata, the deep in-the-money P the vault holds, and which rolls that P by rules fixed at
/// deployment. One vault per index and policy (e.g. `pnUSD`). No admin, no upgrade, no fee, nothing configurable:
/// nobody can change a rule or move the vault's holdings except through the functions below, which anyone may call
/// and which follow the rules (VT-3).
///
/// **What it holds.** P of its current series (collateral WETH, the rules' oracle and index, a strike on the
/// strike grid, a maturity on the maturity grid). Between a roll's start and end it also holds one *second
/// asset*: P of the previous series (in a roll auction, or kept after an auction that did not fill) or N of the
/// current series (in a re-entry sale, or kept after one that did not fill). See `Phase`.
///
/// **Shares are claims in kind, never priced.** With `T` shares outstanding and `V = VIRTUAL_SHARES`:
/// - a deposit of `a` P when the vault holds `H` P mints `floor(a * (T + V) / (H + V))` shares (rounded down);
/// - a withdrawal of `s` shares pays `floor(s * H_i / (T + V))` of every asset `i` the vault holds (rounded down),
///   P of a settled series as its collateral (the vault redeems it straight to the receiver).
/// So a deposit or a withdrawal never lowers another holder's claim on any asset (VT-1) and the claims never add
/// up to more than the holdings (VT-2). The `V` virtual shares (backed by `V` virtual wei of P at deposit) make a
/// donation or share-inflation attack cost the attacker about `V` times what it takes from a victim; they keep
/// `V / (T + V)` of each asset unclaimed (a part in 10^12 at 10^18 shares). Deposits are open only while the vault
/// holds its current P alone (`Phase.Holding`), since pricing a mix would need a price. Withdrawals are always open:
/// during an auction the vault cancels its order, pays the share of the escrow and re-offers the rest on the same
/// curve (`AuctionReposted`).
///
/// **Rolls.** Two triggers, both permissionless:
/// - *scheduled*: from `maturity - rollLead` on (time only, no price);
/// - *signal*: when a caller's hint of the index price is below `strike * triggerBps / 1e4`, at most once per
///   `minRollInterval`. The hint is **non-binding**: it never prices a share, and it can only *lower* the next
///   strike. A false hint causes at most an extra roll into a lower (safer) strike, at a cost bounded by the
///   auction floor plus the reward (docs/vault.md, "The signal").
/// The next series is derived, never chosen: strike `k * reference`, rounded down to `strikeSigFigs` significant
/// digits (shared by every vault on the same grid), clamped to `[strike * minStrikeStepBps / 1e4, strike]` (above
/// the current strike only on a scheduled roll with a slow-oracle reference no older than `maxRefAge`); maturity
/// the first grid date at least `tenor` after the roll and after the current maturity. The vault creates the series
/// if missing, pays the caller a reward, and posts a Dutch **roll auction** on the market: all its P_A offered for
/// P_B, from `rollStartBps` to `rollFloorBps` of the strike ratio `S_A / S_B` (P_B per P_A) over
/// `auctionDuration` (linear, or halving every `auctionHalfLife`), then at the floor for `auctionPatience`, and
/// never past A's maturity. Makers fill it on the market; the vault never receives less than the floor (VT-5).
///
/// **Fallback.** An auction not filled by its deadline is closed (`closeAuction`, anyone) and what is left is
/// kept: P_A is held to its maturity; then `reenter` (anyone) settles A, redeems it into WETH, splits the WETH into
/// the current series and sells the N it gets for P in a **re-entry sale** (a Dutch auction of N for P, priced
/// from the settled index value x: `(x - S) / S` P per N, from `saleStartBps` to `saleFloorBps`). If the current
/// series itself matures (nobody rolled, or a sale did not fill), `reenter` redeems everything and re-enters a new
/// series struck at `k * x` from the oracle's settled x. If the previous series settles at `x <= S` of the current
/// one (its N would be worthless), the vault waits for the current series to mature instead (`ReentryUnsafe`).
///
/// **Keeper reward.** `triggerRoll` and `reenter` pay their caller `min(amount * rewardBps / 1e4, rewardCap)` of
/// what they roll (P) or re-enter (WETH), taken from the holdings (so every holder pays the same fraction). At most
/// one scheduled roll per `tenor - rollLead`, one signal roll per `minRollInterval` and one re-entry per auction
/// or maturity, so the yearly reward is bounded too (VT-6).
///
/// **Trust assumptions.** Safety: the core, the market and the rules' oracle are the ones given at deployment
/// (the vault calls nothing else but their P/N tokens and WETH); the oracle's final value is the index at the
/// asked instant (it settles every series the vault holds, and it is the only reference that can raise a strike).
/// Liveness: makers fill auctions at or above their floors, or the fallback holds to maturity, which needs the
/// oracle to settle; withdrawals in kind never depend on either.
///
/// **For keepers.** Each round: `canClose()` → `closeAuction()`; `canReenter()` → `reenter()` (after proposing the
/// matured questions on the oracle); `canTrigger(price, 0)` → `triggerRoll(price, 0)`. `nextRoll()` says when the
/// scheduled roll opens, below which hint a signal roll is due and from when it is allowed; `previewTrigger` returns
/// the plan or the exact revert data. Every step emits an event (`RollStarted`, `AuctionClosed`, `Reentered`,
/// `AuctionReposted`, `SeriesAdvanced`), and makers find the auction in the market's own events and views. Types,
/// events and errors are declared in `IPNVaultBase`.
interface IPNVault is IPNVaultBase {
    /*//////////////////////////////////////////////////////////////
                                DEPOSITS
    //////////////////////////////////////////////////////////////*/

    /// @notice Splits `msg.value` ETH into the current series, keeps the P and sends the N to `to`, who also gets
    /// the shares. Only in `Phase.Holding` before the current maturity.
    function deposit(address to) external payable returns (uint256 shares);

    /// @notice Deposits `amount` P of the current series (approval or permit needed); `to` gets the shares.
    function depositP(uint256 amount, address to) external returns (uint256 shares);

    /*//////////////////////////////////////////////////////////////
                              WITHDRAWALS
    //////////////////////////////////////////////////////////////*/

    /// @notice Burns `shares` of the caller and pays `to` its pro-rata claim on every asset, rounded down: P of the
    /// current series and the second asset in kind, each as collateral (WETH) if its series is settled. Always open:
    /// during an auction the vault cancels it, pays the share of its escrow and re-offers the rest on the same curve.
    function withdraw(uint256 shares, address to)
        external
        returns (uint256 curOut, uint256 secondOut, uint256 collateralOut);

    /*//////////////////////////////////////////////////////////////
                                ROLLING
    //////////////////////////////////////////////////////////////*/

    /// @notice Starts a roll if one is due (see the contract notice) and pays the caller the reward.
    /// @param hintWad The caller's index price, non-binding (0: none). It may trigger a signal roll and may lower
    /// the next strike, never raise it.
    /// @param refTimestamp 0, or (scheduled rolls only) a past instant whose final oracle value may raise the strike.
    function triggerRoll(uint256 hintWad, uint256 refTimestamp) external returns (uint256 orderId);

    /// @notice Ends the open auction once it is filled or past its deadline: the vault cancels what is left and
    /// keeps it (`Legacy`/`Stranded`), or returns to `Holding`. Every other entry point does this first on its own.
    function closeAuction() external returns (uint256 leftover);

    /// @notice The fallback: settles and redeems what has matured (the held previous series; the current series
    /// and its N once it matures), splits the WETH into the current series (a new one struck at `k * x` if the
    /// current one matured) and offers the N for P in a re-entry sale. Pays the caller the reward in WETH.
    function reenter() external returns (uint256 orderId);

    /*//////////////////////////////////////////////////////////////
                                 VIEWS
    //////////////////////////////////////////////////////////////*/

    /// @notice The rules (immutable, VT-3).
    function rules() external view returns (Rules memory);

    /// @notice The stored state.
    function state() external view returns (State memory);

    /// @notice The current series.
    function currentSeries() external view returns (SeriesKey memory);

    /// @notice What the vault owns: P of the current series (its balance), the second asset's token (0 in
    /// `Holding`) and amount (escrow still open in its auction, or held).
    function holdings() external view returns (uint256 curAmount, address secondToken, uint256 secondAmount);

    /// @notice Shares a deposit of `pAmount` P (or ETH) would mint now (0 while deposits are closed).
    function previewDeposit(uint256 pAmount) external view returns (uint256 shares);

    /// @notice `shares`' claim now: P of the current series and the second asset, before any redemption.
    function previewWithdraw(uint256 shares) external view returns (uint256 curOut, uint256 secondOut);

    /// @notice For keepers: when the scheduled roll opens, the hint below which a signal roll is due, and from
    /// when a signal roll is allowed.
    function nextRoll() external view returns (uint256 scheduledAt, uint256 signalBelowWad, uint256 signalAllowedAt);

    /// @notice What `triggerRoll(hintWad, refTimestamp)` would do now, or the revert data it would fail with. Like
    /// the other previews it does not first close a finished auction (`triggerRoll` does): check `canClose`.
    function previewTrigger(uint256 hintWad, uint256 refTimestamp)
        external
        view
        returns (Plan memory plan, bytes memory err);

    /// @notice Whether `triggerRoll(hintWad, refTimestamp)` would succeed now.
    function canTrigger(uint256 hintWad, uint256 refTimestamp) external view returns (bool);

    /// @notice Whether `closeAuction` would succeed now (an auction is open and filled or past its deadline).
    function canClose() external view returns (bool);

    /// @notice Whether `reenter` would succeed now (no auction open; a held series matured and settles).
    function canReenter() external view returns (bool);

    /// @notice The virtual shares (and virtual wei of P at deposit) of the share math.
    function VIRTUAL_SHARES() external view returns (uint256);
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IArbiter} from "./IArbiter.sol";
import {IIndexOracle} from "./IIndexOracle.sol";

/// @notice The fixed settings of an index. Set once at registration; nobody can change them afterwards.
/// @param rulesHash keccak256 of the rules text saying exactly how x is computed (sources, time, aggregation,
/// rounding, units); the texts live in docs/indices/.
/// @param bond Base bond in wei (native ETH) for a proposal (> 0). Dispute round r posts `bond << r`.
/// @param challengeWindow Seconds an answer must stand undisputed to become final (2 hours is the default), in
/// [MIN_WINDOW, MAX_WINDOW].
/// @param arbitrationWindow Seconds the arbiter has to answer after escalation, in [MIN_WINDOW, MAX_WINDOW].
/// @param maxRounds Disputes allowed, in [1, MAX_ROUNDS]; the `maxRounds`-th dispute escalates the question to
/// the arbiter.
/// @param arbiter The index's arbiter (a contract other than the oracle); its answer is final.
/// @param minValueWad Smallest acceptable x (> 0), the rules' sane lower bound.
/// @param maxValueWad Largest acceptable x (≥ minValueWad, < 2^128), the rules' sane upper bound.
struct IndexConfig {
    bytes32 rulesHash;
    uint96 bond;
    uint32 challengeWindow;
    uint32 arbitrationWindow;
    uint8 maxRounds;
    IArbiter arbiter;
    uint128 minValueWad;
    uint128 maxValueWad;
}

/// @notice Where a question stands, as stored.
/// - None: nobody has proposed.
/// - Proposed: the latest answer stands unless disputed before `answeredAt + challengeWindow`.
/// - Escalated: the arbiter decides, until `escalatedAt + arbitrationWindow`.
/// - Finalized: bonds are settled; the answer is final and immutable.
/// Finality does not wait for `finalize`: see `finalValue`.
enum QuestionStatus {
    None,
    Proposed,
    Escalated,
    Finalized
}

/// @notice One question's state, as returned by `question`.
/// @param status See `QuestionStatus` (a Proposed answer past its window is already final for `finalValue`).
/// @param round 0 for the proposal, r for the r-th dispute.
/// @param valueWad The latest answer, or the arbiter's once it answered.
/// @param answeredAt When the latest answer was posted.
/// @param escalatedAt When the question escalated (0 if it did not).
/// @param arbitrated True once the arbiter answered.
struct QuestionView {
    QuestionStatus status;
    uint8 round;
    uint128 valueWad;
    uint40 answeredAt;
    uint40 escalatedAt;
    bool arbitrated;
}

/// @title ISlowOracle
/// @notice A slow, disputable oracle for "what was index T at time M?", asked after M: a cheap bonded game in front
/// of a safer, expensive arbiter. One answer per (index, timestamp) settles every series on that index and
/// maturity.
///
/// The game, per question (all times are block timestamps; every window is half-open, `[start, start + length)`):
/// 1. After `timestamp` (strictly), anyone proposes x with the index's base bond (native ETH). x must lie in the
///    index's [minValueWad, maxValueWad].
/// 2. While `block.timestamp < answeredAt + challengeWindow`, anyone who disagrees disputes the latest answer with
///    another value (an earlier answer may be restated) and a bond twice the previous one (round r posts
///    `bond << r`). Each dispute restarts the window.
/// 3. An answer that stands for a whole window is final from `answeredAt + challengeWindow` on. The
///    `maxRounds`-th dispute instead escalates the question to the index's arbiter, which may answer (any value
///    within the bounds) while `block.timestamp < escalatedAt + arbitrationWindow`; that answer is final at once.
/// 4. Liveness fallback: if the arbiter has not answered by `escalatedAt + arbitrationWindow`, the latest answer
///    becomes final then and every bond is returned; no one was proven wrong.
///
/// Time to finality (OR-5): at most `maxRounds` windows run before escalation, each ended early by a dispute, so
/// every question is final by `firstProposal + maxRounds * challengeWindow + arbitrationWindow`. On whole-second
/// timestamps a dispute lands at `answeredAt + challengeWindow - 1` at the latest, so the exact worst case is
/// `maxRounds * (challengeWindow - 1) + arbitrationWindow`. No collateral waits forever.
///
/// Bonds, settled by `finalize` and paid by `withdraw` (pull): answers equal to the final value are right, the
/// others wrong. Right answerers get their bonds back plus `RIGHT_SHARE_BPS` of the wrong bonds, pro rata to their
/// own bonds, each share rounded down; the rest of the wrong bonds, rounding dust included, goes to the fixed
/// `SINK`. If no answer was right (the arbiter chose a third value), all wrong bonds go to the sink. After the
/// fallback every bond is returned. There is no admin and no fee.
///
/// Griefing: each dispute restarts a window, but there are at most `maxRounds` of them, each costing twice the
/// last; a griefer proven wrong loses every bond posted.
///
/// Trust assumptions. Safety: the arbiter answers honestly when it answers; without it (fallback), the latest
/// answer wins, so safety then rests on honest parties being able to post the next, doubled bond. Liveness:
/// none beyond block production; the fallback does not need the arbiter. The arbiter is notified through
/// `IArbiter.onEscalation` with `ARBITER_GAS`; a revert there is ignored.
interface ISlowOracle is IIndexOracle {
    /*//////////////////////////////////////////////////////////////
                                 EVENTS
    //////////////////////////////////////////////////////////////*/

    event IndexRegistered(bytes32 indexed indexId, address indexed registrar, IndexConfig config);
    event Proposed(
        bytes32 indexed indexId, uint256 indexed timestamp, address indexed proposer, uint256 valueWad, uint256 bond
    );
    event Disputed(
        bytes32 indexed indexId,
        uint256 indexed timestamp,
        address indexed disputer,
        uint256 valueWad,
        uint256 bond,
        uint256 round
    );
    event Escalated(bytes32 indexed indexId, uint256 indexed timestamp, address indexed arbiter, uint256 deadline);
    event Arbitrated(bytes32 indexed indexId, uint256 indexed timestamp, uint256 valueWad);
    /// @param byFallback True when the arbiter missed its deadline and the latest answer stood.
    event Finalized(bytes32 indexed indexId, uint256 indexed timestamp, uint256 valueWad, bool byFallback);
    event BondCredited(bytes32 indexed indexId, uint256 indexed timestamp, address indexed account, uint256 amount);
    event BondSunk(bytes32 indexed indexId, uint256 indexed timestamp, uint256 amount);
    event Withdrawn(address indexed account, uint256 amount);

    /*//////////////////////////////////////////////////////////////
                                 ERRORS
    //////////////////////////////////////////////////////////////*/

    error InvalidSink();
    error IndexExists(bytes32 indexId);
    error IndexNotFound(bytes32 indexId);
    error InvalidIndexId();
    error InvalidBond(uint256 bond);
    error InvalidWindow(uint256 challengeWindow, uint256 arbitrationWindow);
    error InvalidMaxRounds(uint256 maxRounds);
    error InvalidArbiter(address arbiter);
    error InvalidBounds(uint256 minValueWad, uint256 maxValueWad);
    error TooEarly(bytes32 indexId, uint256 timestamp, uint256 nowTimestamp);
    error ValueOutOfBounds(bytes32 indexId, uint256 valueWad, uint256 minValueWad, uint256 maxValueWad);
    error WrongBond(uint256 sent, uint256 required);
    error AlreadyProposed(bytes32 indexId, uint256 timestamp);
    error NotProposed(bytes32 indexId, uint256 timestamp);
    error SameValue(uint256 valueWad);
    error ChallengeWindowClosed(bytes32 indexId, uint256 timestamp, uint256 closedAt);
    error ChallengeWindowOpen(bytes32 indexId, uint256 timestamp, uint256 closesAt);
    error NotEscalated(bytes32 indexId, uint256 timestamp);
    error AlreadyEscalated(bytes32 indexId, uint256 timestamp);
    error ArbitrationClosed(bytes32 indexId, uint256 timestamp, uint256 deadline);
    error ArbitrationOpen(bytes32 indexId, uint256 timestamp, uint256 deadline);
    error OnlyArbiter(address caller, address arbiter);
    /// @notice The answer is already final (bonds settled, or the arbiter already answered).
    error AlreadyFinalized(bytes32 indexId, uint256 timestamp);
    /// @notice An escalating dispute must leave the arbiter its full `ARBITER_GAS` (EIP-150 forwards at most
    /// 63/64 of what is left), so a disputer cannot starve the notification.
    error EscalationGasTooLow(uint256 gasLeft, uint256 required);
    error NothingToWithdraw(address account);

    /*//////////////////////////////////////////////////////////////
                                 INDICES
    //////////////////////////////////////////////////////////////*/

    /// @notice Registers an index. Permissionless; the id (non-zero; a left-aligned ASCII ticker such as "USD"
    /// reads best) is first come, first served, and the settings can never change. The registrar vouches for
    /// nothing: a series creator chooses an index, and with it its bond, windows, bounds and arbiter.
    function registerIndex(bytes32 indexId, IndexConfig calldata config) external;

    /// @notice The settings of `indexId` (reverts `IndexNotFound` if it is not registered).
    function indexConfig(bytes32 indexId) external view returns (IndexConfig memory);

    /*//////////////////////////////////////////////////////////////
                                THE GAME
    //////////////////////////////////////////////////////////////*/

    /// @notice Proposes x for (indexId, timestamp); `msg.value` must equal the index's base bond.
    function propose(bytes32 indexId, uint256 timestamp, uint256 valueWad) external payable;

    /// @notice Disputes the latest answer with `valueWad`; `msg.value` must equal `bond << (round + 1)`.
    /// The `maxRounds`-th dispute escalates the question to the arbiter and notifies it (best effort).
    function dispute(bytes32 indexId, uint256 timestamp, uint256 valueWad) external payable;

    /// @notice The index's arbiter answers an escalated question, before its deadline. Final at once; the bonds
    /// are settled by `finalize`.
    function arbitrate(bytes32 indexId, uint256 timestamp, uint256 valueWad) external;

    /// @notice Settles the bonds of a question whose answer is final (window passed, arbiter answered, or
    /// arbitration deadline passed). Anyone can call it, once. Not needed for `finalValue`.
    function finalize(bytes32 indexId, uint256 timestamp) external;

    /// @notice Pays out the caller's credited bonds.
    function withdraw() external;

    /// @notice Pays the sink's credits to `SINK`. Anyone can call it, so a sink that cannot call (a burn address,
    /// a plain treasury) still receives them; a sink that rejects ETH is paid by force.
    function withdrawSink() external;

    /*//////////////////////////////////////////////////////////////
                                  VIEWS
    //////////////////////////////////////////////////////////////*/

    /// @notice Share of the wrong side's bonds paid to the right side, in basis points; the rest is sunk.
    function RIGHT_SHARE_BPS() external view returns (uint256);

    /// @notice Where the unrewarded part of wrong bonds goes. Fixed at deployment.
    function SINK() external view returns (address);

    /// @notice Gas forwarded to `IArbiter.onEscalation`.
    function ARBITER_GAS() external view returns (uint256);

    /// @notice Upper bound on `maxRounds`; it keeps each question's storage fixed-size.
    function MAX_ROUNDS() external view returns (uint256);

    /// @notice Bounds on `challengeWindow` and `arbitrationWindow`, in seconds.
    function MIN_WINDOW() external view returns (uint256);
    function MAX_WINDOW() external view returns (uint256);

    function question(bytes32 indexId, uint256 timestamp) external view returns (QuestionView memory);

    /// @notice Answer `round` of (indexId, timestamp): who posted it, the value, the bond. Zeros past the latest
    /// round.
    function answer(bytes32 indexId, uint256 timestamp, uint256 round)
        external
        view
        returns (address answerer, uint256 valueWad, uint256 bond);

    /// @notice Bond the next dispute of (indexId, timestamp) must post; 0 when it cannot be disputed now (no
    /// proposal, window closed, escalated or finalized).
    function nextDisputeBond(bytes32 indexId, uint256 timestamp) external view returns (uint256);

    /// @notice `escalatedAt + arbitrationWindow`, the instant from which the arbiter can no longer answer; 0 if
    /// the question has not escalated.
    function arbitrationDeadline(bytes32 indexId, uint256 timestamp) external view returns (uint256);

    /// @notice Credited and not yet withdrawn.
    function credits(address account) external view returns (uint256);
}

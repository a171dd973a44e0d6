// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IArbiter} from "./IArbiter.sol";
import {ISlowOracle} from "./ISlowOracle.sol";

/// @title ICommitteeArbiter
/// @notice An M-of-N committee arbiter for the indices of one slow oracle. The members and the threshold are fixed
/// at construction; there is no admin, no way to add, remove or replace a member.
///
/// Voting, per escalated question (indexId, timestamp):
/// - Only while the oracle accepts an answer: the question has escalated and `block.timestamp` is before
///   `ORACLE.arbitrationDeadline(indexId, timestamp)`. A vote outside that window reverts (`VotingNotOpen`,
///   `VotingClosed`); the oracle enforces the deadline again in `arbitrate`.
/// - Each member has one vote and may change it until the question is resolved; only its latest vote counts.
///   That lets a member correct a mistake without ever counting twice.
/// - The vote that brings a value to `THRESHOLD` votes resolves the question: it calls `ORACLE.arbitrate` with
///   that value, in the same transaction. If the oracle refuses (for example a value outside the index's bounds),
///   the vote reverts with the oracle's error.
///
/// Trust assumptions. Safety: fewer than `THRESHOLD` members collude or err on the same wrong value. A threshold
/// at or below N/2 lets a minority decide; choose M > N/2. Liveness: if `THRESHOLD` members do not agree in time,
/// the oracle's fallback makes the latest answer final and returns every bond; the committee cannot block a
/// question.
interface ICommitteeArbiter is IArbiter {
    event EscalationReceived(bytes32 indexed indexId, uint256 indexed timestamp);
    /// @param votesForValue Votes `valueWad` now has, this one included.
    event Voted(
        bytes32 indexed indexId,
        uint256 indexed timestamp,
        address indexed member,
        uint256 valueWad,
        uint256 votesForValue
    );
    event Resolved(bytes32 indexed indexId, uint256 indexed timestamp, uint256 valueWad);

    error InvalidOracle(address oracle);
    error InvalidMemberCount(uint256 count);
    error InvalidMember(address member);
    error DuplicateMember(address member);
    error InvalidThreshold(uint256 threshold, uint256 memberCount);
    error OnlyOracle(address caller);
    error NotMember(address caller);
    error ZeroValue();
    error AlreadyResolved(bytes32 indexId, uint256 timestamp);
    error AlreadyVoted(bytes32 indexId, uint256 timestamp, address member, uint256 valueWad);
    error VotingNotOpen(bytes32 indexId, uint256 timestamp);
    error VotingClosed(bytes32 indexId, uint256 timestamp, uint256 deadline);

    /// @notice Casts or changes the caller's vote on an escalated question; resolves it at `THRESHOLD` votes.
    function vote(bytes32 indexId, uint256 timestamp, uint256 valueWad) external;

    /// @notice The oracle whose escalations this committee answers.
    function ORACLE() external view returns (ISlowOracle);

    /// @notice Votes needed on one value (M), 1 ≤ M ≤ N.
    function THRESHOLD() external view returns (uint256);

    /// @notice Most members a committee can have.
    function MAX_MEMBERS() external view returns (uint256);

    function members() external view returns (address[] memory);

    function isMember(address account) external view returns (bool);

    /// @notice The member's current vote (0 if none).
    function voteOf(bytes32 indexId, uint256 timestamp, address member) external view returns (uint256);

    /// @notice Current votes for `valueWad`.
    function votesFor(bytes32 indexId, uint256 timestamp, uint256 valueWad) external view returns (uint256);

    /// @notice True once the committee has answered the question.
    function resolved(bytes32 indexId, uint256 timestamp) external view returns (bool);
}

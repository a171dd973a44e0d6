// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ICommitteeArbiter} from "../interfaces/ICommitteeArbiter.sol";
import {ISlowOracle} from "../interfaces/ISlowOracle.sol";

/// @title CommitteeArbiter
/// @notice See `ICommitteeArbiter`. All prose lives there.
contract CommitteeArbiter is ICommitteeArbiter {
    /// @inheritdoc ICommitteeArbiter
    uint256 public constant MAX_MEMBERS = 16;

    /// @inheritdoc ICommitteeArbiter
    ISlowOracle public immutable ORACLE;
    /// @inheritdoc ICommitteeArbiter
    uint256 public immutable THRESHOLD;

    struct Ballot {
        bool resolved;
        mapping(address member => uint256 valueWad) voteOf;
        mapping(uint256 valueWad => uint256 count) votesFor;
    }

    address[] private _members;
    /// @inheritdoc ICommitteeArbiter
    mapping(address account => bool) public isMember;
    mapping(bytes32 indexId => mapping(uint256 timestamp => Ballot)) private _ballots;

    constructor(ISlowOracle oracle, address[] memory members_, uint256 threshold) {
        if (address(oracle).code.length == 0) revert InvalidOracle(address(oracle));
        uint256 count = members_.length;
        if (count == 0 || count > MAX_MEMBERS) revert InvalidMemberCount(count);
        if (threshold == 0 || threshold > count) revert InvalidThreshold(threshold, count);
        for (uint256 i; i < count; ++i) {
            address member = members_[i];
            if (member == address(0)) revert InvalidMember(member);
            if (isMember[member]) revert DuplicateMember(member);
            isMember[member] = true;
        }
        ORACLE = oracle;
        THRESHOLD = threshold;
        _members = members_;
    }

    /// @notice Logs the escalation for members watching this contract; voting does not depend on it.
    function onEscalation(bytes32 indexId, uint256 timestamp) external {
        if (msg.sender != address(ORACLE)) revert OnlyOracle(msg.sender);
        emit EscalationReceived(indexId, timestamp);
    }

    /// @inheritdoc ICommitteeArbiter
    function vote(bytes32 indexId, uint256 timestamp, uint256 valueWad) external {
        if (!isMember[msg.sender]) revert NotMember(msg.sender);
        if (valueWad == 0) revert ZeroValue();
        Ballot storage ballot = _ballots[indexId][timestamp];
        if (ballot.resolved) revert AlreadyResolved(indexId, timestamp);
        uint256 deadline = ORACLE.arbitrationDeadline(indexId, timestamp);
        if (deadline == 0) revert VotingNotOpen(indexId, timestamp);
        if (block.timestamp >= deadline) revert VotingClosed(indexId, timestamp, deadline);
        uint256 previous = ballot.voteOf[msg.sender];
        if (previous == valueWad) revert AlreadyVoted(indexId, timestamp, msg.sender, valueWad);

        if (previous != 0) --ballot.votesFor[previous];
        ballot.voteOf[msg.sender] = valueWad;
        uint256 count = ++ballot.votesFor[valueWad];
        emit Voted(indexId, timestamp, msg.sender, valueWad, count);
        if (count < THRESHOLD) return;

        ballot.resolved = true;
        emit Resolved(indexId, timestamp, valueWad);
        ORACLE.arbitrate(indexId, timestamp, valueWad);
    }

    /// @inheritdoc ICommitteeArbiter
    function members() external view returns (address[] memory) {
        return _members;
    }

    /// @inheritdoc ICommitteeArbiter
    function voteOf(bytes32 indexId, uint256 timestamp, address member) external view returns (uint256) {
        return _ballots[indexId][timestamp].voteOf[member];
    }

    /// @inheritdoc ICommitteeArbiter
    function votesFor(bytes32 indexId, uint256 timestamp, uint256 valueWad) external view returns (uint256) {
        return _ballots[indexId][timestamp].votesFor[valueWad];
    }

    /// @inheritdoc ICommitteeArbiter
    function resolved(bytes32 indexId, uint256 timestamp) external view returns (bool) {
        return _ballots[indexId][timestamp].resolved;
    }
}

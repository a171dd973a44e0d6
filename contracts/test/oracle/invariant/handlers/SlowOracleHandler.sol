// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ICommitteeArbiter} from "../../../../src/interfaces/ICommitteeArbiter.sol";
import {ISlowOracle, IndexConfig} from "../../../../src/interfaces/ISlowOracle.sol";
import {CommitteeArbiter} from "../../../../src/oracle/CommitteeArbiter.sol";
import {SlowOracle} from "../../../../src/oracle/SlowOracle.sol";
import {Test} from "forge-std/Test.sol";

/// @notice Drives the slow oracle with random propose, dispute, committee vote, warp, finalize and withdraw calls
/// by several actors on several questions (3 indices × 5 timestamps), and keeps a reference model of every
/// question, bond and credit. Each action predicts its outcome from the model first: a success the model did not
/// predict, or a revert other than the one it predicts, fails the run. After every action the handler reads
/// `finalValue` for every question and checks it against the model (OR-2) and against what it saw before (OR-3).
contract SlowOracleHandler is Test {
    uint256 internal constant INDEX_COUNT = 3;
    uint256 internal constant TIMESTAMP_COUNT = 5;
    uint256 internal constant QUESTION_COUNT = INDEX_COUNT * TIMESTAMP_COUNT;
    uint256 internal constant ACTOR_COUNT = 4;
    uint256 internal constant MAX_ANSWERS = 9;
    uint256 internal constant TRUTH = 2500e18;

    enum Status {
        None,
        Proposed,
        Escalated,
        Finalized
    }

    enum Purpose {
        Propose,
        Dispute,
        Vote,
        Finalize,
        Edge
    }

    /// @dev The model of one question.
    struct Ghost {
        Status status;
        uint256 round;
        uint256 valueWad; // latest answer, or the arbiter's
        uint256 answeredAt;
        uint256 escalatedAt;
        uint256 firstProposalAt;
        bool arbitrated;
        uint256[MAX_ANSWERS] values;
        address[MAX_ANSWERS] answerers;
        uint256 held; // bonds posted and not yet credited or sunk
        bool finalSeen;
        uint256 finalSeenValue;
        uint256 finalizations;
        bool resolved; // committee
    }

    SlowOracle public immutable oracle;
    CommitteeArbiter public immutable committee;
    address public immutable sink;
    bytes32[INDEX_COUNT] public indexIds;
    IndexConfig[INDEX_COUNT] internal _configs; // immutable in the oracle, so cached
    uint256[TIMESTAMP_COUNT] public timestamps;
    address[] public actors;
    address[] public members;

    mapping(uint256 q => Ghost) internal _ghosts;
    mapping(uint256 q => mapping(address member => uint256 valueWad)) internal _votes;
    mapping(uint256 q => mapping(uint256 valueWad => uint256 count)) internal _tally;
    mapping(address account => uint256) public ghostCredits;
    uint256 public ghostPosted;
    uint256 public ghostCredited; // to answerers
    uint256 public ghostSunk; // to the sink
    uint256 public ghostWithdrawn;
    mapping(bytes32 action => uint256) public calls;

    constructor(SlowOracle oracle_, CommitteeArbiter committee_, bytes32[INDEX_COUNT] memory indexIds_) {
        oracle = oracle_;
        committee = committee_;
        sink = oracle_.SINK();
        indexIds = indexIds_;
        members = committee_.members();
        for (uint256 i; i < INDEX_COUNT; ++i) {
            _configs[i] = oracle_.indexConfig(indexIds_[i]);
        }
        // Two questions per index can be asked at once, the others after 6 hours, 1 day and 2 days.
        (timestamps[0], timestamps[1], timestamps[2], timestamps[3], timestamps[4]) =
        (
            block.timestamp - 1 days,
            block.timestamp - 1,
            block.timestamp + 6 hours,
            block.timestamp + 1 days,
            block.timestamp + 2 days
        );
        for (uint256 i; i < ACTOR_COUNT; ++i) {
            actors.push(makeAddr(string.concat("actor", vm.toString(i))));
        }
    }

    /*//////////////////////////////////////////////////////////////
                                ACTIONS
    //////////////////////////////////////////////////////////////*/

    function propose(uint256 actorSeed, uint256 qSeed, uint256 valueSeed, uint256 bondSeed) external {
        (uint256 q, address actor) = (_pick(qSeed, Purpose.Propose), actors[actorSeed % ACTOR_COUNT]);
        (bytes32 indexId, uint256 timestamp, IndexConfig memory c) = _question(q);
        uint256 valueWad = _value(valueSeed, c);
        uint256 sent = _bondSent(bondSeed, c.bond);
        bytes memory expected = _proposeError(q, indexId, timestamp, c, valueWad, sent);
        vm.deal(actor, sent);
        vm.prank(actor);
        try oracle.propose{value: sent}(indexId, timestamp, valueWad) {
            assertEq(expected.length, 0, "propose succeeded against the model");
            Ghost storage g = _ghosts[q];
            (g.status, g.round, g.valueWad, g.answeredAt, g.firstProposalAt) =
            (Status.Proposed, 0, valueWad, block.timestamp, block.timestamp);
            (g.values[0], g.answerers[0]) = (valueWad, actor);
            _post(g, sent);
            ++calls["propose"];
        } catch (bytes memory err) {
            assertEq(err, expected, "propose: unexpected revert");
        }
        _observe();
    }

    function dispute(uint256 actorSeed, uint256 qSeed, uint256 valueSeed, uint256 bondSeed) external {
        (uint256 q, address actor) = (_pick(qSeed, Purpose.Dispute), actors[actorSeed % ACTOR_COUNT]);
        (bytes32 indexId, uint256 timestamp, IndexConfig memory c) = _question(q);
        Ghost storage g = _ghosts[q];
        uint256 valueWad = _value(valueSeed, c);
        if (valueWad == g.valueWad && valueSeed % 4 != 0) valueWad = _value(valueSeed >> 3, c); // SameValue less often
        uint256 sent = _bondSent(bondSeed, uint256(c.bond) << (g.round + 1));
        bytes memory expected = _disputeError(g, indexId, timestamp, c, valueWad, sent);
        vm.deal(actor, sent);
        vm.prank(actor);
        try oracle.dispute{value: sent}(indexId, timestamp, valueWad) {
            assertEq(expected.length, 0, "dispute succeeded against the model");
            uint256 round = ++g.round;
            (g.valueWad, g.answeredAt, g.values[round], g.answerers[round]) =
            (valueWad, block.timestamp, valueWad, actor);
            if (round == c.maxRounds) (g.status, g.escalatedAt) = (Status.Escalated, block.timestamp);
            _post(g, sent);
            ++calls["dispute"];
        } catch (bytes memory err) {
            assertEq(err, expected, "dispute: unexpected revert");
        }
        _observe();
    }

    /// @dev The arbiter's side: a committee member votes; the second equal vote answers the oracle.
    function vote(uint256 memberSeed, uint256 qSeed, uint256 valueSeed) external {
        (uint256 q, address member) = (_pick(qSeed, Purpose.Vote), members[memberSeed % members.length]);
        (bytes32 indexId, uint256 timestamp, IndexConfig memory c) = _question(q);
        // Members mostly pick between the truth and the latest answer, so that two of them agree.
        uint256 valueWad = valueSeed % 8 < 6 ? (valueSeed % 2 == 0 ? TRUTH : _ghosts[q].valueWad) : _value(valueSeed, c);
        bytes memory expected = _voteError(q, indexId, timestamp, c, member, valueWad);
        vm.prank(member);
        try committee.vote(indexId, timestamp, valueWad) {
            assertEq(expected.length, 0, "vote succeeded against the model");
            uint256 previous = _votes[q][member];
            if (previous != 0) --_tally[q][previous];
            _votes[q][member] = valueWad;
            if (++_tally[q][valueWad] >= committee.THRESHOLD()) {
                Ghost storage g = _ghosts[q];
                (g.resolved, g.arbitrated, g.valueWad) = (true, true, valueWad);
                ++calls["arbitrate"];
            }
            ++calls["vote"];
        } catch (bytes memory err) {
            assertEq(err, expected, "vote: unexpected revert");
        }
        _observe();
    }

    /// @dev Mostly short steps (up to 5 minutes, half the shortest window); often exactly onto an edge (a window's last second or its close, an arbitration
    /// deadline or the second before); sometimes days.
    function warp(uint256 seed, uint256 qSeed) external {
        uint256 mode = seed % 24;
        uint256 target = block.timestamp + _bound(seed, 1, 5 minutes);
        if (mode == 0) target = block.timestamp + _bound(seed, 1 days, 4 days);
        if (mode == 1 || mode == 2) {
            uint256 q = _pick(qSeed, Purpose.Edge);
            Ghost storage g = _ghosts[q];
            (,, IndexConfig memory c) = _question(q);
            uint256 edge =
                g.status == Status.Escalated ? g.escalatedAt + c.arbitrationWindow : g.answeredAt + c.challengeWindow;
            if (g.status != Status.None && edge > block.timestamp) target = mode == 1 ? edge - 1 : edge;
        }
        if (target > block.timestamp) vm.warp(target);
        ++calls["warp"];
        _observe();
    }

    function finalize(uint256 callerSeed, uint256 qSeed) external {
        uint256 q = _pick(qSeed, Purpose.Finalize);
        (bytes32 indexId, uint256 timestamp, IndexConfig memory c) = _question(q);
        Ghost storage g = _ghosts[q];
        bytes memory expected = _finalizeError(g, indexId, timestamp, c);
        vm.prank(actors[callerSeed % ACTOR_COUNT]);
        try oracle.finalize(indexId, timestamp) {
            assertEq(expected.length, 0, "finalize succeeded against the model");
            _settleGhost(g, c.bond);
            ++calls["finalize"];
        } catch (bytes memory err) {
            assertEq(err, expected, "finalize: unexpected revert");
        }
        _observe();
    }

    function withdraw(uint256 actorSeed, bool asSink) external {
        address account = asSink ? sink : actors[actorSeed % ACTOR_COUNT];
        uint256 owed = ghostCredits[account];
        uint256 before = account.balance;
        vm.prank(actors[actorSeed % ACTOR_COUNT]);
        try this.callWithdraw(account, asSink) {
            assertGt(owed, 0, "withdraw succeeded with nothing owed");
            assertEq(account.balance - before, owed, "withdraw paid another amount");
            ghostCredits[account] = 0;
            ghostWithdrawn += owed;
            ++calls["withdraw"];
        } catch (bytes memory err) {
            assertEq(err, abi.encodeWithSelector(ISlowOracle.NothingToWithdraw.selector, account), "withdraw");
            assertEq(owed, 0, "withdraw refused with credits owed");
        }
        _observe();
    }

    /// @dev Lets `withdraw` pick the account's own call or the permissionless sink push with `try`.
    function callWithdraw(address account, bool asSink) external {
        if (asSink) return oracle.withdrawSink();
        vm.prank(account);
        oracle.withdraw();
    }

    /*//////////////////////////////////////////////////////////////
                             MODEL: REVERTS
    //////////////////////////////////////////////////////////////*/

    function _proposeError(
        uint256 q,
        bytes32 indexId,
        uint256 timestamp,
        IndexConfig memory c,
        uint256 valueWad,
        uint256 sent
    ) internal view returns (bytes memory) {
        if (block.timestamp <= timestamp) {
            return abi.encodeWithSelector(ISlowOracle.TooEarly.selector, indexId, timestamp, block.timestamp);
        }
        if (_ghosts[q].status != Status.None) {
            return abi.encodeWithSelector(ISlowOracle.AlreadyProposed.selector, indexId, timestamp);
        }
        if (valueWad < c.minValueWad || valueWad > c.maxValueWad) return _outOfBounds(indexId, c, valueWad);
        if (sent != c.bond) return abi.encodeWithSelector(ISlowOracle.WrongBond.selector, sent, c.bond);
        return "";
    }

    function _disputeError(
        Ghost storage g,
        bytes32 indexId,
        uint256 timestamp,
        IndexConfig memory c,
        uint256 valueWad,
        uint256 sent
    ) internal view returns (bytes memory) {
        if (g.status == Status.None) {
            return abi.encodeWithSelector(ISlowOracle.NotProposed.selector, indexId, timestamp);
        }
        if (g.status == Status.Escalated) {
            return abi.encodeWithSelector(ISlowOracle.AlreadyEscalated.selector, indexId, timestamp);
        }
        if (g.status == Status.Finalized) {
            return abi.encodeWithSelector(ISlowOracle.AlreadyFinalized.selector, indexId, timestamp);
        }
        uint256 closedAt = g.answeredAt + c.challengeWindow;
        if (block.timestamp >= closedAt) {
            return abi.encodeWithSelector(ISlowOracle.ChallengeWindowClosed.selector, indexId, timestamp, closedAt);
        }
        if (valueWad == g.valueWad) return abi.encodeWithSelector(ISlowOracle.SameValue.selector, valueWad);
        if (valueWad < c.minValueWad || valueWad > c.maxValueWad) return _outOfBounds(indexId, c, valueWad);
        uint256 required = uint256(c.bond) << (g.round + 1);
        if (sent != required) return abi.encodeWithSelector(ISlowOracle.WrongBond.selector, sent, required);
        return "";
    }

    function _voteError(
        uint256 q,
        bytes32 indexId,
        uint256 timestamp,
        IndexConfig memory c,
        address member,
        uint256 valueWad
    ) internal view returns (bytes memory) {
        Ghost storage g = _ghosts[q];
        if (valueWad == 0) return abi.encodeWithSelector(ICommitteeArbiter.ZeroValue.selector);
        if (g.resolved) return abi.encodeWithSelector(ICommitteeArbiter.AlreadyResolved.selector, indexId, timestamp);
        if (g.escalatedAt == 0) {
            return abi.encodeWithSelector(ICommitteeArbiter.VotingNotOpen.selector, indexId, timestamp);
        }
        uint256 deadline = g.escalatedAt + c.arbitrationWindow;
        if (block.timestamp >= deadline) {
            return abi.encodeWithSelector(ICommitteeArbiter.VotingClosed.selector, indexId, timestamp, deadline);
        }
        if (_votes[q][member] == valueWad) {
            return abi.encodeWithSelector(ICommitteeArbiter.AlreadyVoted.selector, indexId, timestamp, member, valueWad);
        }
        bool resolves = _tally[q][valueWad] + 1 >= committee.THRESHOLD();
        if (resolves && valueWad > c.maxValueWad) return _outOfBounds(indexId, c, valueWad);
        if (resolves && valueWad < c.minValueWad) return _outOfBounds(indexId, c, valueWad);
        return "";
    }

    function _finalizeError(Ghost storage g, bytes32 indexId, uint256 timestamp, IndexConfig memory c)
        internal
        view
        returns (bytes memory)
    {
        if (g.status == Status.None) {
            return abi.encodeWithSelector(ISlowOracle.NotProposed.selector, indexId, timestamp);
        }
        if (g.status == Status.Finalized) {
            return abi.encodeWithSelector(ISlowOracle.AlreadyFinalized.selector, indexId, timestamp);
        }
        if (g.status == Status.Proposed && block.timestamp < g.answeredAt + c.challengeWindow) {
            uint256 closesAt = g.answeredAt + c.challengeWindow;
            return abi.encodeWithSelector(ISlowOracle.ChallengeWindowOpen.selector, indexId, timestamp, closesAt);
        }
        uint256 deadline = g.escalatedAt + c.arbitrationWindow;
        if (g.status == Status.Escalated && !g.arbitrated && block.timestamp < deadline) {
            return abi.encodeWithSelector(ISlowOracle.ArbitrationOpen.selector, indexId, timestamp, deadline);
        }
        return "";
    }

    function _outOfBounds(bytes32 indexId, IndexConfig memory c, uint256 valueWad)
        internal
        pure
        returns (bytes memory)
    {
        return abi.encodeWithSelector(
            ISlowOracle.ValueOutOfBounds.selector, indexId, valueWad, c.minValueWad, c.maxValueWad
        );
    }

    /*//////////////////////////////////////////////////////////////
                             MODEL: EFFECTS
    //////////////////////////////////////////////////////////////*/

    function _post(Ghost storage g, uint256 bond) internal {
        g.held += bond;
        ghostPosted += bond;
    }

    /// @dev Reference settlement, written plainly: right = equal to the final value (everyone after the
    /// fallback); each right answer gets its bond plus `pool * bond / rightBonds` rounded down, the pool being
    /// half the wrong bonds rounded down; the sink gets the rest of the wrong bonds.
    function _settleGhost(Ghost storage g, uint256 baseBond) internal {
        bool byFallback = g.status == Status.Escalated && !g.arbitrated;
        uint256 rightBonds;
        uint256 wrongBonds;
        for (uint256 r; r <= g.round; ++r) {
            if (byFallback || g.values[r] == g.valueWad) rightBonds += baseBond << r;
            else wrongBonds += baseBond << r;
        }
        uint256 pool = rightBonds == 0 ? 0 : wrongBonds * 5000 / 10_000;
        uint256 rewards;
        for (uint256 r; r <= g.round; ++r) {
            if (!(byFallback || g.values[r] == g.valueWad)) continue;
            uint256 reward = pool * (baseBond << r) / rightBonds;
            ghostCredits[g.answerers[r]] += (baseBond << r) + reward;
            ghostCredited += (baseBond << r) + reward;
            rewards += reward;
        }
        assertLe(rewards, pool, "rewards exceed the pool");
        ghostCredits[sink] += wrongBonds - rewards;
        ghostSunk += wrongBonds - rewards;
        assertEq(rightBonds + wrongBonds, g.held, "question's bonds != held");
        g.held = 0;
        g.status = Status.Finalized;
        ++g.finalizations;
    }

    /// @dev OR-2 and OR-3 at every step: `finalValue` is final exactly when the model says so, with the model's
    /// value, and a value once final never changes.
    function _observe() internal {
        for (uint256 q; q < QUESTION_COUNT; ++q) {
            (bytes32 indexId, uint256 timestamp, IndexConfig memory c) = _question(q);
            (bool isFinal, uint256 valueWad) = oracle.finalValue(indexId, timestamp);
            Ghost storage g = _ghosts[q];
            assertEq(isFinal, _modelFinal(g, c), "OR-2: finality differs from the model");
            if (!isFinal) continue;
            assertEq(valueWad, g.valueWad, "final value differs from the model");
            if (!g.finalSeen) (g.finalSeen, g.finalSeenValue) = (true, valueWad);
            assertEq(valueWad, g.finalSeenValue, "OR-3: final value changed");
        }
    }

    function _modelFinal(Ghost storage g, IndexConfig memory c) internal view returns (bool) {
        if (g.status == Status.Proposed) return block.timestamp >= g.answeredAt + c.challengeWindow;
        if (g.status == Status.Escalated) {
            return g.arbitrated || block.timestamp >= g.escalatedAt + c.arbitrationWindow;
        }
        return g.status == Status.Finalized;
    }

    /*//////////////////////////////////////////////////////////////
                                 VIEWS
    //////////////////////////////////////////////////////////////*/

    function questionCount() external pure returns (uint256) {
        return QUESTION_COUNT;
    }

    function actorCount() external pure returns (uint256) {
        return ACTOR_COUNT;
    }

    function questionAt(uint256 q) external view returns (bytes32 indexId, uint256 timestamp) {
        (indexId, timestamp,) = _question(q);
    }

    function ghostHeld(uint256 q) external view returns (uint256) {
        return _ghosts[q].held;
    }

    function ghostFinal(uint256 q) external view returns (bool seen, uint256 valueWad) {
        return (_ghosts[q].finalSeen, _ghosts[q].finalSeenValue);
    }

    function ghostFinalizations(uint256 q) external view returns (uint256) {
        return _ghosts[q].finalizations;
    }

    function ghostFirstProposalAt(uint256 q) external view returns (uint256) {
        return _ghosts[q].firstProposalAt;
    }

    /// @dev OR-5's bound for question q: `maxRounds * challengeWindow + arbitrationWindow`.
    function livenessBound(uint256 q) external view returns (uint256) {
        (,, IndexConfig memory c) = _question(q);
        return uint256(c.maxRounds) * c.challengeWindow + c.arbitrationWindow;
    }

    /*//////////////////////////////////////////////////////////////
                                HELPERS
    //////////////////////////////////////////////////////////////*/

    function _question(uint256 q) internal view returns (bytes32 indexId, uint256 timestamp, IndexConfig memory c) {
        indexId = indexIds[q % INDEX_COUNT];
        timestamp = timestamps[q / INDEX_COUNT];
        c = _configs[q % INDEX_COUNT];
    }

    /// @dev Three times in four, the first question from `seed` on where `purpose` can succeed (Propose: askable,
    /// not proposed; Dispute: window open; Vote: awaiting the arbiter; Finalize: final, not finalized; Edge: anything pending); otherwise, or if
    /// there is none, any question, so that every revert path stays in play.
    function _pick(uint256 seed, Purpose purpose) internal view returns (uint256) {
        uint256 start = seed % QUESTION_COUNT;
        if ((seed >> 128) % 4 == 0) return start;
        for (uint256 i; i < QUESTION_COUNT; ++i) {
            uint256 q = (start + i) % QUESTION_COUNT;
            if (_fits(q, purpose)) return q;
        }
        return start;
    }

    function _fits(uint256 q, Purpose purpose) internal view returns (bool) {
        Ghost storage g = _ghosts[q];
        (,, IndexConfig memory c) = _question(q);
        bool isFinal = _modelFinal(g, c);
        if (purpose == Purpose.Propose) {
            return g.status == Status.None && block.timestamp > timestamps[q / INDEX_COUNT];
        }
        if (purpose == Purpose.Dispute) return g.status == Status.Proposed && !isFinal;
        if (purpose == Purpose.Vote) return g.status == Status.Escalated && !isFinal;
        if (purpose == Purpose.Finalize) return g.status != Status.Finalized && isFinal;
        return g.status != Status.None && !isFinal;
    }

    /// @dev Mostly one of five admissible values (so answers often agree), sometimes out of bounds (0 or max + 1).
    function _value(uint256 seed, IndexConfig memory c) internal pure returns (uint256) {
        uint256 mode = (seed >> 8) % 16;
        if (mode == 0) return 0;
        if (mode == 1) return uint256(c.maxValueWad) + 1;
        uint256[5] memory set = [TRUTH, TRUTH + 1, uint256(3000e18), uint256(c.minValueWad), uint256(c.maxValueWad)];
        return set[seed % 5];
    }

    /// @dev Mostly the required bond; sometimes one wei off either way, or nothing.
    function _bondSent(uint256 seed, uint256 required) internal pure returns (uint256) {
        uint256 mode = seed % 32;
        if (mode == 0) return required + 1;
        if (mode == 1) return required - 1;
        if (mode == 2) return 0;
        return required;
    }
}

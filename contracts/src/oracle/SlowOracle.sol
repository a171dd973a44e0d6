// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IArbiter} from "../interfaces/IArbiter.sol";
import {IIndexOracle} from "../interfaces/IIndexOracle.sol";
import {ISlowOracle, IndexConfig, QuestionStatus, QuestionView} from "../interfaces/ISlowOracle.sol";
import {BondLib} from "./libraries/BondLib.sol";
import {QuestionSlot, QuestionSlotLib} from "./types/QuestionSlot.sol";
import {ReentrancyGuardTransient} from "solady/utils/ReentrancyGuardTransient.sol";
import {SafeTransferLib} from "solady/utils/SafeTransferLib.sol";

/// @title SlowOracle
/// @notice See `ISlowOracle`. All prose lives there.
contract SlowOracle is ISlowOracle, ReentrancyGuardTransient {
    /// @inheritdoc ISlowOracle
    uint256 public constant RIGHT_SHARE_BPS = 5000;
    /// @inheritdoc ISlowOracle
    uint256 public constant MAX_ROUNDS = 8;
    /// @inheritdoc ISlowOracle
    uint256 public constant MIN_WINDOW = 10 minutes;
    /// @inheritdoc ISlowOracle
    uint256 public constant MAX_WINDOW = 30 days;
    /// @inheritdoc ISlowOracle
    uint256 public constant ARBITER_GAS = 100_000;
    /// @dev Gas the notifying CALL needs besides what it forwards: cold account access (2,600) plus setup.
    uint256 private constant NOTIFY_OVERHEAD = 5000;

    /// @inheritdoc ISlowOracle
    address public immutable SINK;

    /// @dev An index's settings, ordered so that hot fields share slots:
    /// slot 0 bond | challengeWindow | arbitrationWindow | maxRounds (every game call), slot 1 the value bounds
    /// (propose, dispute, arbitrate), slot 2 the arbiter (escalation, arbitrate), slot 3 the rules hash (views).
    /// `bond != 0` marks a registered index.
    struct Index {
        uint96 bond;
        uint32 challengeWindow;
        uint32 arbitrationWindow;
        uint8 maxRounds;
        uint128 minValueWad;
        uint128 maxValueWad;
        IArbiter arbiter;
        bytes32 rulesHash;
    }

    /// @dev A question: its packed hot word, who posted each round, and the value of each answer once replaced
    /// (by a dispute or the arbiter); the standing latest answer lives in `slot`.
    struct Question {
        QuestionSlot slot;
        address[MAX_ROUNDS + 1] answerers;
        uint128[MAX_ROUNDS + 1] values;
    }

    mapping(bytes32 indexId => Index) private _indices;
    mapping(bytes32 indexId => mapping(uint256 timestamp => Question)) private _questions;
    /// @inheritdoc ISlowOracle
    mapping(address account => uint256) public credits;

    constructor(address sink) {
        if (sink == address(0)) revert InvalidSink();
        SINK = sink;
    }

    /*//////////////////////////////////////////////////////////////
                                 INDICES
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc ISlowOracle
    function registerIndex(bytes32 indexId, IndexConfig calldata config) external {
        if (indexId == bytes32(0)) revert InvalidIndexId();
        if (_indices[indexId].bond != 0) revert IndexExists(indexId);
        if (config.bond == 0) revert InvalidBond(0);
        if (!_isWindow(config.challengeWindow) || !_isWindow(config.arbitrationWindow)) {
            revert InvalidWindow(config.challengeWindow, config.arbitrationWindow);
        }
        if (config.maxRounds == 0 || config.maxRounds > MAX_ROUNDS) revert InvalidMaxRounds(config.maxRounds);
        address arbiter = address(config.arbiter);
        if (arbiter == address(this) || arbiter.code.length == 0) revert InvalidArbiter(arbiter);
        if (config.minValueWad == 0 || config.minValueWad > config.maxValueWad) {
            revert InvalidBounds(config.minValueWad, config.maxValueWad);
        }

        _indices[indexId] = Index({
            bond: config.bond,
            challengeWindow: config.challengeWindow,
            arbitrationWindow: config.arbitrationWindow,
            maxRounds: config.maxRounds,
            minValueWad: config.minValueWad,
            maxValueWad: config.maxValueWad,
            arbiter: config.arbiter,
            rulesHash: config.rulesHash
        });
        emit IndexRegistered(indexId, msg.sender, config);
    }

    /*//////////////////////////////////////////////////////////////
                                THE GAME
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc ISlowOracle
    function propose(bytes32 indexId, uint256 timestamp, uint256 valueWad) external payable nonReentrant {
        Index storage index = _existingIndex(indexId);
        if (block.timestamp <= timestamp) revert TooEarly(indexId, timestamp, block.timestamp);
        Question storage q = _questions[indexId][timestamp];
        if (q.slot.status() != QuestionStatus.None) revert AlreadyProposed(indexId, timestamp);
        _checkBounds(index, indexId, valueWad);
        uint256 bond = index.bond;
        if (msg.value != bond) revert WrongBond(msg.value, bond);

        q.slot = QuestionSlotLib.pack(valueWad, block.timestamp, 0, 0, QuestionStatus.Proposed);
        q.answerers[0] = msg.sender;
        emit Proposed(indexId, timestamp, msg.sender, valueWad, bond);
    }

    /// @inheritdoc ISlowOracle
    /// @dev OR-2: only while the latest answer's window is open. OR-5: the `maxRounds`-th dispute escalates.
    function dispute(bytes32 indexId, uint256 timestamp, uint256 valueWad) external payable nonReentrant {
        Index storage index = _existingIndex(indexId);
        Question storage q = _questions[indexId][timestamp];
        QuestionSlot s = q.slot;
        _checkDisputable(index, s, indexId, timestamp);
        if (valueWad == s.valueWad()) revert SameValue(valueWad);
        _checkBounds(index, indexId, valueWad);
        uint256 round = s.round() + 1;
        uint256 bond = BondLib.bondAt(index.bond, round);
        if (msg.value != bond) revert WrongBond(msg.value, bond);

        bool escalates = round == index.maxRounds;
        // forge-lint: disable-next-line(unsafe-typecast) every stored answer passed `_checkBounds` (< 2^128)
        q.values[round - 1] = uint128(s.valueWad());
        q.answerers[round] = msg.sender;
        q.slot = QuestionSlotLib.pack(
            valueWad,
            block.timestamp,
            escalates ? block.timestamp : 0,
            round,
            escalates ? QuestionStatus.Escalated : QuestionStatus.Proposed
        );
        emit Disputed(indexId, timestamp, msg.sender, valueWad, bond, round);
        if (escalates) {
            IArbiter arbiter = index.arbiter;
            emit Escalated(indexId, timestamp, address(arbiter), block.timestamp + index.arbitrationWindow);
            _notifyArbiter(arbiter, indexId, timestamp);
        }
    }

    /// @inheritdoc ISlowOracle
    /// @dev OR-3: only before the deadline, from which the fallback makes the latest answer final.
    function arbitrate(bytes32 indexId, uint256 timestamp, uint256 valueWad) external nonReentrant {
        Index storage index = _existingIndex(indexId);
        address arbiter = address(index.arbiter);
        if (msg.sender != arbiter) revert OnlyArbiter(msg.sender, arbiter);
        Question storage q = _questions[indexId][timestamp];
        QuestionSlot s = q.slot;
        QuestionStatus status = s.status();
        if (status == QuestionStatus.Finalized || s.arbitrated()) revert AlreadyFinalized(indexId, timestamp);
        if (status != QuestionStatus.Escalated) revert NotEscalated(indexId, timestamp);
        uint256 deadline = s.escalatedAt() + index.arbitrationWindow;
        if (block.timestamp >= deadline) revert ArbitrationClosed(indexId, timestamp, deadline);
        _checkBounds(index, indexId, valueWad);

        // forge-lint: disable-next-line(unsafe-typecast) every stored answer passed `_checkBounds` (< 2^128)
        q.values[s.round()] = uint128(s.valueWad());
        q.slot = s.setArbitrated(valueWad);
        emit Arbitrated(indexId, timestamp, valueWad);
    }

    /// @inheritdoc ISlowOracle
    /// @dev OR-4: the status becomes Finalized here, once. OR-1: the bonds of the question are credited or sunk,
    /// to the wei.
    function finalize(bytes32 indexId, uint256 timestamp) external nonReentrant {
        Index storage index = _existingIndex(indexId);
        Question storage q = _questions[indexId][timestamp];
        QuestionSlot s = q.slot;
        QuestionStatus status = s.status();
        if (status == QuestionStatus.None) revert NotProposed(indexId, timestamp);
        if (status == QuestionStatus.Finalized) revert AlreadyFinalized(indexId, timestamp);
        bool byFallback;
        if (status == QuestionStatus.Proposed) {
            uint256 closesAt = s.answeredAt() + index.challengeWindow;
            if (block.timestamp < closesAt) revert ChallengeWindowOpen(indexId, timestamp, closesAt);
        } else if (!s.arbitrated()) {
            uint256 deadline = s.escalatedAt() + index.arbitrationWindow;
            if (block.timestamp < deadline) revert ArbitrationOpen(indexId, timestamp, deadline);
            byFallback = true;
        }

        q.slot = s.setStatus(QuestionStatus.Finalized);
        emit Finalized(indexId, timestamp, s.valueWad(), byFallback);
        _settleBonds(q, s, index.bond, indexId, timestamp, byFallback);
    }

    /// @inheritdoc ISlowOracle
    function withdraw() external nonReentrant {
        uint256 amount = _takeCredits(msg.sender);
        SafeTransferLib.safeTransferETH(msg.sender, amount);
    }

    /// @inheritdoc ISlowOracle
    function withdrawSink() external nonReentrant {
        uint256 amount = _takeCredits(SINK);
        SafeTransferLib.forceSafeTransferETH(SINK, amount);
    }

    /*//////////////////////////////////////////////////////////////
                                  VIEWS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IIndexOracle
    /// @dev OR-2 / OR-3: final exactly when no call can change the value any more; `finalize` is not needed.
    function finalValue(bytes32 indexId, uint256 timestamp) external view returns (bool isFinal, uint256 valueWad) {
        QuestionSlot s = _questions[indexId][timestamp].slot;
        if (_isFinal(_indices[indexId], s)) return (true, s.valueWad());
    }

    /// @inheritdoc ISlowOracle
    function indexConfig(bytes32 indexId) external view returns (IndexConfig memory) {
        Index storage index = _existingIndex(indexId);
        return IndexConfig({
            rulesHash: index.rulesHash,
            bond: index.bond,
            challengeWindow: index.challengeWindow,
            arbitrationWindow: index.arbitrationWindow,
            maxRounds: index.maxRounds,
            arbiter: index.arbiter,
            minValueWad: index.minValueWad,
            maxValueWad: index.maxValueWad
        });
    }

    /// @inheritdoc ISlowOracle
    function question(bytes32 indexId, uint256 timestamp) external view returns (QuestionView memory) {
        return _questions[indexId][timestamp].slot.toView();
    }

    /// @inheritdoc ISlowOracle
    function answer(bytes32 indexId, uint256 timestamp, uint256 round)
        external
        view
        returns (address answerer, uint256 valueWad, uint256 bond)
    {
        Question storage q = _questions[indexId][timestamp];
        QuestionSlot s = q.slot;
        if (s.status() == QuestionStatus.None || round > s.round()) return (address(0), 0, 0);
        answerer = q.answerers[round];
        valueWad = _answerValue(q, s, round);
        bond = BondLib.bondAt(_indices[indexId].bond, round);
    }

    /// @inheritdoc ISlowOracle
    function nextDisputeBond(bytes32 indexId, uint256 timestamp) external view returns (uint256) {
        Index storage index = _indices[indexId];
        QuestionSlot s = _questions[indexId][timestamp].slot;
        if (s.status() != QuestionStatus.Proposed || block.timestamp >= s.answeredAt() + index.challengeWindow) {
            return 0;
        }
        return BondLib.bondAt(index.bond, s.round() + 1);
    }

    /// @inheritdoc ISlowOracle
    function arbitrationDeadline(bytes32 indexId, uint256 timestamp) external view returns (uint256) {
        uint256 escalatedAt = _questions[indexId][timestamp].slot.escalatedAt();
        return escalatedAt == 0 ? 0 : escalatedAt + _indices[indexId].arbitrationWindow;
    }

    /*//////////////////////////////////////////////////////////////
                                INTERNAL
    //////////////////////////////////////////////////////////////*/

    /// @dev OR-1: every bond of the question goes to exactly one place. After the fallback each answerer gets its
    /// bond back; otherwise right answerers get bond + reward and the wrong bonds' remainder is sunk.
    function _settleBonds(
        Question storage q,
        QuestionSlot s,
        uint256 baseBond,
        bytes32 indexId,
        uint256 timestamp,
        bool byFallback
    ) private {
        uint256 lastRound = s.round();
        uint256 all = BondLib.allRounds(lastRound);
        uint256 rightMask = byFallback ? all : _rightRounds(q, s, lastRound);
        uint256 sunk = BondLib.bondsOf(baseBond, all ^ rightMask);
        uint256 pool = rightMask == 0 ? 0 : BondLib.rewardPool(sunk, RIGHT_SHARE_BPS);
        for (uint256 r; r <= lastRound; ++r) {
            if (rightMask & BondLib.roundBit(r) == 0) continue;
            uint256 reward = BondLib.rewardOf(pool, r, rightMask);
            sunk -= reward;
            address account = q.answerers[r];
            uint256 amount = BondLib.bondAt(baseBond, r) + reward;
            credits[account] += amount;
            emit BondCredited(indexId, timestamp, account, amount);
        }
        if (sunk != 0) {
            credits[SINK] += sunk;
            emit BondSunk(indexId, timestamp, sunk);
        }
    }

    /// @dev The rounds whose answer equals the final value, as a mask. Without arbitration the standing latest
    /// answer is the final value, so only earlier rounds need comparing.
    function _rightRounds(Question storage q, QuestionSlot s, uint256 lastRound)
        private
        view
        returns (uint256 rightMask)
    {
        uint256 finalWad = s.valueWad();
        uint256 stored = lastRound;
        if (s.arbitrated()) ++stored;
        else rightMask = BondLib.roundBit(lastRound);
        for (uint256 r; r < stored; ++r) {
            if (q.values[r] == finalWad) rightMask |= BondLib.roundBit(r);
        }
    }

    function _answerValue(Question storage q, QuestionSlot s, uint256 round) private view returns (uint256) {
        return round == s.round() && !s.arbitrated() ? s.valueWad() : q.values[round];
    }

    function _isFinal(Index storage index, QuestionSlot s) private view returns (bool) {
        QuestionStatus status = s.status();
        if (status == QuestionStatus.Proposed) return block.timestamp >= s.answeredAt() + index.challengeWindow;
        if (status == QuestionStatus.Escalated) {
            return s.arbitrated() || block.timestamp >= s.escalatedAt() + index.arbitrationWindow;
        }
        return status == QuestionStatus.Finalized;
    }

    function _checkDisputable(Index storage index, QuestionSlot s, bytes32 indexId, uint256 timestamp) private view {
        QuestionStatus status = s.status();
        if (status == QuestionStatus.None) revert NotProposed(indexId, timestamp);
        if (status == QuestionStatus.Escalated) revert AlreadyEscalated(indexId, timestamp);
        if (status == QuestionStatus.Finalized) revert AlreadyFinalized(indexId, timestamp);
        uint256 closedAt = s.answeredAt() + index.challengeWindow;
        if (block.timestamp >= closedAt) revert ChallengeWindowClosed(indexId, timestamp, closedAt);
    }

    function _checkBounds(Index storage index, bytes32 indexId, uint256 valueWad) private view {
        (uint256 minValueWad, uint256 maxValueWad) = (index.minValueWad, index.maxValueWad);
        if (valueWad < minValueWad || valueWad > maxValueWad) {
            revert ValueOutOfBounds(indexId, valueWad, minValueWad, maxValueWad);
        }
    }

    function _existingIndex(bytes32 indexId) private view returns (Index storage index) {
        index = _indices[indexId];
        if (index.bond == 0) revert IndexNotFound(indexId);
    }

    function _isWindow(uint256 window) private pure returns (bool) {
        return window >= MIN_WINDOW && window <= MAX_WINDOW;
    }

    function _takeCredits(address account) private returns (uint256 amount) {
        amount = credits[account];
        if (amount == 0) revert NothingToWithdraw(account);
        credits[account] = 0;
        emit Withdrawn(account, amount);
    }

    /// @dev Best effort, and it cannot block the dispute: fixed gas, no return data copied, the result ignored.
    /// It cannot be starved either: the call must be able to forward all of `ARBITER_GAS` (EIP-150 keeps 1/64).
    function _notifyArbiter(IArbiter arbiter, bytes32 indexId, uint256 timestamp) private {
        uint256 required = ARBITER_GAS * 64 / 63 + NOTIFY_OVERHEAD;
        uint256 gasLeft = gasleft();
        if (gasLeft < required) revert EscalationGasTooLow(gasLeft, required);
        bytes memory data = abi.encodeCall(IArbiter.onEscalation, (indexId, timestamp));
        assembly ("memory-safe") {
            pop(call(ARBITER_GAS, arbiter, 0, add(data, 0x20), mload(data), codesize(), 0x00))
        }
    }

    /// @dev Always transient storage (EIP-1153, live on every target chain since Dencun).
    function _useTransientReentrancyGuardOnlyOnMainnet() internal pure override returns (bool) {
        return false;
    }
}

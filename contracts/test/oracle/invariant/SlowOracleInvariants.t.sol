// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IArbiter} from "../../../src/interfaces/IArbiter.sol";
import {IndexConfig} from "../../../src/interfaces/ISlowOracle.sol";
import {CommitteeArbiter} from "../../../src/oracle/CommitteeArbiter.sol";
import {SlowOracle} from "../../../src/oracle/SlowOracle.sol";
import {SlowOracleHandler} from "./handlers/SlowOracleHandler.sol";
import {Test} from "forge-std/Test.sol";
import {console} from "forge-std/console.sol";

/// @notice The slow oracle's invariants (OR-1..OR-5, contracts/INVARIANTS.md), checked after every random call
/// sequence of `SlowOracleHandler`: 3 indices (2 rounds at 0.1 ETH; 1 round at 1 wei, where rounding dust
/// dominates; 8 rounds at 0.37 ETH), 5 timestamps each, 4 actors, a 2-of-3 committee. Deeper runs than the
/// default, so that questions go through several rounds, escalate and get answered within one run.
/// Every handler action catches the reverts it predicts, so any other revert, a failed model check included,
/// fails the run.
/// forge-config: default.invariant.depth = 192
/// forge-config: default.invariant.fail-on-revert = true
contract SlowOracleInvariantTest is Test {
    SlowOracle internal oracle;
    CommitteeArbiter internal committee;
    SlowOracleHandler internal handler;
    address internal sink = makeAddr("sink");
    bytes32 internal constant USD = "USD";
    bytes32 internal constant EUR = "EUR";
    bytes32 internal constant CPI = "CPI-U";

    function setUp() public {
        vm.warp(1_790_000_000);
        oracle = new SlowOracle(sink);
        address[] memory members = new address[](3);
        for (uint256 i; i < 3; ++i) {
            members[i] = makeAddr(string.concat("member", vm.toString(i)));
        }
        committee = new CommitteeArbiter(oracle, members, 2);
        bytes32[3] memory ids = [USD, EUR, CPI];
        _register(ids[0], 0.1 ether, 2 hours, 3 days, 2);
        _register(ids[1], 1, 10 minutes, 1 days, 1);
        _register(ids[2], 0.37 ether, 1 hours, 12 hours, 8);
        handler = new SlowOracleHandler(oracle, committee, ids);

        targetContract(address(handler));
        bytes4[] memory selectors = new bytes4[](6);
        selectors[0] = SlowOracleHandler.propose.selector;
        selectors[1] = SlowOracleHandler.dispute.selector;
        selectors[2] = SlowOracleHandler.vote.selector;
        selectors[3] = SlowOracleHandler.warp.selector;
        selectors[4] = SlowOracleHandler.finalize.selector;
        selectors[5] = SlowOracleHandler.withdraw.selector;
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
    }

    function _register(bytes32 indexId, uint96 bond, uint32 window, uint32 arbitration, uint8 maxRounds) internal {
        oracle.registerIndex(
            indexId,
            IndexConfig({
                rulesHash: keccak256(abi.encode(indexId)),
                bond: bond,
                challengeWindow: window,
                arbitrationWindow: arbitration,
                maxRounds: maxRounds,
                arbiter: IArbiter(address(committee)),
                minValueWad: 1e18,
                maxValueWad: 10_000_000e18
            })
        );
    }

    /// @dev Every account that can hold credits: the actors and the sink.
    function _sumCredits() internal view returns (uint256 sum) {
        for (uint256 a; a < handler.actorCount(); ++a) {
            address actor = handler.actors(a);
            assertEq(oracle.credits(actor), handler.ghostCredits(actor), "credits != model");
            sum += oracle.credits(actor);
        }
        assertEq(oracle.credits(sink), handler.ghostCredits(sink), "sink credits != model");
        sum += oracle.credits(sink);
    }

    /// OR-1: the oracle holds exactly the bonds of open questions plus the unwithdrawn credits, and every bond ever
    /// posted is credited, sunk or still held.
    function invariant_OR1_bondsConserved() public view {
        uint256 held;
        for (uint256 q; q < handler.questionCount(); ++q) {
            held += handler.ghostHeld(q);
        }
        uint256 credits = _sumCredits();
        assertEq(address(oracle).balance, held + credits, "OR-1: balance != open bonds + credits");
        assertEq(
            handler.ghostPosted(),
            handler.ghostCredited() + handler.ghostSunk() + held,
            "OR-1: posted != credited + sunk + held"
        );
        assertEq(
            credits + handler.ghostWithdrawn(),
            handler.ghostCredited() + handler.ghostSunk(),
            "OR-1: credits + withdrawn != credited + sunk"
        );
    }

    /// OR-2: nothing is final before its window closes or while the arbiter may still answer. The handler checks
    /// `finalValue` against its model after every action, both ways; here, from the public state alone: a
    /// question whose window is open, or which awaits the arbiter before its deadline, is not final.
    function invariant_OR2_nothingFinalEarly() public view {
        for (uint256 q; q < handler.questionCount(); ++q) {
            (bytes32 indexId, uint256 timestamp) = handler.questionAt(q);
            (bool isFinal,) = oracle.finalValue(indexId, timestamp);
            bool disputable = oracle.nextDisputeBond(indexId, timestamp) != 0;
            uint256 deadline = oracle.arbitrationDeadline(indexId, timestamp);
            bool awaitingArbiter =
                deadline != 0 && block.timestamp < deadline && !oracle.question(indexId, timestamp).arbitrated;
            if (disputable || awaitingArbiter) assertFalse(isFinal, "OR-2: final while it can still change");
        }
    }

    /// OR-3: a final value never changes.
    function invariant_OR3_finalValueNeverChanges() public view {
        for (uint256 q; q < handler.questionCount(); ++q) {
            (bool seen, uint256 first) = handler.ghostFinal(q);
            if (!seen) continue;
            (bytes32 indexId, uint256 timestamp) = handler.questionAt(q);
            (bool isFinal, uint256 valueWad) = oracle.finalValue(indexId, timestamp);
            assertTrue(isFinal, "OR-3: no longer final");
            assertEq(valueWad, first, "OR-3: final value changed");
        }
    }

    /// OR-4: bonds are settled at most once per question, and only for a question whose answer is final.
    function invariant_OR4_finalizedAtMostOnce() public view {
        for (uint256 q; q < handler.questionCount(); ++q) {
            uint256 n = handler.ghostFinalizations(q);
            assertLe(n, 1, "OR-4: finalized twice");
            (bytes32 indexId, uint256 timestamp) = handler.questionAt(q);
            assertEq(uint8(oracle.question(indexId, timestamp).status) == 3, n == 1, "OR-4: status != model");
            if (n == 1) {
                (bool isFinal,) = oracle.finalValue(indexId, timestamp);
                assertTrue(isFinal, "OR-4: finalized but not final");
            }
        }
    }

    /// OR-5: every proposed question is final within `maxRounds * challengeWindow + arbitrationWindow` of its
    /// first proposal, whatever happened since.
    function invariant_OR5_finalWithinBound() public view {
        for (uint256 q; q < handler.questionCount(); ++q) {
            uint256 first = handler.ghostFirstProposalAt(q);
            if (first == 0 || block.timestamp < first + handler.livenessBound(q)) continue;
            (bytes32 indexId, uint256 timestamp) = handler.questionAt(q);
            (bool isFinal,) = oracle.finalValue(indexId, timestamp);
            assertTrue(isFinal, "OR-5: not final within the bound");
        }
    }

    function afterInvariant() external view {
        string[7] memory names = ["propose", "dispute", "vote", "arbitrate", "warp", "finalize", "withdraw"];
        for (uint256 i; i < names.length; ++i) {
            console.log(names[i], handler.calls(bytes32(bytes(names[i]))));
        }
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ICommitteeArbiter} from "../../src/interfaces/ICommitteeArbiter.sol";
import {IIndexOracle} from "../../src/interfaces/IIndexOracle.sol";
import {IPNCore} from "../../src/interfaces/IPNCore.sol";
import {ISlowOracle, IndexConfig} from "../../src/interfaces/ISlowOracle.sol";
import {SeriesKey} from "../../src/types/SeriesKey.sol";
import {OracleBaseTest} from "../oracle/utils/OracleBaseTest.sol";
import {BaseTest} from "../utils/BaseTest.sol";
import {GasMeter} from "../utils/GasMeter.sol";

/// @notice Execution gas of the slow oracle's entrypoints (transaction gas minus the 21,000 base and calldata, the
/// method of `CoreGasTest`), each call its own transaction. Written to `snapshots/OracleGasTest.json`.
/// Targets: propose ≤ 80,000; dispute ≤ 90,000; finalize ≤ 50,000.
/// forge-config: default.isolate = true
contract OracleGasTest is OracleBaseTest, GasMeter {
    uint256 internal constant T2 = MATURITY + 1 days;

    SeriesKey internal slowKey;

    function setUp() public override(BaseTest, OracleBaseTest) {
        super.setUp();
        slowKey = key;
        slowKey.oracle = IIndexOracle(address(slow));
        createSeries(slowKey);
        splitAs(bob, slowKey, 10 ether); // as in CoreGasTest: the series has supply

        // The sink already holds credits from an earlier question, as it does in steady state.
        vm.warp(MATURITY + 1);
        proposeOn(USD, MATURITY - 1, carol, WRONG);
        disputeOn(USD, MATURITY - 1, carol, TRUTH);
        vm.warp(block.timestamp + WINDOW);
        slow.finalize(USD, MATURITY - 1);
    }

    /// @dev `GasMeter`'s method, on the oracle and with a bond attached. In isolate mode the call is a transaction
    /// from `caller`, which pays the value; outside it this contract pays. Both are funded.
    function _call(string memory name, address caller, uint256 value, bytes memory data) private {
        vm.deal(address(this), value);
        vm.deal(caller, caller.balance + value);
        vm.prank(caller);
        (bool ok, bytes memory ret) = address(slow).call{value: value}(data);
        if (!ok) {
            assembly ("memory-safe") {
                revert(add(ret, 0x20), mload(ret))
            }
        }
        vm.snapshotValue(name, vm.lastCallGas().gasTotalUsed - intrinsicGas(data));
    }

    function test_gas_registerIndex() public {
        _call("registerIndex", alice, 0, abi.encodeCall(ISlowOracle.registerIndex, (EUR, config)));
    }

    function test_gas_propose() public {
        _call("propose", alice, BOND, abi.encodeCall(ISlowOracle.propose, (USD, MATURITY, TRUTH)));
    }

    function test_gas_dispute() public {
        proposeAs(alice, WRONG);
        _call("dispute (round 1)", bob, 2 * BOND, abi.encodeCall(ISlowOracle.dispute, (USD, MATURITY, TRUTH)));
        _call("dispute (round 2)", griefer, 4 * BOND, abi.encodeCall(ISlowOracle.dispute, (USD, MATURITY, WRONG)));
        _call("dispute (round 3)", bob, 8 * BOND, abi.encodeCall(ISlowOracle.dispute, (USD, MATURITY, TRUTH)));
        _call(
            "dispute (round 4, escalates, committee notified)",
            griefer,
            16 * BOND,
            abi.encodeCall(ISlowOracle.dispute, (USD, MATURITY, WRONG))
        );
    }

    /// @dev The costliest dispute: it escalates (maxRounds = 1) and opens fresh slots for both the replaced value
    /// and the answerer.
    function test_gas_disputeEscalatesFirstRound() public {
        IndexConfig memory c = config;
        c.maxRounds = 1;
        slow.registerIndex(EUR, c);
        proposeOn(EUR, MATURITY, alice, WRONG);
        _call(
            "dispute (round 1, escalates: maxRounds = 1)",
            bob,
            2 * BOND,
            abi.encodeCall(ISlowOracle.dispute, (EUR, MATURITY, TRUTH))
        );
    }

    function test_gas_finalizeUndisputed() public {
        proposeAs(alice, TRUTH);
        vm.warp(block.timestamp + WINDOW);
        _call("finalize (undisputed, first credit)", bob, 0, abi.encodeCall(ISlowOracle.finalize, (USD, MATURITY)));
    }

    function test_gas_finalizeUndisputedRepeatProposer() public {
        proposeAs(carol, TRUTH);
        vm.warp(block.timestamp + WINDOW);
        _call("finalize (undisputed, repeat proposer)", bob, 0, abi.encodeCall(ISlowOracle.finalize, (USD, MATURITY)));
    }

    function test_gas_finalizeDisputed() public {
        proposeAs(alice, WRONG);
        disputeAs(bob, TRUTH);
        vm.warp(block.timestamp + WINDOW);
        _call(
            "finalize (disputed once, dispute stands)", carol, 0, abi.encodeCall(ISlowOracle.finalize, (USD, MATURITY))
        );
    }

    function test_gas_finalizeArbitrated() public {
        escalate(TRUTH, WRONG);
        resolve(TRUTH);
        _call(
            "finalize (escalated, arbitrated, 4 disputes)",
            carol,
            0,
            abi.encodeCall(ISlowOracle.finalize, (USD, MATURITY))
        );
    }

    function test_gas_finalizeFallback() public {
        escalate(TRUTH, WRONG);
        vm.warp(block.timestamp + ARBITRATION);
        _call(
            "finalize (escalated, fallback, 4 disputes)",
            carol,
            0,
            abi.encodeCall(ISlowOracle.finalize, (USD, MATURITY))
        );
    }

    function test_gas_arbitrate() public {
        escalate(TRUTH, WRONG);
        vm.prank(members[0]);
        committee.vote(USD, MATURITY, TRUTH);
        measureOn(
            "committee vote (resolves, arbitrate included)",
            address(committee),
            members[1],
            abi.encodeCall(ICommitteeArbiter.vote, (USD, MATURITY, TRUTH))
        );
    }

    function test_gas_vote() public {
        escalate(TRUTH, WRONG);
        measureOn(
            "committee vote (below threshold)",
            address(committee),
            members[0],
            abi.encodeCall(ICommitteeArbiter.vote, (USD, MATURITY, TRUTH))
        );
    }

    function test_gas_withdraw() public {
        proposeAs(alice, TRUTH);
        vm.warp(block.timestamp + WINDOW);
        slow.finalize(USD, MATURITY);
        _call("withdraw", alice, 0, abi.encodeCall(ISlowOracle.withdraw, ()));
    }

    function test_gas_settleOnSlowOracle() public {
        proposeAs(alice, TRUTH);
        vm.warp(block.timestamp + WINDOW);
        measureOn(
            "finalValue (proposal past its window, no finalize)",
            address(slow),
            address(this),
            abi.encodeCall(IIndexOracle.finalValue, (USD, MATURITY))
        );
        measure(
            "PNCore.settle on the slow oracle (no finalize)", address(this), abi.encodeCall(IPNCore.settle, (slowKey))
        );
    }
}

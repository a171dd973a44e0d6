// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IArbiter} from "../../../src/interfaces/IArbiter.sol";
import {ISlowOracle, IndexConfig, QuestionStatus, QuestionView} from "../../../src/interfaces/ISlowOracle.sol";
import {MockArbiter} from "../mocks/OracleMocks.sol";
import {OracleBaseTest} from "../utils/OracleBaseTest.sol";

/// @notice `arbitrate`, called by an arbiter the test drives directly; the committee has its own file.
contract ArbitrateIntegrationTest is OracleBaseTest {
    MockArbiter internal arbiter;

    function setUp() public override {
        super.setUp();
        arbiter = new MockArbiter(slow);
        IndexConfig memory c = config;
        c.arbiter = IArbiter(address(arbiter));
        c.maxRounds = 2;
        slow.registerIndex(ARB, c);
        vm.warp(MATURITY + 1);
    }

    function _escalate() internal {
        proposeOn(ARB, MATURITY, alice, TRUTH);
        disputeOn(ARB, MATURITY, griefer, WRONG);
        disputeOn(ARB, MATURITY, bob, TRUTH);
    }

    /*//////////////////////////////////////////////////////////////
                                REVERTS
    //////////////////////////////////////////////////////////////*/

    function testArbitrateIndexNotFound(bytes32 indexId) public {
        vm.assume(indexId != USD && indexId != ARB);
        vm.expectRevert(abi.encodeWithSelector(ISlowOracle.IndexNotFound.selector, indexId));
        arbiter.answer(indexId, MATURITY, TRUTH);
    }

    function testArbitrateOnlyArbiter(address caller) public {
        vm.assume(caller != address(arbiter));
        _escalate();
        vm.prank(caller);
        vm.expectRevert(abi.encodeWithSelector(ISlowOracle.OnlyArbiter.selector, caller, address(arbiter)));
        slow.arbitrate(ARB, MATURITY, TRUTH);
    }

    /// @dev Another index's arbiter is not this index's arbiter.
    function testArbitrateOnlyItsOwnIndex() public {
        _escalate();
        vm.prank(address(committee));
        vm.expectRevert(abi.encodeWithSelector(ISlowOracle.OnlyArbiter.selector, address(committee), address(arbiter)));
        slow.arbitrate(ARB, MATURITY, TRUTH);
    }

    function testArbitrateNotEscalated(uint256 disputes) public {
        vm.expectRevert(abi.encodeWithSelector(ISlowOracle.NotEscalated.selector, ARB, MATURITY));
        arbiter.answer(ARB, MATURITY, TRUTH);
        proposeOn(ARB, MATURITY, alice, TRUTH);
        if (bound(disputes, 0, 1) == 1) disputeOn(ARB, MATURITY, griefer, WRONG);
        vm.expectRevert(abi.encodeWithSelector(ISlowOracle.NotEscalated.selector, ARB, MATURITY));
        arbiter.answer(ARB, MATURITY, TRUTH);
    }

    /// @dev From the deadline on, the fallback has made the latest answer final: the arbiter is too late.
    function testArbitrateArbitrationClosed(uint256 late) public {
        late = bound(late, 0, 365 days);
        _escalate();
        uint256 deadline = block.timestamp + ARBITRATION;
        vm.warp(deadline + late);
        vm.expectRevert(abi.encodeWithSelector(ISlowOracle.ArbitrationClosed.selector, ARB, MATURITY, deadline));
        arbiter.answer(ARB, MATURITY, WRONG);
    }

    /// @dev One answer: after it, and after finalization, the arbiter cannot answer again.
    function testArbitrateAlreadyFinalized(uint256 second) public {
        second = bound(second, MIN_X, MAX_X);
        _escalate();
        arbiter.answer(ARB, MATURITY, TRUTH);
        vm.expectRevert(abi.encodeWithSelector(ISlowOracle.AlreadyFinalized.selector, ARB, MATURITY));
        arbiter.answer(ARB, MATURITY, second);
        slow.finalize(ARB, MATURITY);
        vm.expectRevert(abi.encodeWithSelector(ISlowOracle.AlreadyFinalized.selector, ARB, MATURITY));
        arbiter.answer(ARB, MATURITY, second);
    }

    function testArbitrateAfterFallbackFinalized() public {
        _escalate();
        vm.warp(block.timestamp + ARBITRATION);
        slow.finalize(ARB, MATURITY);
        vm.expectRevert(abi.encodeWithSelector(ISlowOracle.AlreadyFinalized.selector, ARB, MATURITY));
        arbiter.answer(ARB, MATURITY, WRONG);
    }

    function testArbitrateValueOutOfBounds(uint256 valueWad) public {
        vm.assume(valueWad < MIN_X || valueWad > MAX_X);
        _escalate();
        vm.expectRevert(abi.encodeWithSelector(ISlowOracle.ValueOutOfBounds.selector, ARB, valueWad, MIN_X, MAX_X));
        arbiter.answer(ARB, MATURITY, valueWad);
    }

    /*//////////////////////////////////////////////////////////////
                                EFFECTS
    //////////////////////////////////////////////////////////////*/

    /// @dev Any value within the bounds, a third one included; final at once; the answers stay on record.
    function testArbitrate(uint256 valueWad, uint256 elapsed) public {
        valueWad = bound(valueWad, MIN_X, MAX_X);
        elapsed = bound(elapsed, 0, ARBITRATION - 1);
        _escalate();
        uint256 escalatedAt = block.timestamp;
        vm.warp(block.timestamp + elapsed);

        vm.expectEmit(address(slow));
        emit ISlowOracle.Arbitrated(ARB, MATURITY, valueWad);
        arbiter.answer(ARB, MATURITY, valueWad);

        QuestionView memory v = slow.question(ARB, MATURITY);
        assertEq(uint8(v.status), uint8(QuestionStatus.Escalated), "status until finalize");
        assertTrue(v.arbitrated, "arbitrated");
        assertEq(v.valueWad, valueWad, "arbiter's value");
        assertEq(v.round, 2, "round");
        assertEq(v.escalatedAt, escalatedAt, "escalatedAt");
        (bool f, uint256 x) = slow.finalValue(ARB, MATURITY);
        assertTrue(f, "final at once");
        assertEq(x, valueWad, "final value");
        (, uint256 latest,) = slow.answer(ARB, MATURITY, 2);
        (, uint256 first,) = slow.answer(ARB, MATURITY, 0);
        (, uint256 second,) = slow.answer(ARB, MATURITY, 1);
        assertEq(latest, TRUTH, "last dispute kept");
        assertEq(first, TRUTH, "proposal kept");
        assertEq(second, WRONG, "first dispute kept");
    }

    function testArbitrateLastSecond() public {
        _escalate();
        vm.warp(block.timestamp + ARBITRATION - 1);
        assertFalse(_final(), "final before the deadline");
        arbiter.answer(ARB, MATURITY, OTHER);
        assertTrue(_final(), "final after the answer");
    }

    function _final() internal view returns (bool f) {
        (f,) = slow.finalValue(ARB, MATURITY);
    }
}

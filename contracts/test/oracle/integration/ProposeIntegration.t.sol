// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ISlowOracle, QuestionStatus, QuestionView} from "../../../src/interfaces/ISlowOracle.sol";
import {OracleBaseTest} from "../utils/OracleBaseTest.sol";

contract ProposeIntegrationTest is OracleBaseTest {
    /*//////////////////////////////////////////////////////////////
                                REVERTS
    //////////////////////////////////////////////////////////////*/

    function testProposeIndexNotFound(bytes32 indexId) public {
        vm.assume(indexId != USD);
        vm.warp(MATURITY + 1);
        vm.deal(alice, BOND);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(ISlowOracle.IndexNotFound.selector, indexId));
        slow.propose{value: BOND}(indexId, MATURITY, TRUTH);
    }

    /// @dev The question is asked after M: at M itself, or before, it is too early.
    function testProposeTooEarly(uint256 timestamp, uint256 nowTimestamp) public {
        nowTimestamp = bound(nowTimestamp, START, type(uint40).max);
        timestamp = bound(timestamp, nowTimestamp, type(uint256).max);
        vm.warp(nowTimestamp);
        vm.deal(alice, BOND);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(ISlowOracle.TooEarly.selector, USD, timestamp, nowTimestamp));
        slow.propose{value: BOND}(USD, timestamp, TRUTH);
    }

    function testProposeAlreadyProposed(uint256 valueWad, uint256 elapsed) public {
        valueWad = bound(valueWad, MIN_X, MAX_X);
        elapsed = bound(elapsed, 0, 2 * WINDOW);
        proposeAs(alice, TRUTH);
        vm.warp(block.timestamp + elapsed);
        vm.deal(bob, BOND);
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(ISlowOracle.AlreadyProposed.selector, USD, MATURITY));
        slow.propose{value: BOND}(USD, MATURITY, valueWad);
    }

    function testProposeAlreadyProposedAfterFinalize() public {
        proposeAs(alice, TRUTH);
        vm.warp(block.timestamp + WINDOW);
        slow.finalize(USD, MATURITY);
        vm.deal(bob, BOND);
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(ISlowOracle.AlreadyProposed.selector, USD, MATURITY));
        slow.propose{value: BOND}(USD, MATURITY, WRONG);
    }

    function testProposeValueOutOfBounds(uint256 valueWad) public {
        vm.assume(valueWad < MIN_X || valueWad > MAX_X);
        vm.warp(MATURITY + 1);
        vm.deal(alice, BOND);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(ISlowOracle.ValueOutOfBounds.selector, USD, valueWad, MIN_X, MAX_X));
        slow.propose{value: BOND}(USD, MATURITY, valueWad);
    }

    function testProposeWrongBond(uint256 sent) public {
        sent = bound(sent, 0, 100 ether);
        vm.assume(sent != BOND);
        vm.warp(MATURITY + 1);
        vm.deal(alice, sent);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(ISlowOracle.WrongBond.selector, sent, BOND));
        slow.propose{value: sent}(USD, MATURITY, TRUTH);
    }

    /*//////////////////////////////////////////////////////////////
                                EFFECTS
    //////////////////////////////////////////////////////////////*/

    function testPropose(address proposer, uint256 valueWad, uint256 timestamp, uint256 delay) public {
        vm.assume(proposer != address(slow));
        valueWad = bound(valueWad, MIN_X, MAX_X);
        timestamp = bound(timestamp, 0, MATURITY);
        delay = bound(delay, 1, 365 days);
        vm.warp(timestamp + delay);
        vm.deal(proposer, BOND);

        vm.expectEmit(address(slow));
        emit ISlowOracle.Proposed(USD, timestamp, proposer, valueWad, BOND);
        vm.prank(proposer);
        slow.propose{value: BOND}(USD, timestamp, valueWad);

        QuestionView memory v = slow.question(USD, timestamp);
        assertEq(uint8(v.status), uint8(QuestionStatus.Proposed), "status");
        assertEq(v.round, 0, "round");
        assertEq(v.valueWad, valueWad, "value");
        assertEq(v.answeredAt, timestamp + delay, "answeredAt");
        assertEq(v.escalatedAt, 0, "escalatedAt");
        assertFalse(v.arbitrated, "arbitrated");
        (address answerer, uint256 answerWad, uint256 bond) = slow.answer(USD, timestamp, 0);
        assertEq(answerer, proposer, "answerer");
        assertEq(answerWad, valueWad, "answer value");
        assertEq(bond, BOND, "answer bond");
        assertEq(address(slow).balance, BOND, "bond held");
        assertEq(slow.nextDisputeBond(USD, timestamp), 2 * BOND, "next dispute bond");
        (bool f, uint256 x) = slow.finalValue(USD, timestamp);
        assertFalse(f, "final at once");
        assertEq(x, 0, "value before final");
    }

    /// @dev Questions are keyed by (index, timestamp): a proposal answers only its own.
    function testProposeQuestionsAreIndependent(uint256 other) public {
        other = bound(other, 0, MATURITY);
        vm.assume(other != MATURITY - 1);
        slow.registerIndex(EUR, config);
        vm.warp(MATURITY + 1);
        proposeOn(USD, MATURITY - 1, alice, TRUTH);
        proposeOn(USD, other, bob, WRONG);
        proposeOn(EUR, MATURITY - 1, carol, OTHER);
        assertEq(slow.question(USD, MATURITY - 1).valueWad, TRUTH);
        assertEq(slow.question(USD, other).valueWad, WRONG);
        assertEq(slow.question(EUR, MATURITY - 1).valueWad, OTHER);
        assertEq(address(slow).balance, 3 * BOND);
    }

    function testProposeAtBounds() public {
        vm.warp(MATURITY + 1);
        proposeOn(USD, MATURITY - 1, alice, MIN_X);
        proposeOn(USD, MATURITY, alice, MAX_X);
        assertEq(slow.question(USD, MATURITY - 1).valueWad, MIN_X);
        assertEq(slow.question(USD, MATURITY).valueWad, MAX_X);
    }
}

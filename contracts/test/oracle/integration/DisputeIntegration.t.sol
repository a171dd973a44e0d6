// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IArbiter} from "../../../src/interfaces/IArbiter.sol";
import {ICommitteeArbiter} from "../../../src/interfaces/ICommitteeArbiter.sol";
import {ISlowOracle, IndexConfig, QuestionStatus, QuestionView} from "../../../src/interfaces/ISlowOracle.sol";
import {
    GasGuzzlerArbiter,
    MockArbiter,
    ReentrantArbiter,
    ReturnBombArbiter,
    RevertingArbiter
} from "../mocks/OracleMocks.sol";
import {OracleBaseTest} from "../utils/OracleBaseTest.sol";

contract DisputeIntegrationTest is OracleBaseTest {
    /*//////////////////////////////////////////////////////////////
                                REVERTS
    //////////////////////////////////////////////////////////////*/

    function testDisputeIndexNotFound(bytes32 indexId) public {
        vm.assume(indexId != USD);
        proposeAs(alice, WRONG);
        vm.deal(bob, 2 * BOND);
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(ISlowOracle.IndexNotFound.selector, indexId));
        slow.dispute{value: 2 * BOND}(indexId, MATURITY, TRUTH);
    }

    function testDisputeNotProposed(uint256 timestamp) public {
        vm.warp(MATURITY + 1);
        vm.deal(bob, 2 * BOND);
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(ISlowOracle.NotProposed.selector, USD, timestamp));
        slow.dispute{value: 2 * BOND}(USD, timestamp, TRUTH);
    }

    /// @dev The window is half-open: at `answeredAt + challengeWindow` it has closed.
    function testDisputeChallengeWindowClosed(uint256 elapsed, uint256 disputes) public {
        elapsed = bound(elapsed, WINDOW, 10 * WINDOW);
        disputes = bound(disputes, 0, ROUNDS - 1);
        proposeAs(alice, WRONG);
        for (uint256 r = 1; r <= disputes; ++r) {
            disputeAs(r % 2 == 1 ? bob : alice, r % 2 == 1 ? TRUTH : WRONG);
        }
        uint256 closedAt = closesAt();
        vm.warp(q().answeredAt + elapsed);
        assertEq(slow.nextDisputeBond(USD, MATURITY), 0, "no next bond once closed");
        uint256 bond = 2 * BOND << disputes;
        vm.deal(carol, bond);
        vm.prank(carol);
        vm.expectRevert(abi.encodeWithSelector(ISlowOracle.ChallengeWindowClosed.selector, USD, MATURITY, closedAt));
        slow.dispute{value: bond}(USD, MATURITY, OTHER);
    }

    function testDisputeSameValue(uint256 disputes) public {
        disputes = bound(disputes, 0, ROUNDS - 1);
        proposeAs(alice, WRONG);
        for (uint256 r = 1; r <= disputes; ++r) {
            disputeAs(bob, r % 2 == 1 ? TRUTH : WRONG);
        }
        uint256 latest = q().valueWad;
        uint256 bond = slow.nextDisputeBond(USD, MATURITY);
        vm.deal(carol, bond);
        vm.prank(carol);
        vm.expectRevert(abi.encodeWithSelector(ISlowOracle.SameValue.selector, latest));
        slow.dispute{value: bond}(USD, MATURITY, latest);
    }

    function testDisputeValueOutOfBounds(uint256 valueWad) public {
        vm.assume(valueWad < MIN_X || valueWad > MAX_X);
        proposeAs(alice, WRONG);
        vm.deal(bob, 2 * BOND);
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(ISlowOracle.ValueOutOfBounds.selector, USD, valueWad, MIN_X, MAX_X));
        slow.dispute{value: 2 * BOND}(USD, MATURITY, valueWad);
    }

    /// @dev Round r must post exactly `bond << r`: not the base bond, not the previous round's, not more.
    function testDisputeWrongBond(uint256 sent, uint256 disputes) public {
        disputes = bound(disputes, 0, ROUNDS - 1);
        proposeAs(alice, WRONG);
        for (uint256 r = 1; r <= disputes; ++r) {
            disputeAs(bob, r % 2 == 1 ? TRUTH : WRONG);
        }
        uint256 required = uint256(BOND) << (disputes + 1);
        sent = bound(sent, 0, 100 ether);
        vm.assume(sent != required);
        vm.deal(carol, sent);
        vm.prank(carol);
        vm.expectRevert(abi.encodeWithSelector(ISlowOracle.WrongBond.selector, sent, required));
        slow.dispute{value: sent}(USD, MATURITY, OTHER);
    }

    function testDisputeAlreadyEscalated(uint256 elapsed) public {
        elapsed = bound(elapsed, 0, 2 * ARBITRATION);
        escalate(TRUTH, WRONG);
        vm.warp(block.timestamp + elapsed);
        uint256 bond = uint256(BOND) << (ROUNDS + 1);
        vm.deal(carol, bond);
        vm.prank(carol);
        vm.expectRevert(abi.encodeWithSelector(ISlowOracle.AlreadyEscalated.selector, USD, MATURITY));
        slow.dispute{value: bond}(USD, MATURITY, OTHER);
    }

    function testDisputeAlreadyFinalized() public {
        proposeAs(alice, WRONG);
        vm.warp(block.timestamp + WINDOW);
        slow.finalize(USD, MATURITY);
        vm.deal(bob, 2 * BOND);
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(ISlowOracle.AlreadyFinalized.selector, USD, MATURITY));
        slow.dispute{value: 2 * BOND}(USD, MATURITY, TRUTH);
    }

    /// @dev A disputer cannot escalate while starving the arbiter's notification.
    function testDisputeEscalationGasTooLow() public {
        proposeAs(alice, TRUTH);
        for (uint256 r = 1; r < ROUNDS; ++r) {
            disputeAs(r % 2 == 1 ? griefer : bob, r % 2 == 1 ? WRONG : TRUTH);
        }
        uint256 bond = slow.nextDisputeBond(USD, MATURITY);
        vm.deal(bob, bond);
        vm.prank(bob);
        vm.expectPartialRevert(ISlowOracle.EscalationGasTooLow.selector);
        slow.dispute{value: bond, gas: 90_000}(USD, MATURITY, TRUTH);
        assertEq(uint8(q().status), uint8(QuestionStatus.Proposed), "not escalated");
    }

    /*//////////////////////////////////////////////////////////////
                                EFFECTS
    //////////////////////////////////////////////////////////////*/

    function testDispute(address disputer, uint256 valueWad, uint256 elapsed) public {
        vm.assume(disputer != address(slow));
        valueWad = bound(valueWad, MIN_X, MAX_X);
        vm.assume(valueWad != WRONG);
        proposeAs(alice, WRONG);
        elapsed = bound(elapsed, 0, WINDOW - 1);
        vm.warp(block.timestamp + elapsed);
        vm.deal(disputer, 2 * BOND);

        vm.expectEmit(address(slow));
        emit ISlowOracle.Disputed(USD, MATURITY, disputer, valueWad, 2 * BOND, 1);
        vm.prank(disputer);
        slow.dispute{value: 2 * BOND}(USD, MATURITY, valueWad);

        QuestionView memory v = q();
        assertEq(uint8(v.status), uint8(QuestionStatus.Proposed), "status");
        assertEq(v.round, 1, "round");
        assertEq(v.valueWad, valueWad, "latest value");
        assertEq(v.answeredAt, block.timestamp, "window restarts");
        assertAnswer(0, alice, WRONG, BOND);
        assertAnswer(1, disputer, valueWad, 2 * BOND);
        assertEq(address(slow).balance, 3 * BOND, "bonds held");
        assertEq(slow.nextDisputeBond(USD, MATURITY), 4 * BOND, "next bond doubles");
    }

    function assertAnswer(uint256 round, address answerer, uint256 valueWad, uint256 bond) internal view {
        (address a, uint256 v, uint256 b) = slow.answer(USD, MATURITY, round);
        assertEq(a, answerer, "answerer");
        assertEq(v, valueWad, "answer value");
        assertEq(b, bond, "answer bond");
    }

    /// @dev Each dispute restarts the window: the old closing time no longer makes the answer final.
    function testDisputeRestartsWindow(uint256 elapsed) public {
        elapsed = bound(elapsed, 0, WINDOW - 1);
        proposeAs(alice, WRONG);
        uint256 firstClose = closesAt();
        vm.warp(block.timestamp + elapsed);
        disputeAs(bob, TRUTH);
        vm.warp(firstClose);
        assertEq(isFinal(), elapsed == 0, "final at the first closing time only if disputed at once");
        vm.warp(closesAt() - 1);
        assertFalse(isFinal(), "final before the new window closed");
        vm.warp(closesAt());
        assertEq(finalWad(), TRUTH, "dispute stands");
    }

    /// @dev Bonds double each round; an earlier answer may be restated; the last allowed round escalates.
    function testDisputeBondsDoubleUntilEscalation(uint8 maxRounds, uint96 bond) public {
        maxRounds = boundRounds(maxRounds, 1, MAX_ROUNDS);
        bond = boundBond(bond, 1, type(uint96).max >> 1);
        IndexConfig memory c = config;
        c.maxRounds = maxRounds;
        c.bond = bond;
        slow.registerIndex(EUR, c);
        vm.warp(MATURITY + 1);
        proposeOn(EUR, MATURITY, alice, TRUTH);
        uint256 posted = bond;
        for (uint256 r = 1; r <= maxRounds; ++r) {
            assertEq(slow.nextDisputeBond(EUR, MATURITY), uint256(bond) << r, "bond of round r");
            posted += disputeOn(EUR, MATURITY, r % 2 == 1 ? griefer : bob, r % 2 == 1 ? WRONG : TRUTH);
            QuestionView memory v = slow.question(EUR, MATURITY);
            assertEq(v.round, r, "round");
            assertEq(uint8(v.status), uint8(r == maxRounds ? QuestionStatus.Escalated : QuestionStatus.Proposed));
        }
        assertEq(posted, uint256(bond) * (2 ** (maxRounds + 1) - 1), "total posted");
        assertEq(address(slow).balance, posted, "all held");
        assertEq(slow.nextDisputeBond(EUR, MATURITY), 0, "no dispute after escalation");
    }

    function testDisputeEscalates(uint256 elapsed) public {
        elapsed = bound(elapsed, 0, WINDOW - 1);
        proposeAs(alice, TRUTH);
        for (uint256 r = 1; r < ROUNDS; ++r) {
            disputeAs(r % 2 == 1 ? griefer : bob, r % 2 == 1 ? WRONG : TRUTH);
        }
        vm.warp(block.timestamp + elapsed);
        uint256 deadline = block.timestamp + ARBITRATION;
        vm.deal(bob, BOND << ROUNDS);

        vm.expectEmit(address(slow));
        emit ISlowOracle.Disputed(USD, MATURITY, bob, TRUTH, BOND << ROUNDS, ROUNDS);
        vm.expectEmit(address(slow));
        emit ISlowOracle.Escalated(USD, MATURITY, address(committee), deadline);
        vm.expectEmit(address(committee));
        emit ICommitteeArbiter.EscalationReceived(USD, MATURITY);
        vm.expectCall(address(committee), abi.encodeCall(IArbiter.onEscalation, (USD, MATURITY)), 1);
        vm.prank(bob);
        slow.dispute{value: BOND << ROUNDS}(USD, MATURITY, TRUTH);

        assertEq(uint8(q().status), uint8(QuestionStatus.Escalated), "status");
        assertEq(q().escalatedAt, block.timestamp, "escalatedAt");
        assertEq(q().valueWad, TRUTH, "latest answer");
        assertEq(slow.arbitrationDeadline(USD, MATURITY), deadline, "deadline");
        assertFalse(isFinal(), "final before the arbiter or the deadline");
    }

    /// @dev The arbiter cannot block an escalation: a revert, an endless loop, a huge revert payload or a
    /// reentrant answer are all ignored (each within `ARBITER_GAS`), and the question escalates.
    function testDisputeEscalatesWhateverTheArbiterDoes(uint256 kind) public {
        kind = bound(kind, 0, 3);
        IArbiter arbiter;
        if (kind == 0) arbiter = new RevertingArbiter();
        if (kind == 1) arbiter = new GasGuzzlerArbiter();
        if (kind == 2) arbiter = new ReturnBombArbiter();
        if (kind == 3) arbiter = new ReentrantArbiter(slow);
        IndexConfig memory c = config;
        c.arbiter = arbiter;
        c.maxRounds = 1;
        slow.registerIndex(EUR, c);
        vm.warp(MATURITY + 1);
        proposeOn(EUR, MATURITY, alice, TRUTH);

        uint256 gasBefore = gasleft();
        disputeOn(EUR, MATURITY, griefer, WRONG);
        assertLt(gasBefore - gasleft(), 300_000, "notification gas bounded");
        assertEq(uint8(slow.question(EUR, MATURITY).status), uint8(QuestionStatus.Escalated));
        if (kind == 3) assertTrue(ReentrantArbiter(address(arbiter)).arbitrateReverted(), "reentry refused");
        assertFalse(slow.question(EUR, MATURITY).arbitrated, "no reentrant answer");
    }

    function testDisputeNotifiesArbiterOnce() public {
        MockArbiter arbiter = new MockArbiter(slow);
        IndexConfig memory c = config;
        c.arbiter = IArbiter(address(arbiter));
        slow.registerIndex(EUR, c);
        vm.warp(MATURITY + 1);
        proposeOn(EUR, MATURITY, alice, TRUTH);
        for (uint256 r = 1; r <= ROUNDS; ++r) {
            disputeOn(EUR, MATURITY, bob, r % 2 == 1 ? WRONG : TRUTH);
            assertEq(arbiter.notifications(), r == ROUNDS ? 1 : 0, "notified at escalation only");
        }
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ICommitteeArbiter} from "../../../src/interfaces/ICommitteeArbiter.sol";
import {ISlowOracle} from "../../../src/interfaces/ISlowOracle.sol";
import {CommitteeArbiter} from "../../../src/oracle/CommitteeArbiter.sol";
import {OracleBaseTest} from "../utils/OracleBaseTest.sol";

contract CommitteeArbiterIntegrationTest is OracleBaseTest {
    function _members(uint256 count) internal returns (address[] memory list) {
        list = new address[](count);
        for (uint256 i; i < count; ++i) {
            list[i] = makeAddr(string.concat("m", vm.toString(i)));
        }
    }

    function _vote(uint256 member, uint256 valueWad) internal {
        vm.prank(members[member]);
        committee.vote(USD, MATURITY, valueWad);
    }

    /*//////////////////////////////////////////////////////////////
                          CONSTRUCTOR REVERTS
    //////////////////////////////////////////////////////////////*/

    function testConstructorInvalidOracle(address eoa) public {
        vm.assume(eoa.code.length == 0);
        vm.expectRevert(abi.encodeWithSelector(ICommitteeArbiter.InvalidOracle.selector, eoa));
        new CommitteeArbiter(ISlowOracle(eoa), _members(3), 2);
    }

    function testConstructorInvalidMemberCount(uint256 count) public {
        count = bound(count, 17, 40);
        vm.expectRevert(abi.encodeWithSelector(ICommitteeArbiter.InvalidMemberCount.selector, 0));
        new CommitteeArbiter(slow, new address[](0), 1);
        vm.expectRevert(abi.encodeWithSelector(ICommitteeArbiter.InvalidMemberCount.selector, count));
        new CommitteeArbiter(slow, _members(count), 1);
    }

    function testConstructorInvalidThreshold(uint256 count, uint256 threshold) public {
        count = bound(count, 1, 16);
        threshold = bound(threshold, count + 1, type(uint256).max);
        address[] memory list = _members(count);
        vm.expectRevert(abi.encodeWithSelector(ICommitteeArbiter.InvalidThreshold.selector, 0, count));
        new CommitteeArbiter(slow, list, 0);
        vm.expectRevert(abi.encodeWithSelector(ICommitteeArbiter.InvalidThreshold.selector, threshold, count));
        new CommitteeArbiter(slow, list, threshold);
    }

    function testConstructorZeroMember(uint256 count, uint256 at) public {
        count = bound(count, 1, 16);
        address[] memory list = _members(count);
        list[bound(at, 0, count - 1)] = address(0);
        vm.expectRevert(abi.encodeWithSelector(ICommitteeArbiter.InvalidMember.selector, address(0)));
        new CommitteeArbiter(slow, list, 1);
    }

    function testConstructorDuplicateMember(uint256 count, uint256 a, uint256 b) public {
        count = bound(count, 2, 16);
        a = bound(a, 0, count - 1);
        b = bound(b, 0, count - 1);
        vm.assume(a != b);
        address[] memory list = _members(count);
        list[b] = list[a];
        vm.expectRevert(abi.encodeWithSelector(ICommitteeArbiter.DuplicateMember.selector, list[a]));
        new CommitteeArbiter(slow, list, 1);
    }

    /*//////////////////////////////////////////////////////////////
                              VOTE REVERTS
    //////////////////////////////////////////////////////////////*/

    function testOnEscalationOnlyOracle(address caller) public {
        vm.assume(caller != address(slow));
        vm.prank(caller);
        vm.expectRevert(abi.encodeWithSelector(ICommitteeArbiter.OnlyOracle.selector, caller));
        committee.onEscalation(USD, MATURITY);
    }

    function testVoteNotMember(address caller) public {
        vm.assume(!committee.isMember(caller));
        escalate(TRUTH, WRONG);
        vm.prank(caller);
        vm.expectRevert(abi.encodeWithSelector(ICommitteeArbiter.NotMember.selector, caller));
        committee.vote(USD, MATURITY, TRUTH);
    }

    function testVoteZeroValue() public {
        escalate(TRUTH, WRONG);
        vm.prank(members[0]);
        vm.expectRevert(ICommitteeArbiter.ZeroValue.selector);
        committee.vote(USD, MATURITY, 0);
    }

    function testVoteNotOpenBeforeEscalation(uint256 disputes) public {
        disputes = bound(disputes, 0, ROUNDS - 1);
        vm.prank(members[0]);
        vm.expectRevert(abi.encodeWithSelector(ICommitteeArbiter.VotingNotOpen.selector, USD, MATURITY));
        committee.vote(USD, MATURITY, TRUTH);
        proposeAs(alice, TRUTH);
        for (uint256 r = 1; r <= disputes; ++r) {
            disputeAs(griefer, r % 2 == 1 ? WRONG : TRUTH);
        }
        vm.prank(members[0]);
        vm.expectRevert(abi.encodeWithSelector(ICommitteeArbiter.VotingNotOpen.selector, USD, MATURITY));
        committee.vote(USD, MATURITY, TRUTH);
    }

    /// @dev Votes after the oracle's deadline fail clearly, even one that would not reach the threshold.
    function testVoteClosedAfterDeadline(uint256 late) public {
        late = bound(late, 0, 365 days);
        escalate(TRUTH, WRONG);
        uint256 deadline = slow.arbitrationDeadline(USD, MATURITY);
        vm.warp(deadline + late);
        vm.prank(members[0]);
        vm.expectRevert(abi.encodeWithSelector(ICommitteeArbiter.VotingClosed.selector, USD, MATURITY, deadline));
        committee.vote(USD, MATURITY, TRUTH);
    }

    function testVoteAlreadyResolved() public {
        escalate(TRUTH, WRONG);
        resolve(TRUTH);
        vm.prank(members[2]);
        vm.expectRevert(abi.encodeWithSelector(ICommitteeArbiter.AlreadyResolved.selector, USD, MATURITY));
        committee.vote(USD, MATURITY, WRONG);
    }

    function testVoteAlreadyVoted() public {
        escalate(TRUTH, WRONG);
        _vote(0, TRUTH);
        vm.prank(members[0]);
        vm.expectRevert(
            abi.encodeWithSelector(ICommitteeArbiter.AlreadyVoted.selector, USD, MATURITY, members[0], TRUTH)
        );
        committee.vote(USD, MATURITY, TRUTH);
    }

    /// @dev The oracle refuses an out-of-bounds answer, so the resolving vote reverts with its error.
    function testVoteResolvingOutOfBoundsReverts(uint256 valueWad) public {
        valueWad = bound(valueWad, MAX_X + 1, type(uint256).max);
        escalate(TRUTH, WRONG);
        _vote(0, valueWad);
        vm.prank(members[1]);
        vm.expectRevert(abi.encodeWithSelector(ISlowOracle.ValueOutOfBounds.selector, USD, valueWad, MIN_X, MAX_X));
        committee.vote(USD, MATURITY, valueWad);
        assertFalse(committee.resolved(USD, MATURITY));
    }

    /*//////////////////////////////////////////////////////////////
                                EFFECTS
    //////////////////////////////////////////////////////////////*/

    function testVoteBelowThreshold(uint256 valueWad) public {
        valueWad = bound(valueWad, 1, type(uint256).max);
        escalate(TRUTH, WRONG);
        vm.expectEmit(address(committee));
        emit ICommitteeArbiter.Voted(USD, MATURITY, members[0], valueWad, 1);
        _vote(0, valueWad);
        assertEq(committee.voteOf(USD, MATURITY, members[0]), valueWad);
        assertEq(committee.votesFor(USD, MATURITY, valueWad), 1);
        assertFalse(committee.resolved(USD, MATURITY));
        assertFalse(q().arbitrated, "one vote of two");
    }

    /// @dev Two members on different values: nothing resolves; when one changes its vote, its old value loses the
    /// vote and the new one resolves.
    function testVoteChangeMovesTheVote() public {
        escalate(TRUTH, WRONG);
        _vote(0, TRUTH);
        _vote(1, WRONG);
        assertFalse(committee.resolved(USD, MATURITY), "split vote");
        vm.expectEmit(address(committee));
        emit ICommitteeArbiter.Voted(USD, MATURITY, members[1], TRUTH, 2);
        vm.expectEmit(address(committee));
        emit ICommitteeArbiter.Resolved(USD, MATURITY, TRUTH);
        vm.expectEmit(address(slow));
        emit ISlowOracle.Arbitrated(USD, MATURITY, TRUTH);
        _vote(1, TRUTH);
        assertEq(committee.votesFor(USD, MATURITY, WRONG), 0, "old vote withdrawn");
        assertEq(committee.votesFor(USD, MATURITY, TRUTH), 2);
        assertEq(finalWad(), TRUTH);
    }

    /// @dev A member switching back and forth never counts twice.
    function testVoteChangeNeverCountsTwice(uint256 switches) public {
        switches = bound(switches, 1, 10);
        escalate(TRUTH, WRONG);
        for (uint256 i; i < switches; ++i) {
            _vote(0, i % 2 == 0 ? TRUTH : WRONG);
        }
        assertEq(committee.votesFor(USD, MATURITY, TRUTH) + committee.votesFor(USD, MATURITY, WRONG), 1);
        assertFalse(committee.resolved(USD, MATURITY));
    }

    function testVoteResolves(uint256 valueWad, uint256 elapsed) public {
        valueWad = bound(valueWad, MIN_X, MAX_X);
        elapsed = bound(elapsed, 0, ARBITRATION - 1);
        escalate(TRUTH, WRONG);
        vm.warp(block.timestamp + elapsed);
        _vote(2, valueWad);
        vm.expectEmit(address(committee));
        emit ICommitteeArbiter.Resolved(USD, MATURITY, valueWad);
        vm.expectCall(address(slow), abi.encodeCall(ISlowOracle.arbitrate, (USD, MATURITY, valueWad)), 1);
        _vote(0, valueWad);
        assertTrue(committee.resolved(USD, MATURITY));
        assertEq(finalWad(), valueWad);
    }

    /// @dev The extremes: 1-of-1 answers with one vote; 16-of-16 needs every member.
    function testVoteThresholdExtremes() public {
        address[] memory one = _members(1);
        CommitteeArbiter solo = new CommitteeArbiter(slow, one, 1);
        address[] memory sixteen = _members(16);
        CommitteeArbiter full = new CommitteeArbiter(slow, sixteen, 16);
        assertEq(full.members().length, 16);
        config.arbiter = solo;
        slow.registerIndex(SOLO, config);
        config.arbiter = full;
        slow.registerIndex(FULL, config);
        vm.warp(MATURITY + 1);
        for (uint256 i; i < 2; ++i) {
            bytes32 indexId = i == 0 ? SOLO : FULL;
            proposeOn(indexId, MATURITY, alice, TRUTH);
            for (uint256 r = 1; r <= ROUNDS; ++r) {
                disputeOn(indexId, MATURITY, bob, r % 2 == 1 ? WRONG : TRUTH);
            }
        }
        vm.prank(one[0]);
        solo.vote(SOLO, MATURITY, OTHER);
        assertTrue(slow.question(SOLO, MATURITY).arbitrated, "1-of-1");
        for (uint256 i; i < 16; ++i) {
            assertFalse(slow.question(FULL, MATURITY).arbitrated, "16-of-16 early");
            vm.prank(sixteen[i]);
            full.vote(FULL, MATURITY, OTHER);
        }
        assertTrue(slow.question(FULL, MATURITY).arbitrated, "16-of-16");
    }

    function testViews() public view {
        assertEq(address(committee.ORACLE()), address(slow));
        assertEq(committee.THRESHOLD(), 2);
        assertEq(committee.MAX_MEMBERS(), 16);
        address[] memory list = committee.members();
        assertEq(list.length, 3);
        for (uint256 i; i < 3; ++i) {
            assertEq(list[i], members[i]);
            assertTrue(committee.isMember(members[i]));
        }
    }
}

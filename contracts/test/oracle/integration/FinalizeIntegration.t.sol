// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IArbiter} from "../../../src/interfaces/IArbiter.sol";
import {ISlowOracle, IndexConfig, QuestionStatus} from "../../../src/interfaces/ISlowOracle.sol";
import {MockArbiter} from "../mocks/OracleMocks.sol";
import {OracleBaseTest} from "../utils/OracleBaseTest.sol";
import {Vm} from "forge-std/Vm.sol";

contract FinalizeIntegrationTest is OracleBaseTest {
    MockArbiter internal arbiter;
    address[4] internal players;

    function setUp() public override {
        super.setUp();
        arbiter = new MockArbiter(slow);
        players = [alice, bob, carol, griefer];
    }

    /// @dev Registers ARB with `maxRounds` rounds and base bond `bond`, driven by the mock arbiter.
    function _registerArb(uint256 maxRounds, uint256 bond) internal {
        IndexConfig memory c = config;
        c.arbiter = IArbiter(address(arbiter));
        c.maxRounds = boundRounds(maxRounds, 1, MAX_ROUNDS);
        c.bond = boundBond(bond, 1, type(uint96).max);
        slow.registerIndex(ARB, c);
        vm.warp(MATURITY + 1);
    }

    /*//////////////////////////////////////////////////////////////
                                REVERTS
    //////////////////////////////////////////////////////////////*/

    function testFinalizeIndexNotFound(bytes32 indexId) public {
        vm.assume(indexId != USD);
        vm.expectRevert(abi.encodeWithSelector(ISlowOracle.IndexNotFound.selector, indexId));
        slow.finalize(indexId, MATURITY);
    }

    function testFinalizeNotProposed(uint256 timestamp) public {
        vm.expectRevert(abi.encodeWithSelector(ISlowOracle.NotProposed.selector, USD, timestamp));
        slow.finalize(USD, timestamp);
    }

    function testFinalizeChallengeWindowOpen(uint256 elapsed, bool disputed) public {
        elapsed = bound(elapsed, 0, WINDOW - 1);
        proposeAs(alice, WRONG);
        if (disputed) disputeAs(bob, TRUTH);
        uint256 closes = closesAt();
        vm.warp(q().answeredAt + elapsed);
        vm.expectRevert(abi.encodeWithSelector(ISlowOracle.ChallengeWindowOpen.selector, USD, MATURITY, closes));
        slow.finalize(USD, MATURITY);
    }

    function testFinalizeArbitrationOpen(uint256 elapsed) public {
        elapsed = bound(elapsed, 0, ARBITRATION - 1);
        escalate(TRUTH, WRONG);
        uint256 deadline = block.timestamp + ARBITRATION;
        vm.warp(block.timestamp + elapsed);
        vm.expectRevert(abi.encodeWithSelector(ISlowOracle.ArbitrationOpen.selector, USD, MATURITY, deadline));
        slow.finalize(USD, MATURITY);
    }

    /// @dev OR-4: bonds are settled once.
    function testFinalizeAlreadyFinalized(address caller) public {
        proposeAs(alice, TRUTH);
        vm.warp(block.timestamp + WINDOW);
        slow.finalize(USD, MATURITY);
        vm.prank(caller);
        vm.expectRevert(abi.encodeWithSelector(ISlowOracle.AlreadyFinalized.selector, USD, MATURITY));
        slow.finalize(USD, MATURITY);
        assertEq(slow.credits(alice), BOND, "credited once");
    }

    /*//////////////////////////////////////////////////////////////
                                EFFECTS
    //////////////////////////////////////////////////////////////*/

    function testFinalizeUndisputed(address caller, uint256 valueWad, uint256 late) public {
        valueWad = bound(valueWad, MIN_X, MAX_X);
        late = bound(late, 0, 365 days);
        proposeAs(alice, valueWad);
        vm.warp(closesAt() + late);

        vm.expectEmit(address(slow));
        emit ISlowOracle.Finalized(USD, MATURITY, valueWad, false);
        vm.expectEmit(address(slow));
        emit ISlowOracle.BondCredited(USD, MATURITY, alice, BOND);
        vm.recordLogs();
        vm.prank(caller);
        slow.finalize(USD, MATURITY);

        assertEq(vm.getRecordedLogs().length, 2, "nothing sunk");
        assertEq(uint8(q().status), uint8(QuestionStatus.Finalized), "status");
        assertEq(slow.credits(alice), BOND, "bond back");
        assertEq(slow.credits(sink), 0, "nothing sunk");
        assertEq(finalWad(), valueWad, "final value unchanged");
        assertEq(address(slow).balance, BOND, "held until withdrawn");
    }

    /// @dev The dispute stands: the disputer gets 2B back plus half the proposer's B, the sink the other half.
    function testFinalizeDisputeStands(uint96 bond) public {
        bond = boundBond(bond, 1, type(uint96).max >> 4);
        _registerArb(4, bond);
        proposeOn(ARB, MATURITY, alice, WRONG);
        disputeOn(ARB, MATURITY, bob, TRUTH);
        vm.warp(block.timestamp + WINDOW);
        uint256 reward = uint256(bond) * 5000 / 10_000;

        vm.expectEmit(address(slow));
        emit ISlowOracle.Finalized(ARB, MATURITY, TRUTH, false);
        vm.expectEmit(address(slow));
        emit ISlowOracle.BondCredited(ARB, MATURITY, bob, 2 * uint256(bond) + reward);
        vm.expectEmit(address(slow));
        emit ISlowOracle.BondSunk(ARB, MATURITY, bond - reward);
        slow.finalize(ARB, MATURITY);

        assertEq(slow.credits(alice), 0, "wrong proposer loses its bond");
        assertEq(slow.credits(bob), 2 * uint256(bond) + reward, "disputer");
        assertEq(slow.credits(sink), bond - reward, "sink");
    }

    /// @dev The arbiter picks a value nobody proposed: every bond is sunk.
    function testFinalizeThirdValueSinksAll(uint96 bond, uint256 valueWad) public {
        bond = boundBond(bond, 1, type(uint96).max >> 4);
        valueWad = bound(valueWad, MIN_X, MAX_X);
        vm.assume(valueWad != TRUTH && valueWad != WRONG);
        _registerArb(2, bond);
        proposeOn(ARB, MATURITY, alice, TRUTH);
        disputeOn(ARB, MATURITY, griefer, WRONG);
        disputeOn(ARB, MATURITY, bob, TRUTH);
        arbiter.answer(ARB, MATURITY, valueWad);

        vm.expectEmit(address(slow));
        emit ISlowOracle.Finalized(ARB, MATURITY, valueWad, false);
        vm.expectEmit(address(slow));
        emit ISlowOracle.BondSunk(ARB, MATURITY, 7 * uint256(bond));
        slow.finalize(ARB, MATURITY);
        assertEq(slow.credits(sink), 7 * uint256(bond), "all sunk");
        assertEq(slow.credits(alice) + slow.credits(bob) + slow.credits(griefer), 0, "nobody credited");
    }

    /// @dev The arbiter missed its deadline: every bond is returned, nothing is sunk, the latest answer stands.
    function testFinalizeFallbackReturnsAll(uint256 late) public {
        late = bound(late, 0, 365 days);
        escalate(TRUTH, WRONG); // alice B, griefer 2B and 8B, bob 4B and 16B; bob's TRUTH is the latest
        vm.warp(slow.arbitrationDeadline(USD, MATURITY) + late);

        vm.expectEmit(address(slow));
        emit ISlowOracle.Finalized(USD, MATURITY, TRUTH, true);
        vm.recordLogs();
        slow.finalize(USD, MATURITY);

        assertEq(vm.getRecordedLogs().length, 1 + 5, "one credit per answer, nothing sunk");
        assertEq(slow.credits(alice), BOND, "alice");
        assertEq(slow.credits(griefer), 10 * uint256(BOND), "griefer");
        assertEq(slow.credits(bob), 20 * uint256(BOND), "bob");
        assertEq(slow.credits(sink), 0, "sink");
    }

    /// @dev The griefer loses 2B + 8B; alice and bob share half of it pro rata to 1:4:16.
    function testFinalizeArbitratedProRata() public {
        escalate(TRUTH, WRONG);
        resolve(TRUTH);
        slow.finalize(USD, MATURITY);
        uint256 pool = 10 * uint256(BOND) / 2;
        assertEq(slow.credits(alice), BOND + pool * 1 / 21, "alice");
        assertEq(slow.credits(bob), 4 * uint256(BOND) + pool * 4 / 21 + 16 * uint256(BOND) + pool * 16 / 21, "bob");
        assertEq(slow.credits(griefer), 0, "griefer");
        assertEq(
            slow.credits(sink),
            10 * uint256(BOND) - pool * 1 / 21 - pool * 4 / 21 - pool * 16 / 21,
            "sink gets the rest, dust included"
        );
    }

    /// @dev Rounding dust goes to the sink. Base bond 1 wei; rounds 0 (1 wei) and 3 (8 wei) right, rounds 1 and 2
    /// (2 + 4 wei) wrong: the pool is 6·50% = 3 wei, shared 3·1/9 → 0 and 3·8/9 → 2; the sink gets 6 − 2 = 4.
    function testFinalizeDustToSink() public {
        _registerArb(3, 1);
        proposeOn(ARB, MATURITY, alice, TRUTH);
        disputeOn(ARB, MATURITY, griefer, WRONG);
        disputeOn(ARB, MATURITY, bob, OTHER);
        disputeOn(ARB, MATURITY, carol, TRUTH);
        arbiter.answer(ARB, MATURITY, TRUTH);
        slow.finalize(ARB, MATURITY);
        assertEq(slow.credits(alice), 1, "alice: bond, no reward");
        assertEq(slow.credits(carol), 8 + 2, "carol");
        assertEq(slow.credits(sink), 6 - 2, "sink");
        assertEq(slow.credits(griefer) + slow.credits(bob), 0, "wrong");
    }

    /// @dev Any game, any outcome: every wei posted is credited or sunk, nobody wrong is paid, every right
    /// answerer gets at least its bond back, and the payouts match the plain pro-rata formula.
    function testFinalizeConservesBonds(uint96 bond, uint256 maxRounds, uint256 disputes, uint256 seed, uint256 outcome)
        public
    {
        bond = boundBond(bond, 1, type(uint96).max);
        maxRounds = bound(maxRounds, 1, MAX_ROUNDS);
        disputes = bound(disputes, 0, maxRounds);
        _registerArb(maxRounds, bond);
        uint256[] memory values = new uint256[](disputes + 1);
        values[0] = _valueOf(seed, 0, 0);
        proposeOn(ARB, MATURITY, _player(seed, 0), values[0]);
        for (uint256 r = 1; r <= disputes; ++r) {
            values[r] = _valueOf(seed, r, values[r - 1]);
            disputeOn(ARB, MATURITY, _player(seed, r), values[r]);
        }
        uint256 finalValue = _reachFinality(disputes == maxRounds, outcome, values[disputes]);
        bool fallback_ = disputes == maxRounds && outcome % 3 == 2;

        vm.recordLogs();
        slow.finalize(ARB, MATURITY);
        (uint256 credited, uint256 sunk) = _sumLogs(vm.getRecordedLogs());

        uint256 posted = uint256(bond) * (2 ** (disputes + 1) - 1);
        assertEq(credited + sunk, posted, "OR-1: posted == credited + sunk");
        assertEq(slow.credits(sink), sunk, "sink credits");
        _checkPayouts(values, finalValue, bond, fallback_, sunk);
    }

    /*//////////////////////////////////////////////////////////////
                                HELPERS
    //////////////////////////////////////////////////////////////*/

    function _player(uint256 seed, uint256 round) internal view returns (address) {
        return players[uint256(keccak256(abi.encode(seed, round, "player"))) % players.length];
    }

    /// @dev One of three values, different from the previous answer.
    function _valueOf(uint256 seed, uint256 round, uint256 previous) internal pure returns (uint256 v) {
        uint256[3] memory set = [TRUTH, WRONG, OTHER];
        uint256 i = uint256(keccak256(abi.encode(seed, round, "value"))) % 3;
        v = set[i];
        if (v == previous) v = set[(i + 1) % 3];
    }

    /// @dev Escalated: the arbiter answers one of the values (0, 1) or misses the deadline (2). Otherwise the
    /// latest answer's window runs out.
    function _reachFinality(bool escalated, uint256 outcome, uint256 latest) internal returns (uint256) {
        if (!escalated) {
            vm.warp(block.timestamp + WINDOW);
            return latest;
        }
        if (outcome % 3 == 2) {
            vm.warp(block.timestamp + ARBITRATION);
            return latest;
        }
        uint256 v = outcome % 3 == 0 ? TRUTH : OTHER;
        arbiter.answer(ARB, MATURITY, v);
        return v;
    }

    function _sumLogs(Vm.Log[] memory logs) internal pure returns (uint256 credited, uint256 sunk) {
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].topics[0] == ISlowOracle.BondCredited.selector) {
                credited += abi.decode(logs[i].data, (uint256));
            }
            if (logs[i].topics[0] == ISlowOracle.BondSunk.selector) sunk += abi.decode(logs[i].data, (uint256));
        }
    }

    /// @dev Reference model: per player, the sum over its right rounds of bond + pool·bond/rightBonds.
    function _checkPayouts(uint256[] memory values, uint256 finalValue, uint256 bond, bool fallback_, uint256 sunk)
        internal
        view
    {
        uint256 rightBonds;
        uint256 wrongBonds;
        for (uint256 r; r < values.length; ++r) {
            if (fallback_ || values[r] == finalValue) rightBonds += bond << r;
            else wrongBonds += bond << r;
        }
        uint256 pool = rightBonds == 0 ? 0 : wrongBonds * 5000 / 10_000;
        for (uint256 p; p < players.length; ++p) {
            uint256 expected;
            for (uint256 r; r < values.length; ++r) {
                if (_playerAt(r) != players[p] || !(fallback_ || values[r] == finalValue)) continue;
                expected += (bond << r) + pool * (bond << r) / rightBonds;
            }
            assertEq(slow.credits(players[p]), expected, "payout != pro-rata model");
        }
        assertLe(wrongBonds - sunk, pool, "rewards exceed the pool");
    }

    function _playerAt(uint256 round) internal view returns (address answerer) {
        (answerer,,) = slow.answer(ARB, MATURITY, round);
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IArbiter} from "../../../src/interfaces/IArbiter.sol";
import {IndexConfig, QuestionStatus} from "../../../src/interfaces/ISlowOracle.sol";
import {MockArbiter} from "../mocks/OracleMocks.sol";
import {OracleBaseTest} from "../utils/OracleBaseTest.sol";

/// @notice A griefer disputes every honest answer at the last possible second, as many times as allowed.
/// OR-5: the question is still final within `maxRounds * challengeWindow + arbitrationWindow` of the first
/// proposal, and the griefer loses every bond it posted.
contract GriefingScenarioTest is OracleBaseTest {
    /// @dev Honest alice proposes TRUTH; the griefer (odd rounds) and honest bob (even rounds) alternate, each
    /// at the last second of the window, until the `maxRounds`-th dispute escalates. Returns the first proposal's
    /// time.
    function _grief(bytes32 indexId, uint256 maxRounds, uint256 window) internal returns (uint256 t0) {
        vm.warp(MATURITY + 1);
        t0 = block.timestamp;
        proposeOn(indexId, MATURITY, alice, TRUTH);
        for (uint256 r = 1; r <= maxRounds; ++r) {
            vm.warp(slow.question(indexId, MATURITY).answeredAt + window - 1); // the window's last second
            disputeOn(indexId, MATURITY, r % 2 == 1 ? griefer : bob, r % 2 == 1 ? WRONG : TRUTH);
        }
        assertEq(uint8(slow.question(indexId, MATURITY).status), uint8(QuestionStatus.Escalated), "escalated");
    }

    /// @dev Default settings: 4 last-second disputes, then the committee answers at the last second of its window.
    /// The griefer posted 2B + 8B = 1 ETH and gets nothing back; alice and bob get their 2.1 ETH back plus half
    /// of the griefer's bonds pro rata (1:4:16); the sink keeps the other half and the dust.
    function testGriefingDefaultSettings() public {
        uint256 t0 = _grief(USD, ROUNDS, WINDOW);
        uint256 deadline = slow.arbitrationDeadline(USD, MATURITY);
        assertEq(deadline, t0 + ROUNDS * (WINDOW - 1) + ARBITRATION, "deadline");
        vm.warp(deadline - 1);
        assertFalse(isFinal(), "OR-2: not final while the arbiter may answer");
        resolve(TRUTH);
        assertEq(finalWad(), TRUTH, "truth");
        assertLe(block.timestamp - t0, uint256(ROUNDS) * WINDOW + ARBITRATION, "OR-5 bound");

        slow.finalize(USD, MATURITY);
        uint256 grieferPosted = 2 * uint256(BOND) + 8 * uint256(BOND);
        assertEq(grieferPosted, 1 ether, "griefer's stake at 0.1 ETH base bond");
        assertEq(slow.credits(griefer), 0, "griefer loses everything");
        uint256 pool = grieferPosted / 2;
        assertEq(slow.credits(alice), BOND + pool * 1 / 21, "alice");
        assertEq(slow.credits(bob), 20 * uint256(BOND) + pool * 4 / 21 + pool * 16 / 21, "bob");
        assertEq(
            slow.credits(alice) + slow.credits(bob) + slow.credits(sink), 31 * uint256(BOND), "every wei accounted"
        );
        // The worked example of docs/oracle.md, to the wei.
        assertEq(slow.credits(alice), 123_809_523_809_523_809, "docs: alice");
        assertEq(slow.credits(bob), 2_476_190_476_190_476_190, "docs: bob");
        assertEq(slow.credits(sink), 500_000_000_000_000_001, "docs: sink (0.5 ETH + 1 wei of dust)");
    }

    /// @dev The worst case, for any settings: last-second disputes and an arbiter that never answers. The
    /// question becomes final exactly `maxRounds * (challengeWindow - 1) + arbitrationWindow` after the first
    /// proposal (a dispute lands at `answeredAt + challengeWindow - 1` at the latest on whole-second timestamps),
    /// which is the bound `maxRounds * challengeWindow + arbitrationWindow` less one second per round. With a
    /// silent arbiter the latest answer, honest bob's when `maxRounds` is even, stands and every bond is returned.
    function testGriefingWorstCaseTimeToFinality(uint8 maxRounds, uint32 window, uint32 arbitration) public {
        maxRounds = boundRounds(maxRounds, 1, MAX_ROUNDS);
        window = boundWindow(window, MIN_WINDOW, MAX_WINDOW);
        arbitration = boundWindow(arbitration, MIN_WINDOW, MAX_WINDOW);
        IndexConfig memory c = config;
        c.maxRounds = maxRounds;
        c.challengeWindow = window;
        c.arbitrationWindow = arbitration;
        c.arbiter = IArbiter(address(new MockArbiter(slow))); // never answers
        slow.registerIndex(GRIEF, c);

        uint256 t0 = _grief(GRIEF, maxRounds, window);
        uint256 worstCase = uint256(maxRounds) * (window - 1) + arbitration;
        uint256 bound_ = uint256(maxRounds) * window + arbitration;
        vm.warp(t0 + worstCase - 1);
        (bool f,) = slow.finalValue(GRIEF, MATURITY);
        assertFalse(f, "final before the worst case");
        vm.warp(t0 + worstCase);
        uint256 x;
        (f, x) = slow.finalValue(GRIEF, MATURITY);
        assertTrue(f, "OR-5: final at the worst case");
        assertEq(x, maxRounds % 2 == 0 ? TRUTH : WRONG, "the latest answer stands");
        assertEq(bound_ - worstCase, maxRounds, "one second per round under the bound");
        slow.finalize(GRIEF, MATURITY);
        assertEq(slow.credits(sink), 0, "fallback: nothing sunk");
    }

    /// @dev With the default numbers the worst case is 4 × 2 h + 3 days = 80 hours in continuous time, 80 hours
    /// less 4 seconds on whole-second timestamps.
    function testGriefingWorstCaseDefaultNumbers() public {
        uint256 t0 = _grief(USD, ROUNDS, WINDOW);
        vm.warp(t0 + 80 hours - 4 - 1);
        assertFalse(isFinal());
        vm.warp(t0 + 80 hours - 4);
        assertEq(finalWad(), TRUTH, "bob's restated truth stands");
    }

    /// @dev A griefer who stops early loses its bonds all the same, and delays by one window per dispute only.
    function testGriefingStopsEarly(uint256 disputes) public {
        disputes = bound(disputes, 1, ROUNDS - 2); // leaves room for bob's final restatement below escalation
        vm.warp(MATURITY + 1);
        uint256 t0 = block.timestamp;
        proposeAs(alice, TRUTH);
        uint256 grieferPosted;
        for (uint256 r = 1; r <= disputes; ++r) {
            vm.warp(closesAt() - 1);
            if (r % 2 == 1) grieferPosted += disputeAs(griefer, WRONG);
            else disputeAs(bob, TRUTH);
        }
        if (disputes % 2 == 1) {
            vm.warp(closesAt() - 1);
            disputeAs(bob, TRUTH); // honest answer restated; the griefer gives up
        }
        vm.warp(closesAt());
        assertEq(finalWad(), TRUTH);
        assertLe(block.timestamp - t0, uint256(ROUNDS) * WINDOW, "no escalation: at most maxRounds windows");
        slow.finalize(USD, MATURITY);
        assertEq(slow.credits(griefer), 0, "griefer loses");
        assertGt(grieferPosted, 0);
    }
}

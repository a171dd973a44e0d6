// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IArbiter} from "../../../src/interfaces/IArbiter.sol";
import {IndexConfig, QuestionView} from "../../../src/interfaces/ISlowOracle.sol";
import {CommitteeArbiter} from "../../../src/oracle/CommitteeArbiter.sol";
import {SlowOracle} from "../../../src/oracle/SlowOracle.sol";
import {BaseTest} from "../../utils/BaseTest.sol";

/// @notice Shared fixture: the core's fixture plus a slow oracle with a 2-of-3 committee arbiter and one index,
/// "USD", on the default settings (0.1 ETH bond, 2 h challenge window, 3 days of arbitration, 4 rounds). The
/// question asked is "USD at MATURITY".
abstract contract OracleBaseTest is BaseTest {
    uint96 internal constant BOND = 0.1 ether;
    uint32 internal constant WINDOW = 2 hours;
    uint32 internal constant ARBITRATION = 3 days;
    uint8 internal constant ROUNDS = 4;
    uint128 internal constant MIN_X = 1e18;
    uint128 internal constant MAX_X = 10_000_000e18;
    uint256 internal constant TRUTH = 2500e18;
    uint256 internal constant WRONG = 2000e18;
    uint256 internal constant OTHER = 3000e18;
    bytes32 internal constant RULES = keccak256("pn-protocol index rules: USD (version 1)");
    bytes32 internal constant EUR = "EUR";
    bytes32 internal constant ARB = "ARB";
    bytes32 internal constant CPI = "CPI-U";
    bytes32 internal constant GRIEF = "GRIEF";
    bytes32 internal constant SOLO = "SOLO";
    bytes32 internal constant FULL = "FULL";
    /// @dev The oracle's limits (asserted equal to its getters in `RegisterIndexIntegrationTest.testConstants`).
    uint32 internal constant MIN_WINDOW = 10 minutes;
    uint32 internal constant MAX_WINDOW = 30 days;
    uint8 internal constant MAX_ROUNDS = 8;

    SlowOracle internal slow;
    CommitteeArbiter internal committee;
    IndexConfig internal config;
    address internal sink = makeAddr("sink");
    address internal carol = makeAddr("carol");
    address internal griefer = makeAddr("griefer");
    address[] internal members;

    function setUp() public virtual override {
        super.setUp();
        slow = new SlowOracle(sink);
        members.push(makeAddr("member0"));
        members.push(makeAddr("member1"));
        members.push(makeAddr("member2"));
        committee = new CommitteeArbiter(slow, members, 2);
        config = defaultConfig(IArbiter(address(committee)));
        slow.registerIndex(USD, config);
    }

    function defaultConfig(IArbiter arbiter) internal pure returns (IndexConfig memory) {
        return IndexConfig({
            rulesHash: RULES,
            bond: BOND,
            challengeWindow: WINDOW,
            arbitrationWindow: ARBITRATION,
            maxRounds: ROUNDS,
            arbiter: arbiter,
            minValueWad: MIN_X,
            maxValueWad: MAX_X
        });
    }

    /*//////////////////////////////////////////////////////////////
                          NARROW FUZZ INPUTS
    //////////////////////////////////////////////////////////////*/

    // `bound` for the config's narrow fields: each result lies in [lo, hi], which the caller keeps in range.

    function boundBond(uint256 x, uint256 lo, uint256 hi) internal pure returns (uint96) {
        // forge-lint: disable-next-line(unsafe-typecast)
        return uint96(bound(x, lo, hi));
    }

    function boundWindow(uint256 x, uint256 lo, uint256 hi) internal pure returns (uint32) {
        // forge-lint: disable-next-line(unsafe-typecast)
        return uint32(bound(x, lo, hi));
    }

    function boundRounds(uint256 x, uint256 lo, uint256 hi) internal pure returns (uint8) {
        // forge-lint: disable-next-line(unsafe-typecast)
        return uint8(bound(x, lo, hi));
    }

    function boundWad(uint256 x, uint256 lo, uint256 hi) internal pure returns (uint128) {
        // forge-lint: disable-next-line(unsafe-typecast)
        return uint128(bound(x, lo, hi));
    }

    /*//////////////////////////////////////////////////////////////
                              GAME HELPERS
    //////////////////////////////////////////////////////////////*/

    /// @dev Warps just past maturity and proposes `valueWad` for USD at MATURITY.
    function proposeAs(address who, uint256 valueWad) internal {
        if (block.timestamp <= MATURITY) vm.warp(MATURITY + 1);
        proposeOn(USD, MATURITY, who, valueWad);
    }

    function proposeOn(bytes32 indexId, uint256 timestamp, address who, uint256 valueWad) internal {
        uint256 bond = slow.indexConfig(indexId).bond;
        vm.deal(who, who.balance + bond);
        vm.prank(who);
        slow.propose{value: bond}(indexId, timestamp, valueWad);
    }

    function disputeAs(address who, uint256 valueWad) internal returns (uint256 bond) {
        return disputeOn(USD, MATURITY, who, valueWad);
    }

    function disputeOn(bytes32 indexId, uint256 timestamp, address who, uint256 valueWad)
        internal
        returns (uint256 bond)
    {
        bond = slow.nextDisputeBond(indexId, timestamp);
        vm.deal(who, who.balance + bond);
        vm.prank(who);
        slow.dispute{value: bond}(indexId, timestamp, valueWad);
    }

    /// @dev Proposal by alice (`first`), then disputes alternating `second` (griefer) and `first` (bob) until the
    /// question escalates.
    function escalate(uint256 first, uint256 second) internal {
        proposeAs(alice, first);
        for (uint256 r = 1; r <= ROUNDS; ++r) {
            disputeAs(r % 2 == 1 ? griefer : bob, r % 2 == 1 ? second : first);
        }
    }

    /// @dev Two of the three members vote `valueWad`: the committee answers.
    function resolve(uint256 valueWad) internal {
        vm.prank(members[0]);
        committee.vote(USD, MATURITY, valueWad);
        vm.prank(members[1]);
        committee.vote(USD, MATURITY, valueWad);
    }

    function q() internal view returns (QuestionView memory) {
        return slow.question(USD, MATURITY);
    }

    function isFinal() internal view returns (bool f) {
        (f,) = slow.finalValue(USD, MATURITY);
    }

    function finalWad() internal view returns (uint256 v) {
        bool f;
        (f, v) = slow.finalValue(USD, MATURITY);
        assertTrue(f, "not final");
    }

    function closesAt() internal view returns (uint256) {
        return q().answeredAt + WINDOW;
    }
}

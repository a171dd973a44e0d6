// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IIndexOracle} from "../../../src/interfaces/IIndexOracle.sol";
import {PayoffLib} from "../../../src/libraries/PayoffLib.sol";
import {PNToken} from "../../../src/tokens/PNToken.sol";
import {SeriesId, SeriesKey} from "../../../src/types/SeriesKey.sol";
import {OracleBaseTest} from "../utils/OracleBaseTest.sol";

/// @notice A series on the slow oracle, end to end: a wrong proposal is disputed, the correct value becomes final,
/// the series settles on it, holders redeem, bonds are paid.
contract EndToEndScenarioTest is OracleBaseTest {
    SeriesKey internal slowKey;
    SeriesId internal slowId;
    PNToken internal p;
    PNToken internal n;

    function setUp() public override {
        super.setUp();
        slowKey = key;
        slowKey.oracle = IIndexOracle(address(slow));
        (slowId, p, n) = createSeries(slowKey);
    }

    function testWrongProposalDisputedThenSettled(uint256 amount) public {
        amount = bound(amount, 1, 1e27);
        splitAs(alice, slowKey, amount);
        vm.prank(alice);
        assertTrue(p.transfer(carol, amount)); // carol holds P, alice holds N

        proposeAs(griefer, WRONG);
        disputeAs(bob, TRUTH);
        vm.warp(closesAt());
        assertEq(core.settle(slowKey), TRUTH, "settled on the disputed-in truth");

        vm.prank(carol);
        uint256 pPaid = core.redeemToETH(slowKey, amount, 0, payable(carol));
        vm.prank(alice);
        uint256 nPaid = core.redeem(slowKey, 0, amount, alice);
        assertEq(pPaid, PayoffLib.pPayout(amount, slowKey.strikeWad, TRUTH), "P at the truth");
        assertEq(nPaid, PayoffLib.nPayout(amount, slowKey.strikeWad, TRUTH), "N at the truth");
        assertEq(carol.balance, pPaid, "P paid in ETH");

        slow.finalize(USD, MATURITY);
        vm.prank(bob);
        slow.withdraw();
        slow.withdrawSink();
        assertEq(bob.balance, 2 * uint256(BOND) + uint256(BOND) / 2, "disputer: bond + half the wrong bond");
        assertEq(sink.balance, uint256(BOND) / 2, "sink: the other half");
        assertEq(slow.credits(griefer), 0, "wrong proposer: nothing");
        assertEq(address(slow).balance, 0, "oracle empty");
    }

    /// @dev Escalated all the way; the committee answers the truth; every series on (USD, MATURITY) settles on it.
    function testEscalatedThenArbitratedSettlesEverySeries() public {
        SeriesKey memory other = slowKey;
        other.strikeWad = 3000e18;
        createSeries(other);
        escalate(TRUTH, WRONG);
        resolve(TRUTH);
        assertEq(core.settle(slowKey), TRUTH);
        assertEq(core.settle(other), TRUTH);
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IIndexOracle} from "../../../src/interfaces/IIndexOracle.sol";
import {IPNCore} from "../../../src/interfaces/IPNCore.sol";
import {ISlowOracle} from "../../../src/interfaces/ISlowOracle.sol";
import {PayoffLib} from "../../../src/libraries/PayoffLib.sol";
import {PNToken} from "../../../src/tokens/PNToken.sol";
import {SeriesId, SeriesKey} from "../../../src/types/SeriesKey.sol";
import {OracleBaseTest} from "../utils/OracleBaseTest.sol";

/// @notice The arbiter is dead. After the arbitration deadline the latest answer is final, the real PNCore
/// settles on it, P and N holders redeem, every bond is returned: nothing is stuck, in the core or the oracle.
contract LivenessFallbackScenarioTest is OracleBaseTest {
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

    function testLivenessFallbackSettlesAndRedeems(uint256 amount) public {
        amount = bound(amount, 1e6, 1e27);
        splitAs(alice, slowKey, amount);
        vm.prank(alice);
        assertTrue(n.transfer(carol, amount)); // alice holds P, carol holds N

        escalate(TRUTH, WRONG); // the committee never votes
        uint256 deadline = slow.arbitrationDeadline(USD, MATURITY);
        vm.warp(deadline - 1);
        vm.expectRevert(abi.encodeWithSelector(IPNCore.OracleNotFinal.selector, slowId, address(slow)));
        core.settle(slowKey);

        vm.warp(deadline);
        assertEq(core.settle(slowKey), TRUTH, "settled on the fallback value (the latest answer)");

        _redeemBoth(amount);

        vm.expectEmit(address(slow));
        emit ISlowOracle.Finalized(USD, MATURITY, TRUTH, true);
        slow.finalize(USD, MATURITY);
        address[3] memory answerers = [alice, griefer, bob];
        for (uint256 i; i < answerers.length; ++i) {
            vm.prank(answerers[i]);
            slow.withdraw();
        }
        assertEq(address(slow).balance, 0, "oracle: every bond returned");
        assertEq(slow.credits(sink), 0, "nothing sunk");
        assertEq(griefer.balance, 10 * uint256(BOND), "no one was proven wrong, the griefer included");
    }

    /// @dev alice redeems her P, carol her N, each at the exact payoff; the core keeps at most 1 wei of dust.
    function _redeemBoth(uint256 amount) internal {
        vm.prank(alice);
        assertEq(core.redeem(slowKey, amount, 0, alice), PayoffLib.pPayout(amount, slowKey.strikeWad, TRUTH), "P");
        vm.prank(carol);
        assertEq(core.redeem(slowKey, 0, amount, carol), PayoffLib.nPayout(amount, slowKey.strikeWad, TRUTH), "N");
        assertLe(weth.balanceOf(address(core)), 1, "core: at most 1 wei of dust");
    }

    /// @dev Safety without the arbiter rests on bonds: if the griefer posts the last dispute, its value stands.
    /// Honest parties prevent that by restating the truth in time (bob does in the default game).
    function testLivenessFallbackLatestAnswerWins() public {
        proposeAs(alice, TRUTH);
        for (uint256 r = 1; r <= ROUNDS; ++r) {
            disputeAs(r % 2 == 1 ? bob : griefer, r % 2 == 1 ? OTHER : WRONG);
        }
        vm.warp(slow.arbitrationDeadline(USD, MATURITY));
        assertEq(finalWad(), WRONG, "the last disputer's value");
    }
}

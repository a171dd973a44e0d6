// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IIndexOracle} from "../../../src/interfaces/IIndexOracle.sol";
import {IPNCore} from "../../../src/interfaces/IPNCore.sol";
import {SeriesId, SeriesKey} from "../../../src/types/SeriesKey.sol";
import {OracleBaseTest} from "../utils/OracleBaseTest.sol";

/// @notice `finalValue`: lazy finality (no `finalize` needed), every path, every edge second.
contract FinalValueIntegrationTest is OracleBaseTest {
    SeriesKey internal slowKey;
    SeriesId internal slowId;

    function setUp() public override {
        super.setUp();
        slowKey = key;
        slowKey.oracle = IIndexOracle(address(slow));
        (slowId,,) = createSeries(slowKey);
    }

    function _assertNotFinal(string memory why) internal view {
        (bool f, uint256 x) = slow.finalValue(USD, MATURITY);
        assertFalse(f, why);
        assertEq(x, 0, "a value before finality");
    }

    function testFinalValueNone(bytes32 indexId, uint256 timestamp) public view {
        (bool f, uint256 x) = slow.finalValue(indexId, timestamp);
        assertFalse(f);
        assertEq(x, 0);
    }

    /// @dev OR-2: not final while the window is open, final from its last second + 1 on, without `finalize`.
    function testFinalValueProposed(uint256 elapsed) public {
        elapsed = bound(elapsed, 0, 10 * WINDOW);
        proposeAs(alice, TRUTH);
        uint256 t0 = block.timestamp;
        vm.warp(t0 + elapsed);
        if (elapsed < WINDOW) _assertNotFinal("final inside the window");
        else assertEq(finalWad(), TRUTH);
    }

    function testFinalValueWindowEdges() public {
        proposeAs(alice, TRUTH);
        vm.warp(closesAt() - 1);
        _assertNotFinal("final at the window's last second");
        vm.warp(closesAt());
        assertEq(finalWad(), TRUTH, "final once closed");
    }

    function testFinalValueEscalated(uint256 elapsed) public {
        elapsed = bound(elapsed, 0, 2 * ARBITRATION);
        escalate(TRUTH, WRONG);
        vm.warp(block.timestamp + elapsed);
        if (elapsed < ARBITRATION) _assertNotFinal("final while the arbiter may answer");
        else assertEq(finalWad(), TRUTH, "fallback: the latest answer");
    }

    function testFinalValueArbitratedAtOnce(uint256 elapsed) public {
        elapsed = bound(elapsed, 0, ARBITRATION - 1);
        escalate(WRONG, TRUTH); // the latest answer is WRONG; the committee picks a third value
        vm.warp(block.timestamp + elapsed);
        resolve(OTHER);
        assertEq(finalWad(), OTHER, "the arbiter's value");
        vm.warp(block.timestamp + 2 * ARBITRATION);
        assertEq(finalWad(), OTHER, "OR-3: still the arbiter's after the deadline");
    }

    /// @dev OR-3: finalizing changes nothing for readers.
    function testFinalValueAfterFinalize() public {
        proposeAs(alice, WRONG);
        disputeAs(bob, TRUTH);
        vm.warp(closesAt());
        uint256 before = finalWad();
        slow.finalize(USD, MATURITY);
        assertEq(finalWad(), before);
        vm.warp(block.timestamp + 365 days);
        assertEq(finalWad(), before);
    }

    /// @dev The core settles on the lazy answer: nobody has called `finalize`.
    function testFinalValueSettlesCoreWithoutFinalize(uint256 amount) public {
        amount = bound(amount, 1, 1e30);
        splitAs(alice, slowKey, amount);
        vm.warp(MATURITY);
        vm.expectRevert(abi.encodeWithSelector(IPNCore.OracleNotFinal.selector, slowId, address(slow)));
        core.settle(slowKey);
        proposeAs(carol, TRUTH);
        vm.warp(closesAt() - 1);
        vm.expectRevert(abi.encodeWithSelector(IPNCore.OracleNotFinal.selector, slowId, address(slow)));
        core.settle(slowKey);
        vm.warp(closesAt());
        assertEq(core.settle(slowKey), TRUTH, "settled on the proposal");
        assertEq(uint8(q().status), 1, "still Proposed: no finalize was needed");
    }
}

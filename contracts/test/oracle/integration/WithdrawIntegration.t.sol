// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ISlowOracle} from "../../../src/interfaces/ISlowOracle.sol";
import {SlowOracle} from "../../../src/oracle/SlowOracle.sol";
import {ReentrantReceiver, RejectingReceiver} from "../mocks/OracleMocks.sol";
import {OracleBaseTest} from "../utils/OracleBaseTest.sol";
import {SafeTransferLib} from "solady/utils/SafeTransferLib.sol";

contract WithdrawIntegrationTest is OracleBaseTest {
    /// @dev alice's WRONG is disputed by `winner` with TRUTH, which stands: the winner is owed 2.5 B, the sink 0.5 B.
    function _settleAgainst(address winner) internal {
        proposeAs(alice, WRONG);
        disputeAs(winner, TRUTH);
        vm.warp(block.timestamp + WINDOW);
        slow.finalize(USD, MATURITY);
    }

    /*//////////////////////////////////////////////////////////////
                                REVERTS
    //////////////////////////////////////////////////////////////*/

    function testWithdrawNothingToWithdraw(address account) public {
        vm.prank(account);
        vm.expectRevert(abi.encodeWithSelector(ISlowOracle.NothingToWithdraw.selector, account));
        slow.withdraw();
    }

    /// @dev A wrong answerer is owed nothing, and a question that is not finalized has credited nobody.
    function testWithdrawNothingForWrongOrUnsettled() public {
        proposeAs(alice, WRONG);
        disputeAs(bob, TRUTH);
        vm.warp(block.timestamp + WINDOW);
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(ISlowOracle.NothingToWithdraw.selector, bob));
        slow.withdraw(); // final, but not finalized
        slow.finalize(USD, MATURITY);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(ISlowOracle.NothingToWithdraw.selector, alice));
        slow.withdraw();
    }

    function testWithdrawSinkNothingToWithdraw(address caller) public {
        vm.prank(caller);
        vm.expectRevert(abi.encodeWithSelector(ISlowOracle.NothingToWithdraw.selector, sink));
        slow.withdrawSink();
    }

    /// @dev A recipient that rejects ETH cannot withdraw (its credit stays), and it blocks nobody else.
    function testWithdrawRecipientRejects() public {
        RejectingReceiver rejecting = new RejectingReceiver();
        _settleAgainst(address(rejecting));
        vm.expectRevert(SafeTransferLib.ETHTransferFailed.selector);
        rejecting.withdrawFrom(slow);
        assertEq(slow.credits(address(rejecting)), 2.5 ether / 10, "credit kept");
        slow.withdrawSink();
        assertEq(sink.balance, 0.05 ether, "others unaffected");
    }

    /*//////////////////////////////////////////////////////////////
                                EFFECTS
    //////////////////////////////////////////////////////////////*/

    function testWithdraw(address winner) public {
        vm.assume(winner.code.length == 0 && uint160(winner) > 0x10000 && winner != alice && winner != sink);
        vm.assume(winner != address(vm) && winner != address(slow));
        _settleAgainst(winner);
        uint256 owed = 2 * uint256(BOND) + uint256(BOND) / 2;
        uint256 before = winner.balance;

        vm.expectEmit(address(slow));
        emit ISlowOracle.Withdrawn(winner, owed);
        vm.prank(winner);
        slow.withdraw();

        assertEq(winner.balance - before, owed, "paid");
        assertEq(slow.credits(winner), 0, "credit cleared");
        assertEq(address(slow).balance, uint256(BOND) / 2, "the sink's part stays until withdrawn");
        vm.prank(winner);
        vm.expectRevert(abi.encodeWithSelector(ISlowOracle.NothingToWithdraw.selector, winner));
        slow.withdraw();
    }

    /// @dev Credits from several questions add up and leave in one withdrawal.
    function testWithdrawAccumulates(uint256 count) public {
        count = bound(count, 1, 10);
        vm.warp(MATURITY + 1);
        for (uint256 i; i < count; ++i) {
            proposeOn(USD, MATURITY - i, bob, TRUTH);
        }
        vm.warp(block.timestamp + WINDOW);
        for (uint256 i; i < count; ++i) {
            slow.finalize(USD, MATURITY - i);
        }
        assertEq(slow.credits(bob), count * BOND);
        vm.prank(bob);
        slow.withdraw();
        assertEq(bob.balance, count * BOND);
        assertEq(address(slow).balance, 0);
    }

    /// @dev Reentering `withdraw` from the receive hook is refused; the outer withdrawal pays exactly once.
    function testWithdrawReentrancy() public {
        ReentrantReceiver reentrant = new ReentrantReceiver(slow);
        _settleAgainst(address(reentrant));
        reentrant.withdraw();
        assertTrue(reentrant.reentryReverted(), "reentry refused");
        assertEq(address(reentrant).balance, 2 * uint256(BOND) + uint256(BOND) / 2, "paid once");
        assertEq(slow.credits(address(reentrant)), 0);
    }

    /// @dev Anyone pushes the sink's credits to the sink.
    function testWithdrawSink(address caller) public {
        _settleAgainst(bob);
        vm.expectEmit(address(slow));
        emit ISlowOracle.Withdrawn(sink, uint256(BOND) / 2);
        vm.prank(caller);
        slow.withdrawSink();
        assertEq(sink.balance, uint256(BOND) / 2, "sink paid");
        assertEq(slow.credits(sink), 0, "sink credit cleared");
    }

    /// @dev A sink that rejects ETH is paid by force: it cannot leave its share in the oracle.
    function testWithdrawSinkForcedOnRejectingSink() public {
        RejectingReceiver rejecting = new RejectingReceiver();
        slow = new SlowOracle(address(rejecting));
        slow.registerIndex(USD, config);
        _settleAgainst(bob);
        slow.withdrawSink();
        assertEq(address(rejecting).balance, uint256(BOND) / 2, "forced");
        assertEq(address(slow).balance, 2 * uint256(BOND) + uint256(BOND) / 2, "bob's credit left");
    }

    /// @dev The sink may also withdraw its own credits like any account.
    function testWithdrawBySink() public {
        _settleAgainst(bob);
        vm.prank(sink);
        slow.withdraw();
        assertEq(sink.balance, uint256(BOND) / 2);
    }
}

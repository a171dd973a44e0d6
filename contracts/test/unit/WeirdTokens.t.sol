// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IPNCore} from "../../src/interfaces/IPNCore.sol";
import {PNToken} from "../../src/tokens/PNToken.sol";
import {SeriesId, SeriesKey} from "../../src/types/SeriesKey.sol";
import {FalseReturningToken} from "../mocks/FalseReturningToken.sol";
import {FeeOnTransferToken} from "../mocks/FeeOnTransferToken.sol";
import {NoDecimalsToken} from "../mocks/NoDecimalsToken.sol";
import {NoReturnToken} from "../mocks/NoReturnToken.sol";
import {ReentrantToken} from "../mocks/ReentrantToken.sol";
import {RoundingRebaseToken} from "../mocks/RoundingRebaseToken.sol";
import {BaseTest} from "../utils/BaseTest.sol";
import {ReentrancyGuardTransient} from "solady/utils/ReentrancyGuardTransient.sol";
import {SafeTransferLib} from "solady/utils/SafeTransferLib.sol";

/// @notice The core against collateral tokens that deviate from plain ERC-20: the ones it must reject, the ones
/// it must work with, and the ones that try to re-enter it.
contract WeirdTokensTest is BaseTest {
    uint256 internal constant MAX = type(uint128).max;

    /*//////////////////////////////////////////////////////////////
                          REJECTED AT SPLIT
    //////////////////////////////////////////////////////////////*/

    function testFeeOnTransferRejected(uint256 amount) public {
        amount = bound(amount, 1, MAX);
        FeeOnTransferToken fee = new FeeOnTransferToken();
        (SeriesKey memory k, SeriesId sid) = _seriesOn(address(fee));
        fee.mint(alice, amount);
        vm.prank(alice);
        fee.approve(address(core), amount);

        uint256 received = amount - fee.feeOf(amount);
        vm.prank(alice);
        vm.expectRevert(
            abi.encodeWithSelector(IPNCore.CollateralTransferMismatch.selector, address(fee), amount, received)
        );
        core.split(k, amount, alice);
        _assertEmpty(sid, alice);
    }

    /// @dev The stETH corner case: the core is credited 1 wei less than it pulled.
    function testRoundingRebaseRejected(uint256 amount) public {
        amount = bound(amount, 1, MAX);
        RoundingRebaseToken rebase = new RoundingRebaseToken();
        (SeriesKey memory k, SeriesId sid) = _seriesOn(address(rebase));
        rebase.mint(alice, amount);
        vm.prank(alice);
        rebase.approve(address(core), amount);

        vm.prank(alice);
        vm.expectRevert(
            abi.encodeWithSelector(IPNCore.CollateralTransferMismatch.selector, address(rebase), amount, amount - 1)
        );
        core.split(k, amount, alice);
        _assertEmpty(sid, alice);
    }

    function testFalseReturningTransferFromRejected(uint256 amount) public {
        amount = bound(amount, 1, MAX);
        FalseReturningToken falsy = new FalseReturningToken();
        (SeriesKey memory k, SeriesId sid) = _seriesOn(address(falsy));
        falsy.mint(alice, amount);
        vm.prank(alice);
        falsy.approve(address(core), amount);
        falsy.setFailing(true);

        vm.prank(alice);
        vm.expectRevert(SafeTransferLib.TransferFromFailed.selector);
        core.split(k, amount, alice);
        _assertEmpty(sid, alice);
    }

    /// @dev A token that starts answering `false` stops payouts; the holder keeps the pair and can retry.
    function testFalseReturningTransferStopsPayouts(uint256 amount) public {
        amount = bound(amount, 2, MAX); // so the redemption below pays at least 1 wei
        FalseReturningToken falsy = new FalseReturningToken();
        (SeriesKey memory k, SeriesId sid) = _seriesOn(address(falsy));
        falsy.mint(alice, amount);
        vm.startPrank(alice);
        falsy.approve(address(core), amount);
        core.split(k, amount, alice);
        vm.stopPrank();
        falsy.setFailing(true);

        vm.prank(alice);
        vm.expectRevert(SafeTransferLib.TransferFailed.selector);
        core.merge(k, amount, alice);

        vm.warp(MATURITY);
        oracle.report(USD, MATURITY, 3000 * WAD);
        core.settle(k);
        vm.prank(alice);
        vm.expectRevert(SafeTransferLib.TransferFailed.selector);
        core.redeem(k, amount, amount, alice);

        (uint256 p, uint256 n) = core.balancesOf(sid, alice);
        assertEq(p, amount, "P kept");
        assertEq(n, amount, "N kept");

        falsy.setFailing(false);
        vm.prank(alice);
        core.merge(k, amount, alice);
        assertEq(falsy.balanceOf(alice), amount, "paid once the token works");
    }

    /*//////////////////////////////////////////////////////////////
                            ACCEPTED TOKENS
    //////////////////////////////////////////////////////////////*/

    /// @dev USDT-style tokens that return nothing go through a whole life cycle.
    function testNoReturnTokenWorks(uint256 amount, uint256 merged, uint256 xWad) public {
        amount = bound(amount, 1, MAX);
        merged = bound(merged, 0, amount);
        xWad = bound(xWad, 1, MAX);
        NoReturnToken usdt = new NoReturnToken();
        (SeriesKey memory k, SeriesId sid) = _seriesOn(address(usdt));
        usdt.mint(alice, amount);
        vm.startPrank(alice);
        usdt.approve(address(core), amount);
        core.split(k, amount, alice);
        if (merged > 0) core.merge(k, merged, alice);
        vm.stopPrank();
        assertEq(usdt.balanceOf(address(core)), amount - merged, "core holds the rest");

        vm.warp(MATURITY);
        oracle.report(USD, MATURITY, xWad);
        core.settle(k);
        uint256 rest = amount - merged;
        if (rest > 0) {
            vm.prank(alice);
            uint256 payout = core.redeem(k, rest, rest, alice);
            assertEq(usdt.balanceOf(alice), merged + payout, "alice paid");
        }
        assertEq(usdt.balanceOf(address(core)), core.collateralOf(sid), "core holds exactly the remainder");
        assertLe(core.collateralOf(sid), 1, "dust");
    }

    function testNoReturnTokenFailureStillReverts(uint256 amount) public {
        amount = bound(amount, 1, MAX);
        NoReturnToken usdt = new NoReturnToken();
        (SeriesKey memory k,) = _seriesOn(address(usdt));
        usdt.mint(alice, amount); // but no approval
        vm.prank(alice);
        vm.expectRevert(SafeTransferLib.TransferFromFailed.selector);
        core.split(k, amount, alice);
    }

    /*//////////////////////////////////////////////////////////////
                              DECIMALS
    //////////////////////////////////////////////////////////////*/

    function testDecimalsFromCollateral() public {
        (, PNToken p, PNToken n) = createSeries(keyOf(address(new NoReturnToken()), 1500 * WAD, MATURITY));
        assertEq(p.decimals(), 6);
        assertEq(n.decimals(), 6);
    }

    function testMissingDecimalsDefaultsTo18() public {
        NoDecimalsToken bare = new NoDecimalsToken();
        (SeriesKey memory k,) = _seriesOn(address(bare));
        (address p, address n) = core.tokensOf(k);
        assertEq(PNToken(p).decimals(), 18);
        assertEq(PNToken(n).decimals(), 18);

        // The series itself works normally.
        bare.mint(alice, 1 ether);
        vm.startPrank(alice);
        bare.approve(address(core), 1 ether);
        core.split(k, 1 ether, alice);
        core.merge(k, 1 ether, alice);
        vm.stopPrank();
        assertEq(bare.balanceOf(alice), 1 ether);
    }

    function testOutOfRangeDecimalsDefaultsTo18() public {
        (SeriesKey memory k,) = _seriesOn(address(new HugeDecimalsToken()));
        (address p,) = core.tokensOf(k);
        assertEq(PNToken(p).decimals(), 18);
    }

    /*//////////////////////////////////////////////////////////////
                              REENTRANCY
    //////////////////////////////////////////////////////////////*/

    function testReentrantSplitDuringSplitBlocked(uint256 amount) public {
        amount = bound(amount, 1, MAX);
        (ReentrantToken ree, SeriesKey memory k, SeriesId sid) = _reentrantSeries();
        _fund(ree, alice, amount);
        ree.mint(address(ree), 1);
        ree.arm(address(core), abi.encodeCall(IPNCore.split, (k, 1, address(ree))));

        vm.prank(alice);
        core.split(k, amount, alice);

        _assertReentryBlocked(ree);
        (uint256 pSupply,) = core.suppliesOf(sid);
        assertEq(pSupply, amount, "only the outer split minted");
        assertEq(ree.balanceOf(address(core)), amount, "core holds the outer split");
    }

    /// @dev The outer split credits its recipient before pulling collateral; the recipient (here the token) must
    /// not be able to merge that pair against collateral already in the core before paying for it.
    function testReentrantMergeDuringSplitBlocked(uint256 amount) public {
        amount = bound(amount, 1, MAX / 2);
        (ReentrantToken ree, SeriesKey memory k, SeriesId sid) = _reentrantSeries();
        _fund(ree, bob, amount);
        vm.prank(bob);
        core.split(k, amount, bob); // collateral a thief would drain
        _fund(ree, alice, amount);
        ree.arm(address(core), abi.encodeCall(IPNCore.merge, (k, amount, address(ree))));

        vm.prank(alice);
        core.split(k, amount, address(ree));

        _assertReentryBlocked(ree);
        assertEq(core.collateralOf(sid), 2 * amount, "collateral intact");
        assertEq(ree.balanceOf(address(core)), 2 * amount, "core holds both splits");
    }

    function testReentrantMergeDuringMergeBlocked(uint256 amount) public {
        amount = bound(amount, 1, MAX / 2);
        (ReentrantToken ree, SeriesKey memory k, SeriesId sid) = _reentrantSeries();
        _fund(ree, alice, 2 * amount);
        vm.startPrank(alice);
        core.split(k, amount, alice);
        core.split(k, amount, address(ree));
        vm.stopPrank();
        ree.arm(address(core), abi.encodeCall(IPNCore.merge, (k, amount, address(ree))));

        vm.prank(alice);
        core.merge(k, amount, alice);

        _assertReentryBlocked(ree);
        assertEq(core.collateralOf(sid), amount, "only the outer merge paid");
    }

    function testReentrantRedeemDuringRedeemBlocked(uint256 amount, uint256 xWad) public {
        amount = bound(amount, 1, MAX / 2);
        xWad = bound(xWad, 1, MAX);
        (ReentrantToken ree, SeriesKey memory k, SeriesId sid) = _reentrantSeries();
        _fund(ree, alice, 2 * amount);
        vm.startPrank(alice);
        core.split(k, amount, alice);
        core.split(k, amount, address(ree));
        vm.stopPrank();
        vm.warp(MATURITY);
        oracle.report(USD, MATURITY, xWad);
        core.settle(k);
        ree.arm(address(core), abi.encodeCall(IPNCore.redeem, (k, amount, amount, address(ree))));

        vm.prank(alice);
        uint256 payout = core.redeem(k, amount, amount, alice);

        // The hook runs only if the outer redemption pays something.
        if (payout > 0) _assertReentryBlocked(ree);
        assertEq(core.collateralOf(sid), 2 * amount - payout, "only the outer redemption paid");
    }

    /// @dev P and N balances cannot move while the core is mid-operation either: token transfers go through the
    /// core's guarded ledger hook.
    function testReentrantTokenTransferDuringSplitBlocked(uint256 amount) public {
        amount = bound(amount, 1, MAX / 2);
        (ReentrantToken ree, SeriesKey memory k, SeriesId sid) = _reentrantSeries();
        _fund(ree, alice, 2 * amount);
        vm.prank(alice);
        core.split(k, amount, address(ree));
        (address p,) = core.tokensOf(k);
        ree.arm(p, abi.encodeCall(PNToken.transfer, (bob, amount)));

        vm.prank(alice);
        core.split(k, amount, alice);

        _assertReentryBlocked(ree);
        (uint256 bobP,) = core.balancesOf(sid, bob);
        assertEq(bobP, 0, "nothing moved");
    }

    /// @dev On chain id 1 Solady's guard uses transient storage instead of a storage slot; it blocks the same way.
    function testReentrancyBlockedWithTransientGuard(uint256 amount) public {
        vm.chainId(1);
        amount = bound(amount, 1, MAX / 2);
        (ReentrantToken ree, SeriesKey memory k,) = _reentrantSeries();
        _fund(ree, alice, amount);
        ree.arm(address(core), abi.encodeCall(IPNCore.split, (k, 1, address(ree))));

        vm.prank(alice);
        core.split(k, amount, alice);
        _assertReentryBlocked(ree);

        // The guard is released afterwards: a fresh call goes through.
        vm.prank(alice);
        core.merge(k, amount, alice);
        assertEq(ree.balanceOf(alice), amount);
    }

    /// @dev LIMITATION (not a loss of funds): a P or N token of this core cannot be the collateral of another of
    /// its series. Pulling it calls `transferFromToken` while `split` holds the guard, so the inner call reverts
    /// with `Reentrancy()` and SafeTransferLib reports `TransferFromFailed()`. The series can be created but never
    /// split.
    function testSeriesTokenAsCollateralCannotBeSplit(uint256 amount) public {
        amount = bound(amount, 1, 1 ether);
        splitAs(alice, key, 1 ether);
        (SeriesKey memory k,) = _seriesOn(address(pToken));
        vm.startPrank(alice);
        pToken.approve(address(core), amount);
        vm.expectRevert(SafeTransferLib.TransferFromFailed.selector);
        core.split(k, amount, alice);
        vm.stopPrank();
    }

    /*//////////////////////////////////////////////////////////////
                                HELPERS
    //////////////////////////////////////////////////////////////*/

    function _seriesOn(address collateral) internal returns (SeriesKey memory k, SeriesId sid) {
        k = keyOf(collateral, 1500 * WAD, MATURITY);
        (sid,,) = createSeries(k);
    }

    function _reentrantSeries() internal returns (ReentrantToken ree, SeriesKey memory k, SeriesId sid) {
        ree = new ReentrantToken();
        (k, sid) = _seriesOn(address(ree));
    }

    function _fund(ReentrantToken ree, address who, uint256 amount) internal {
        ree.mint(who, amount);
        vm.prank(who);
        ree.approve(address(core), type(uint256).max);
    }

    function _assertReentryBlocked(ReentrantToken ree) internal view {
        assertTrue(ree.reentered(), "hook ran");
        assertFalse(ree.reentrySucceeded(), "reentry succeeded");
        assertEq(ree.reentryResult(), abi.encodeWithSelector(ReentrancyGuardTransient.Reentrancy.selector));
    }

    function _assertEmpty(SeriesId sid, address who) internal view {
        (uint256 p, uint256 n) = core.balancesOf(sid, who);
        (uint256 pSupply, uint256 nSupply) = core.suppliesOf(sid);
        assertEq(p + n + pSupply + nSupply, 0, "nothing minted");
        assertEq(core.collateralOf(sid), 0, "no collateral");
    }
}

/// @dev Reports 300 decimals, which no uint8 holds.
contract HugeDecimalsToken {
    function decimals() external pure returns (uint256) {
        return 300;
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IPNCore} from "../../src/interfaces/IPNCore.sol";
import {PairLib} from "../../src/libraries/PairLib.sol";
import {SeriesId, SeriesKey} from "../../src/types/SeriesKey.sol";
import {BaseTest} from "../utils/BaseTest.sol";
import {IERC20} from "forge-std/interfaces/IERC20.sol";
import {SafeTransferLib} from "solady/utils/SafeTransferLib.sol";

contract SplitIntegrationTest is BaseTest {
    uint256 internal constant MAX_AMOUNT = type(uint128).max;

    /*//////////////////////////////////////////////////////////////
                                REVERTS
    //////////////////////////////////////////////////////////////*/

    function testSplitZeroAmount(address to) public {
        vm.prank(alice);
        vm.expectRevert(IPNCore.ZeroAmount.selector);
        core.split(key, 0, to);
    }

    function testSplitZeroRecipient(uint256 amount) public {
        amount = bound(amount, 1, MAX_AMOUNT);
        fundWeth(alice, amount);
        vm.prank(alice);
        vm.expectRevert(IPNCore.ZeroAddress.selector);
        core.split(key, amount, address(0));
    }

    function testSplitSeriesNotFound(uint128 strikeWad, uint256 amount) public {
        vm.assume(strikeWad != key.strikeWad);
        amount = bound(amount, 1, MAX_AMOUNT);
        SeriesKey memory missing = keyOf(address(weth), strikeWad, MATURITY);
        SeriesId missingId = core.seriesId(missing);
        fundWeth(alice, amount);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IPNCore.SeriesNotFound.selector, missingId));
        core.split(missing, amount, alice);
    }

    function testSplitSeriesMatured(uint256 elapsed, uint256 amount) public {
        elapsed = bound(elapsed, 0, 10 * 365 days);
        amount = bound(amount, 1, MAX_AMOUNT);
        fundWeth(alice, amount);
        vm.warp(MATURITY + elapsed);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IPNCore.SeriesMatured.selector, id, MATURITY));
        core.split(key, amount, alice);
    }

    function testSplitSeriesMaturedNative(uint256 amount) public {
        amount = bound(amount, 1, MAX_AMOUNT);
        vm.deal(alice, amount);
        vm.warp(MATURITY);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IPNCore.SeriesMatured.selector, id, MATURITY));
        core.split{value: amount}(key, amount, alice);
    }

    function testSplitAmountBeyondLedger(uint256 amount) public {
        amount = bound(amount, MAX_AMOUNT + 1, type(uint256).max);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IPNCore.AmountOverflow.selector, amount));
        core.split(key, amount, alice);
    }

    function testSplitSupplyOverflow() public {
        splitAs(alice, key, MAX_AMOUNT);
        fundWeth(bob, 1);
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(PairLib.PairOverflow.selector, MAX_AMOUNT + 1, MAX_AMOUNT + 1));
        core.split(key, 1, bob);
    }

    function testSplitWithoutAllowance(uint256 amount) public {
        amount = bound(amount, 1, MAX_AMOUNT);
        vm.deal(alice, amount);
        vm.prank(alice);
        weth.deposit{value: amount}();
        vm.prank(alice);
        vm.expectRevert(SafeTransferLib.TransferFromFailed.selector);
        core.split(key, amount, alice);
    }

    function testSplitInsufficientCollateral(uint256 amount) public {
        amount = bound(amount, 1, MAX_AMOUNT);
        fundWeth(alice, amount - 1);
        vm.prank(alice);
        vm.expectRevert(SafeTransferLib.TransferFromFailed.selector);
        core.split(key, amount, alice);
    }

    function testSplitNativeNotSupported(uint256 amount) public {
        amount = bound(amount, 1, MAX_AMOUNT);
        SeriesKey memory tokenKey = keyOf(address(token), 1500 * WAD, MATURITY);
        createSeries(tokenKey);
        vm.deal(alice, amount);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IPNCore.NativeNotSupported.selector, address(token)));
        core.split{value: amount}(tokenKey, amount, alice);
    }

    function testSplitNativeValueMismatch(uint256 value, uint256 amount) public {
        value = bound(value, 1, MAX_AMOUNT);
        amount = bound(amount, 1, MAX_AMOUNT);
        vm.assume(value != amount);
        vm.deal(alice, value);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IPNCore.NativeValueMismatch.selector, value, amount));
        core.split{value: value}(key, amount, alice);
    }

    /*//////////////////////////////////////////////////////////////
                                EFFECTS
    //////////////////////////////////////////////////////////////*/

    /// @dev ERC-20 path: the core pulls `amount` WETH from the caller and mints the pair to `to`.
    function testSplit(uint256 amount, address to) public {
        amount = bound(amount, 1, MAX_AMOUNT);
        vm.assume(to != address(0) && to != address(core) && to != alice);
        fundWeth(alice, amount);

        vm.expectEmit(address(core));
        emit IPNCore.Split(id, alice, to, amount);
        vm.expectEmit(address(weth));
        emit IERC20.Transfer(alice, address(core), amount);
        vm.expectEmit(address(pToken));
        emit IERC20.Transfer(address(0), to, amount);
        vm.expectEmit(address(nToken));
        emit IERC20.Transfer(address(0), to, amount);
        vm.prank(alice);
        core.split(key, amount, to);

        _assertPair(to, amount, amount);
        _assertPair(alice, 0, 0);
        _assertSeries(amount);
        assertEq(weth.balanceOf(alice), 0, "caller WETH");
        assertEq(pToken.balanceOf(to), amount, "P token balance");
        assertEq(nToken.balanceOf(to), amount, "N token balance");
        assertEq(pToken.totalSupply(), amount, "P token supply");
        assertEq(nToken.totalSupply(), amount, "N token supply");
    }

    /// @dev Native path: the core wraps `msg.value`, needs no approval, and keeps no ETH.
    function testSplitNative(uint256 amount, address to) public {
        amount = bound(amount, 1, MAX_AMOUNT);
        vm.assume(to != address(0) && to != address(core));
        vm.deal(alice, amount);

        vm.expectEmit(address(core));
        emit IPNCore.Split(id, alice, to, amount);
        vm.expectEmit(address(pToken));
        emit IERC20.Transfer(address(0), to, amount);
        vm.expectEmit(address(nToken));
        emit IERC20.Transfer(address(0), to, amount);
        vm.prank(alice);
        core.split{value: amount}(key, amount, to);

        _assertPair(to, amount, amount);
        _assertSeries(amount);
        assertEq(alice.balance, 0, "caller ETH");
        assertEq(address(core).balance, 0, "core ETH");
        assertEq(weth.allowance(alice, address(core)), 0, "no approval used");
    }

    function testSplitAccumulates(uint256 first, uint256 second) public {
        first = bound(first, 1, MAX_AMOUNT - 1);
        second = bound(second, 1, MAX_AMOUNT - first);
        fundWeth(alice, first);
        vm.deal(bob, second);

        vm.prank(alice);
        core.split(key, first, alice);
        vm.prank(bob);
        core.split{value: second}(key, second, alice);

        _assertPair(alice, first + second, first + second);
        _assertPair(bob, 0, 0);
        _assertSeries(first + second);
    }

    function testSplitJustBeforeMaturity(uint256 amount) public {
        amount = bound(amount, 1, MAX_AMOUNT);
        vm.warp(MATURITY - 1);
        splitAs(alice, key, amount);
        _assertPair(alice, amount, amount);
        _assertSeries(amount);
    }

    /// @dev Splitting is per series: another series on the same collateral is untouched.
    function testSplitIsolatedPerSeries(uint256 amount) public {
        amount = bound(amount, 1, MAX_AMOUNT);
        (SeriesId other,,) = createSeries(keyOf(address(weth), 2000 * WAD, MATURITY));
        splitAs(alice, key, amount);

        (uint256 pSupply, uint256 nSupply) = core.suppliesOf(other);
        assertEq(pSupply + nSupply, 0, "other supplies");
        assertEq(core.collateralOf(other), 0, "other collateral");
        (uint256 p, uint256 n) = core.balancesOf(other, alice);
        assertEq(p + n, 0, "other balances");
    }

    /*//////////////////////////////////////////////////////////////
                                HELPERS
    //////////////////////////////////////////////////////////////*/

    function _assertPair(address who, uint256 p, uint256 n) internal view {
        (uint256 actualP, uint256 actualN) = core.balancesOf(id, who);
        assertEq(actualP, p, "P balance");
        assertEq(actualN, n, "N balance");
    }

    /// @dev Before settlement: supplies equal, collateral equals supply, and the core holds exactly that WETH.
    function _assertSeries(uint256 supply) internal view {
        (uint256 pSupply, uint256 nSupply) = core.suppliesOf(id);
        assertEq(pSupply, supply, "P supply");
        assertEq(nSupply, supply, "N supply");
        assertEq(core.collateralOf(id), supply, "collateralOf");
        assertEq(weth.balanceOf(address(core)), supply, "core WETH");
    }
}

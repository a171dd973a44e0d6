// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IIndexOracle} from "../../src/interfaces/IIndexOracle.sol";
import {IPNCore} from "../../src/interfaces/IPNCore.sol";
import {PayoffLib} from "../../src/libraries/PayoffLib.sol";
import {SeriesId, SeriesKey} from "../../src/types/SeriesKey.sol";
import {MockOracle} from "../mocks/MockOracle.sol";
import {BaseTest} from "../utils/BaseTest.sol";

contract SettleIntegrationTest is BaseTest {
    uint256 internal constant MAX_X = type(uint128).max;

    MockOracle internal mockOracle;
    SeriesKey internal mKey;
    SeriesId internal mId;

    function setUp() public override {
        super.setUp();
        mockOracle = new MockOracle();
        mKey = keyOf(address(weth), 1500 * WAD, MATURITY);
        mKey.oracle = IIndexOracle(address(mockOracle));
        (mId,,) = createSeries(mKey);
    }

    /*//////////////////////////////////////////////////////////////
                                REVERTS
    //////////////////////////////////////////////////////////////*/

    function testSettleSeriesNotFound(uint128 strikeWad) public {
        vm.assume(strikeWad != mKey.strikeWad);
        SeriesKey memory missing = mKey;
        missing.strikeWad = strikeWad;
        SeriesId missingId = core.seriesId(missing);
        mockOracle.set(true, 2000 * WAD);
        vm.warp(MATURITY);
        vm.expectRevert(abi.encodeWithSelector(IPNCore.SeriesNotFound.selector, missingId));
        core.settle(missing);
    }

    function testSettleNotMatured(uint256 timestamp) public {
        timestamp = bound(timestamp, START, MATURITY - 1);
        mockOracle.set(true, 2000 * WAD);
        vm.warp(timestamp);
        vm.expectRevert(abi.encodeWithSelector(IPNCore.NotMatured.selector, mId, MATURITY));
        core.settle(mKey);
    }

    function testSettleOracleNotFinal(uint256 value) public {
        mockOracle.set(false, value);
        vm.warp(MATURITY);
        vm.expectRevert(abi.encodeWithSelector(IPNCore.OracleNotFinal.selector, mId, address(mockOracle)));
        core.settle(mKey);
    }

    /// @dev The dev oracle has no answer until its reporter posts one.
    function testSettleDevOracleNotReported(uint256 elapsed) public {
        elapsed = bound(elapsed, 0, 10 * 365 days);
        vm.warp(MATURITY + elapsed);
        vm.expectRevert(abi.encodeWithSelector(IPNCore.OracleNotFinal.selector, id, address(oracle)));
        core.settle(key);
    }

    function testSettleZeroValue() public {
        mockOracle.set(true, 0);
        vm.warp(MATURITY);
        vm.expectRevert(abi.encodeWithSelector(IPNCore.InvalidSettlementValue.selector, mId, 0));
        core.settle(mKey);
    }

    function testSettleValueTooLarge(uint256 value) public {
        value = bound(value, MAX_X + 1, type(uint256).max);
        mockOracle.set(true, value);
        vm.warp(MATURITY);
        vm.expectRevert(abi.encodeWithSelector(IPNCore.InvalidSettlementValue.selector, mId, value));
        core.settle(mKey);
    }

    /// @dev x is written once: a second settle reverts even if the oracle's answer has since changed.
    function testSettleAlreadySettled(uint256 first, uint256 second, address caller) public {
        first = bound(first, 1, MAX_X);
        second = bound(second, 1, MAX_X);
        mockOracle.set(true, first);
        vm.warp(MATURITY);
        core.settle(mKey);

        mockOracle.set(true, second);
        vm.prank(caller);
        vm.expectRevert(abi.encodeWithSelector(IPNCore.AlreadySettled.selector, mId, first));
        core.settle(mKey);
        assertEq(core.settlementOf(mId), first, "settlement unchanged");
    }

    /// @dev Still settled once every unit has been redeemed and the series holds nothing.
    function testSettleAlreadySettledAfterFullRedemption(uint256 amount, uint256 xWad) public {
        amount = bound(amount, 1, type(uint128).max);
        xWad = bound(xWad, 1, MAX_X);
        splitAs(alice, mKey, amount);
        mockOracle.set(true, xWad);
        vm.warp(MATURITY);
        core.settle(mKey);
        vm.prank(alice);
        core.redeem(mKey, amount, amount, alice);

        vm.expectRevert(abi.encodeWithSelector(IPNCore.AlreadySettled.selector, mId, xWad));
        core.settle(mKey);
    }

    /*//////////////////////////////////////////////////////////////
                                EFFECTS
    //////////////////////////////////////////////////////////////*/

    function testSettle(uint256 xWad, uint256 amount, uint256 elapsed, address caller) public {
        xWad = bound(xWad, 1, MAX_X);
        amount = bound(amount, 0, type(uint128).max);
        elapsed = bound(elapsed, 0, 10 * 365 days);
        if (amount > 0) splitAs(alice, mKey, amount);
        mockOracle.set(true, xWad);
        vm.warp(MATURITY + elapsed);

        vm.expectCall(address(mockOracle), abi.encodeCall(IIndexOracle.finalValue, (USD, MATURITY)), 1);
        vm.expectEmit(address(core));
        emit IPNCore.Settle(mId, caller, xWad);
        vm.prank(caller);
        uint256 returned = core.settle(mKey);

        assertEq(returned, xWad, "returned x");
        assertEq(core.settlementOf(mId), xWad, "settlementOf");
        assertEq(core.collateralOf(mId), amount, "collateral = outstanding pairs");
        (uint256 pSupply, uint256 nSupply) = core.suppliesOf(mId);
        assertEq(pSupply, amount, "P supply");
        assertEq(nSupply, amount, "N supply");
        (uint256 p, uint256 n) = core.balancesOf(mId, alice);
        assertEq(p, amount, "P balance");
        assertEq(n, amount, "N balance");
        assertEq(weth.balanceOf(address(core)), amount, "core WETH");
    }

    function testSettleWithDevOracle(uint256 xWad) public {
        xWad = bound(xWad, 1, MAX_X);
        vm.warp(MATURITY);
        oracle.report(USD, MATURITY, xWad);
        assertEq(core.settle(key), xWad);
        assertEq(core.settlementOf(id), xWad);
    }

    function testSettleBounds() public {
        SeriesKey memory other = mKey;
        other.strikeWad = 1;
        (SeriesId otherId,,) = createSeries(other);

        vm.warp(MATURITY);
        mockOracle.set(true, MAX_X);
        assertEq(core.settle(mKey), MAX_X, "largest x");
        mockOracle.set(true, 1);
        assertEq(core.settle(other), 1, "smallest x");
        assertEq(core.settlementOf(otherId), 1);
    }

    /// @dev Settlement is per series: a sibling on the same oracle and index stays unsettled.
    function testSettleIsolatedPerSeries(uint256 xWad) public {
        xWad = bound(xWad, 1, MAX_X);
        SeriesKey memory sibling = mKey;
        sibling.strikeWad = 2000e18;
        (SeriesId siblingId,,) = createSeries(sibling);
        mockOracle.set(true, xWad);
        vm.warp(MATURITY);
        core.settle(mKey);
        assertEq(core.settlementOf(siblingId), 0, "sibling unsettled");
    }

    /// @dev Redemption pays on the stored x, not on whatever the oracle says later.
    function testSettleStoredValueUsedByRedeem(uint256 amount, uint256 first, uint256 second) public {
        amount = bound(amount, 1, type(uint128).max);
        first = bound(first, 1, MAX_X);
        second = bound(second, 1, MAX_X);
        splitAs(alice, mKey, amount);
        mockOracle.set(true, first);
        vm.warp(MATURITY);
        core.settle(mKey);
        mockOracle.set(true, second);

        vm.prank(alice);
        uint256 payout = core.redeem(mKey, amount, 0, alice);
        assertEq(payout, PayoffLib.pPayout(amount, mKey.strikeWad, first));
    }
}

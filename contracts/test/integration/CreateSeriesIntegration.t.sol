// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IIndexOracle} from "../../src/interfaces/IIndexOracle.sol";
import {IPNCore} from "../../src/interfaces/IPNCore.sol";
import {PNToken} from "../../src/tokens/PNToken.sol";
import {SeriesId, SeriesKey, Side} from "../../src/types/SeriesKey.sol";
import {MockOracle} from "../mocks/MockOracle.sol";
import {BaseTest} from "../utils/BaseTest.sol";

contract CreateSeriesIntegrationTest is BaseTest {
    /*//////////////////////////////////////////////////////////////
                                REVERTS
    //////////////////////////////////////////////////////////////*/

    function testCreateSeriesZeroCollateral() public {
        SeriesKey memory k = keyOf(address(0), 1500 * WAD, MATURITY);
        vm.expectRevert(IPNCore.ZeroAddress.selector);
        core.createSeries(k);
    }

    function testCreateSeriesZeroOracle() public {
        SeriesKey memory k = keyOf(address(token), 1500 * WAD, MATURITY);
        k.oracle = IIndexOracle(address(0));
        vm.expectRevert(IPNCore.ZeroAddress.selector);
        core.createSeries(k);
    }

    function testCreateSeriesZeroStrike() public {
        SeriesKey memory k = keyOf(address(token), 0, MATURITY);
        vm.expectRevert(IPNCore.ZeroStrike.selector);
        core.createSeries(k);
    }

    function testCreateSeriesMaturityNotInFuture(uint40 maturity) public {
        maturity = uint40(bound(maturity, 0, block.timestamp));
        SeriesKey memory k = keyOf(address(token), 1500 * WAD, maturity);
        vm.expectRevert(abi.encodeWithSelector(IPNCore.MaturityNotInFuture.selector, maturity, block.timestamp));
        core.createSeries(k);
    }

    function testCreateSeriesCollateralNotContract(address collateral) public {
        vm.assume(collateral != address(0) && collateral.code.length == 0);
        SeriesKey memory k = keyOf(collateral, 1500 * WAD, MATURITY);
        vm.expectRevert(abi.encodeWithSelector(IPNCore.CollateralNotContract.selector, collateral));
        core.createSeries(k);
    }

    function testCreateSeriesExists(address caller) public {
        vm.prank(caller);
        vm.expectRevert(abi.encodeWithSelector(IPNCore.SeriesExists.selector, id));
        core.createSeries(key);
    }

    /*//////////////////////////////////////////////////////////////
                                EFFECTS
    //////////////////////////////////////////////////////////////*/

    function testCreateSeries(address caller, bytes32 indexId, uint128 strikeWad, uint40 maturity, bool onWeth) public {
        strikeWad = uint128(bound(strikeWad, 1, type(uint128).max));
        maturity = uint40(bound(maturity, block.timestamp + 1, type(uint40).max));
        SeriesKey memory k = keyOf(onWeth ? address(weth) : address(token), strikeWad, maturity);
        k.indexId = indexId;
        SeriesId expectedId =
            SeriesId.wrap(keccak256(abi.encodePacked(k.collateral, k.oracle, indexId, strikeWad, maturity)));
        vm.assume(!(expectedId == id));

        (address predictedP, address predictedN) = core.tokensOf(k);
        assertFalse(core.exists(k), "exists before");
        assertEq(predictedP.code.length, 0, "P code before");

        vm.expectEmit(address(core));
        emit IPNCore.SeriesCreated(
            expectedId, k.collateral, indexId, address(oracle), strikeWad, maturity, predictedP, predictedN
        );
        vm.prank(caller);
        (SeriesId created, address p, address n) = core.createSeries(k);

        assertEq(SeriesId.unwrap(created), SeriesId.unwrap(expectedId), "id");
        assertEq(SeriesId.unwrap(core.seriesId(k)), SeriesId.unwrap(expectedId), "seriesId view");
        assertEq(p, predictedP, "P address");
        assertEq(n, predictedN, "N address");
        assertTrue(p != n, "distinct tokens");
        assertTrue(core.exists(k), "exists after");
        assertGt(p.code.length, 0, "P deployed");
        assertGt(n.code.length, 0, "N deployed");

        assertEq(PNToken(p).core(), address(core), "P core");
        assertEq(PNToken(n).core(), address(core), "N core");
        assertEq(uint8(PNToken(p).side()), uint8(Side.P), "P side");
        assertEq(uint8(PNToken(n).side()), uint8(Side.N), "N side");
        assertEq(abi.encode(PNToken(p).seriesKey()), abi.encode(k), "P key");
        assertEq(abi.encode(PNToken(n).seriesKey()), abi.encode(k), "N key");

        (uint256 pSupply, uint256 nSupply) = core.suppliesOf(created);
        assertEq(pSupply, 0, "P supply");
        assertEq(nSupply, 0, "N supply");
        assertEq(core.collateralOf(created), 0, "collateral");
        assertEq(core.settlementOf(created), 0, "settlement");
    }

    /// @dev Every field of the key is part of the id: changing any one of them makes a new series with new tokens.
    function testCreateSeriesEachFieldIsDistinct(uint8 field) public {
        SeriesKey memory k = key;
        field = uint8(bound(field, 0, 4));
        if (field == 0) k.collateral = address(token);
        else if (field == 1) k.oracle = IIndexOracle(address(new MockOracle()));
        else if (field == 2) k.indexId = "EUR";
        else if (field == 3) k.strikeWad = key.strikeWad + 1;
        else k.maturity = key.maturity + 1;

        (SeriesId other, address p, address n) = core.createSeries(k);
        assertTrue(SeriesId.unwrap(other) != SeriesId.unwrap(id), "id");
        assertTrue(p != address(pToken) && p != address(nToken), "P address");
        assertTrue(n != address(pToken) && n != address(nToken), "N address");
        assertTrue(core.exists(key) && core.exists(k), "both exist");
    }

    function testCreateSeriesMaturityJustAfterNow() public {
        SeriesKey memory k = keyOf(address(token), 1500 * WAD, block.timestamp + 1);
        core.createSeries(k);
        assertTrue(core.exists(k));
    }

    function testCreateSeriesDoesNotCallOracleOrCollateral() public {
        // Creation trusts nothing but the collateral having code: it neither calls the oracle nor the collateral.
        SeriesKey memory k = keyOf(address(token), 1500 * WAD, MATURITY);
        vm.expectCall(address(oracle), "", 0);
        vm.expectCall(address(token), "", 0);
        core.createSeries(k);
    }
}


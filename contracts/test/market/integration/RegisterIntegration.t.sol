// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IPNMarket} from "../../../src/interfaces/IPNMarket.sol";
import {SeriesKeyLib} from "../../../src/types/SeriesKey.sol";
import {MarketBaseTest} from "../utils/MarketBaseTest.sol";
import {LibClone} from "solady/utils/LibClone.sol";

contract RegisterIntegrationTest is MarketBaseTest {
    /*//////////////////////////////////////////////////////////////
                                REVERTS
    //////////////////////////////////////////////////////////////*/

    function testRegisterNotSeriesToken(address anyone) public {
        vm.assume(anyone.code.length == 0);
        vm.expectRevert(abi.encodeWithSelector(IPNMarket.NotSeriesToken.selector, anyone));
        market.register(anyone);
    }

    function testRegisterCollateralIsNotSeriesToken() public {
        vm.expectRevert(abi.encodeWithSelector(IPNMarket.NotSeriesToken.selector, address(weth)));
        market.register(address(weth));
        // Even once the collateral has an id.
        market.register(address(pToken));
        vm.expectRevert(abi.encodeWithSelector(IPNMarket.NotSeriesToken.selector, address(weth)));
        market.register(address(weth));
    }

    function testRegisterLookAlike() public {
        address fake = LibClone.clone(core.tokenImplementation(), abi.encodePacked(SeriesKeyLib.pack(key), uint8(0)));
        vm.expectRevert(abi.encodeWithSelector(IPNMarket.NotSeriesToken.selector, fake));
        market.register(fake);
    }

    /*//////////////////////////////////////////////////////////////
                                EFFECTS
    //////////////////////////////////////////////////////////////*/

    /// @dev The first token of a collateral registers the collateral first (id 1), then itself (id 2).
    function testRegister() public {
        vm.expectEmit(address(market));
        emit IPNMarket.TokenRegistered(1, address(weth), address(weth));
        vm.expectEmit(address(market));
        emit IPNMarket.TokenRegistered(2, address(pToken), address(weth));
        assertEq(market.register(address(pToken)), 2);

        assertEq(market.tokenCount(), 2);
        assertEq(market.tokenAt(1), address(weth));
        assertEq(market.tokenAt(2), address(pToken));
        (uint256 tokenId, uint256 collateralId) = market.tokenIdOf(address(pToken));
        assertEq(tokenId, 2);
        assertEq(collateralId, 1);
        (tokenId, collateralId) = market.tokenIdOf(address(weth));
        assertEq(tokenId, 1);
        assertEq(collateralId, 0, "a collateral has no collateral");
    }

    /// @dev A second token of the same collateral reuses its id; registering twice changes nothing.
    function testRegisterIdempotent() public {
        market.register(address(pToken));
        vm.recordLogs();
        assertEq(market.register(address(pToken)), 2);
        assertEq(vm.getRecordedLogs().length, 0, "no event on a second registration");

        assertEq(market.register(address(nTokenB)), 3);
        (, uint256 collateralId) = market.tokenIdOf(address(nTokenB));
        assertEq(collateralId, 1);
        assertEq(market.register(address(pTokenU)), 5, "a new collateral takes id 4");
        assertEq(market.tokenAt(4), address(usdc));
        assertEq(market.tokenCount(), 5);
    }

    /// @dev Posting registers on its own.
    function testPostRegisters() public {
        postAskAs(maker, key, flatAsk(address(nToken), address(pTokenB), 1 ether, 1e18));
        (uint256 nId,) = market.tokenIdOf(address(nToken));
        (uint256 pBId,) = market.tokenIdOf(address(pTokenB));
        assertEq(nId, 2);
        assertEq(pBId, 3);
    }
}

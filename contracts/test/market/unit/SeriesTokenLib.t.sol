// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {SeriesTokenLib} from "../../../src/market/libraries/SeriesTokenLib.sol";
import {SeriesId, SeriesKey, SeriesKeyLib, Side} from "../../../src/types/SeriesKey.sol";
import {MarketBaseTest} from "../utils/MarketBaseTest.sol";
import {LibClone} from "solady/utils/LibClone.sol";

/// @notice The market and the router find and recognise the core's tokens exactly as the core derives them.
contract SeriesTokenLibTest is MarketBaseTest {
    function testTokensOfMatchesCore(uint128 strikeWad, uint40 maturity, bytes32 indexId, address collateral)
        public
        view
    {
        SeriesKey memory k = keyOf(collateral, strikeWad, maturity);
        k.indexId = indexId;
        (SeriesId sid, address p, address n) = SeriesTokenLib.tokensOf(address(core), core.tokenImplementation(), k);
        (address coreP, address coreN) = core.tokensOf(k);
        assertEq(SeriesId.unwrap(sid), SeriesId.unwrap(core.seriesId(k)), "id");
        assertEq(p, coreP, "P token");
        assertEq(n, coreN, "N token");
    }

    function testVerifyAcceptsSeriesTokens() public view {
        address[4] memory tokens = [address(pToken), address(nToken), address(pTokenB), address(nTokenU)];
        SeriesKey[4] memory keys = [key, key, keyB, keyU];
        for (uint256 i; i < tokens.length; ++i) {
            (bool ok, SeriesKey memory k) = _verify(tokens[i]);
            assertTrue(ok, "genuine token rejected");
            assertEq(SeriesId.unwrap(SeriesKeyLib.toId(k)), SeriesId.unwrap(SeriesKeyLib.toId(keys[i])), "key");
        }
    }

    function testVerifyRejectsOthers(address anyone) public {
        vm.assume(anyone.code.length == 0);
        (bool ok,) = _verify(anyone);
        assertFalse(ok, "account without code");
        (ok,) = _verify(address(weth));
        assertFalse(ok, "collateral");
        (ok,) = _verify(address(core));
        assertFalse(ok, "core");
        (ok,) = _verify(core.tokenImplementation());
        assertFalse(ok, "implementation");
    }

    /// @dev A clone of the token implementation with a genuine series' args, deployed by someone else, is a
    /// look-alike: same code, wrong address.
    function testVerifyRejectsLookAlikes(uint8 sideByte) public {
        address impl = core.tokenImplementation();
        bytes memory args = abi.encodePacked(SeriesKeyLib.pack(key), uint8(bound(sideByte, 0, 1)));
        address fake = LibClone.clone(impl, args);
        assertEq(fake.code.length, SeriesTokenLib.TOKEN_CODE_SIZE);
        (bool ok,) = _verify(fake);
        assertFalse(ok, "look-alike accepted");

        // A side byte beyond N is rejected before decoding.
        bytes memory badArgs = abi.encodePacked(SeriesKeyLib.pack(key), uint8(bound(sideByte, 2, 255)));
        (ok,) = _verify(LibClone.clone(impl, badArgs));
        assertFalse(ok, "bad side accepted");
    }

    function _verify(address token) internal view returns (bool, SeriesKey memory) {
        return SeriesTokenLib.verify(address(core), core.tokenImplementation(), token);
    }
}

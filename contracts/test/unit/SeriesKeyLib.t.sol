// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IIndexOracle} from "../../src/interfaces/IIndexOracle.sol";
import {SeriesId, SeriesKey, SeriesKeyLib, Side} from "../../src/types/SeriesKey.sol";
import {Test} from "forge-std/Test.sol";

contract SeriesKeyLibTest is Test {
    function testTokenArgsRoundTrip(
        address collateral,
        address oracle,
        bytes32 indexId,
        uint128 strikeWad,
        uint40 maturity,
        bool isN
    ) public pure {
        SeriesKey memory key = _key(collateral, oracle, indexId, strikeWad, maturity);
        Side side = isN ? Side.N : Side.P;

        (SeriesKey memory decoded, Side decodedSide) = SeriesKeyLib.fromTokenArgs(SeriesKeyLib.tokenArgs(key, side));
        assertEq(abi.encode(decoded), abi.encode(key), "key");
        assertEq(uint8(decodedSide), uint8(side), "side");
    }

    /// @dev `fromTokenArgs` reads a full word past the 94 bytes; whatever follows in memory must not leak in.
    function testTokenArgsRoundTripWithDirtyTrailingMemory(
        address collateral,
        address oracle,
        bytes32 indexId,
        uint128 strikeWad,
        uint40 maturity,
        bool isN,
        bytes32 garbage
    ) public pure {
        SeriesKey memory key = _key(collateral, oracle, indexId, strikeWad, maturity);
        Side side = isN ? Side.N : Side.P;
        bytes memory args = abi.encodePacked(SeriesKeyLib.tokenArgs(key, side), garbage);
        assembly ("memory-safe") {
            mstore(args, 94) // the garbage now sits just past the end of `args`
        }

        (SeriesKey memory decoded, Side decodedSide) = SeriesKeyLib.fromTokenArgs(args);
        assertEq(abi.encode(decoded), abi.encode(key), "key");
        assertEq(uint8(decodedSide), uint8(side), "side");
    }

    function testIdIsKeccakOfPackedFields(
        address collateral,
        address oracle,
        bytes32 indexId,
        uint128 strikeWad,
        uint40 maturity
    ) public pure {
        SeriesKey memory key = _key(collateral, oracle, indexId, strikeWad, maturity);
        bytes32 expected = keccak256(abi.encodePacked(collateral, oracle, indexId, strikeWad, maturity));
        assertEq(SeriesId.unwrap(SeriesKeyLib.toId(key)), expected);
    }

    /// @dev 20 + 20 + 32 + 16 + 5 = 93 bytes, then the side byte; the key part is what the id hashes.
    function testLayout(address collateral, address oracle, bytes32 indexId, uint128 strikeWad, uint40 maturity)
        public
        pure
    {
        SeriesKey memory key = _key(collateral, oracle, indexId, strikeWad, maturity);
        bytes memory packed = SeriesKeyLib.pack(key);
        assertEq(packed.length, SeriesKeyLib.PACKED_LENGTH, "packed length");
        assertEq(packed.length, 93, "93 bytes");

        bytes memory pArgs = SeriesKeyLib.tokenArgs(key, Side.P);
        bytes memory nArgs = SeriesKeyLib.tokenArgs(key, Side.N);
        assertEq(pArgs.length, 94, "args length");
        assertEq(uint8(pArgs[93]), 0, "P byte");
        assertEq(uint8(nArgs[93]), 1, "N byte");
        assertEq(keccak256(_prefix(pArgs, 93)), keccak256(packed), "P args start with the key");
        assertEq(keccak256(_prefix(nArgs, 93)), SeriesId.unwrap(SeriesKeyLib.toId(key)), "id from args");
    }

    /// @dev The packing is injective: two keys share a packing (so an id) only if they are equal.
    function testDistinctKeysDistinctPacking(
        address c1,
        address o1,
        bytes32 i1,
        uint128 s1,
        uint40 m1,
        address c2,
        address o2,
        bytes32 i2,
        uint128 s2,
        uint40 m2
    ) public pure {
        SeriesKey memory a = _key(c1, o1, i1, s1, m1);
        SeriesKey memory b = _key(c2, o2, i2, s2, m2);
        bool same = keccak256(abi.encode(a)) == keccak256(abi.encode(b));
        assertEq(keccak256(SeriesKeyLib.pack(a)) == keccak256(SeriesKeyLib.pack(b)), same);
    }

    function _key(address collateral, address oracle, bytes32 indexId, uint128 strikeWad, uint40 maturity)
        internal
        pure
        returns (SeriesKey memory)
    {
        return SeriesKey({
            collateral: collateral,
            oracle: IIndexOracle(oracle),
            indexId: indexId,
            strikeWad: strikeWad,
            maturity: maturity
        });
    }

    function _prefix(bytes memory data, uint256 length) internal pure returns (bytes memory out) {
        out = new bytes(length);
        for (uint256 i; i < length; ++i) {
            out[i] = data[i];
        }
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IIndexOracle} from "../interfaces/IIndexOracle.sol";

/// @notice Identifies a series: `keccak256(SeriesKeyLib.pack(key))`.
type SeriesId is bytes32;

/// @notice Everything that defines a series. Nothing else about a series is configurable.
/// @param collateral The ERC-20 each pair is backed by (WETH for ETH). 1 P + 1 N = 1 collateral unit.
/// @param oracle The oracle asked "what was `indexId` at `maturity`?" once `maturity` has passed.
/// @param indexId The index, as the oracle names it (a left-aligned ASCII ticker such as "USD" reads best).
/// @param strikeWad S: index units per whole collateral unit, scaled by 1e18 (for USD: the ETH/USD price).
/// @param maturity M: unix seconds; settlement asks for the index value at this instant.
struct SeriesKey {
    address collateral;
    IIndexOracle oracle;
    bytes32 indexId;
    uint128 strikeWad;
    uint40 maturity;
}

/// @notice Side of a pair. P redeems `min(1, S/x)`, N redeems `max(0, 1 - S/x)` collateral per token.
enum Side {
    P,
    N
}

/// @title SeriesKeyLib
/// @notice The one packed encoding of a series key, used for its id and as the immutable args of its two tokens.
/// @dev Bit layout of the 93-byte packed key (big-endian, no padding):
/// [0, 20)  collateral
/// [20, 40) oracle
/// [40, 72) indexId
/// [72, 88) strikeWad (uint128)
/// [88, 93) maturity (uint40)
/// Token args append one byte: [93] side (0 = P, 1 = N).
library SeriesKeyLib {
    uint256 internal constant PACKED_LENGTH = 93;

    function pack(SeriesKey memory key) internal pure returns (bytes memory) {
        return abi.encodePacked(key.collateral, key.oracle, key.indexId, key.strikeWad, key.maturity);
    }

    function toId(SeriesKey memory key) internal pure returns (SeriesId) {
        return SeriesId.wrap(keccak256(pack(key)));
    }

    function tokenArgs(SeriesKey memory key, Side side) internal pure returns (bytes memory) {
        return abi.encodePacked(pack(key), uint8(side));
    }

    /// @dev Inverse of `tokenArgs`. `args` must be at least 94 bytes (as on every token the core deploys).
    function fromTokenArgs(bytes memory args) internal pure returns (SeriesKey memory key, Side side) {
        uint256 word0;
        uint256 word1;
        uint256 word2;
        assembly ("memory-safe") {
            word0 := mload(add(args, 0x20)) // bytes [0, 32)
            word1 := mload(add(args, 0x34)) // bytes [20, 52)
            word2 := mload(add(args, 0x68)) // bytes [72, 104): strike, maturity, side, then spare bytes
        }
        // Each cast keeps exactly the bits its field occupies in the layout above.
        // forge-lint: disable-next-line(unsafe-typecast)
        key.collateral = address(uint160(word0 >> 96));
        // forge-lint: disable-next-line(unsafe-typecast)
        key.oracle = IIndexOracle(address(uint160(word1 >> 96)));
        assembly ("memory-safe") {
            mstore(add(key, 0x40), mload(add(args, 0x48))) // indexId: bytes [40, 72)
        }
        // forge-lint: disable-next-line(unsafe-typecast)
        key.strikeWad = uint128(word2 >> 128);
        // forge-lint: disable-next-line(unsafe-typecast)
        key.maturity = uint40(word2 >> 88);
        // forge-lint: disable-next-line(unsafe-typecast)
        side = Side(uint8(word2 >> 80));
    }
}

using {eq as ==} for SeriesId global;

function eq(SeriesId a, SeriesId b) pure returns (bool) {
    return SeriesId.unwrap(a) == SeriesId.unwrap(b);
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {SeriesId, SeriesKey, SeriesKeyLib, Side} from "../../types/SeriesKey.sol";
import {LibClone} from "solady/utils/LibClone.sol";

/// @title SeriesTokenLib
/// @notice Finds and recognises the P and N tokens of a core without calling it: each token is a CREATE2 clone by
/// the core of its token implementation, salted with the series id, whose immutable args are the packed series
/// key and the side (see `SeriesKeyLib`). The same derivation as the core's own.
library SeriesTokenLib {
    /// @dev Runtime size of a token clone: Solady's 45-byte proxy plus the 94-byte args.
    uint256 internal constant TOKEN_CODE_SIZE = 0x2d + SeriesKeyLib.PACKED_LENGTH + 1;

    /// @notice `key`'s id and its P and N token addresses (deployed or not), packing the key once.
    /// @dev Equivalent to `SeriesKeyLib.toId(key)` and, per side, `LibClone.predictDeterministicAddress(
    /// implementation, SeriesKeyLib.tokenArgs(key, side), id, core)`.
    function tokensOf(address core, address implementation, SeriesKey memory key)
        internal
        pure
        returns (SeriesId id, address pToken, address nToken)
    {
        bytes memory args = SeriesKeyLib.tokenArgs(key, Side.P);
        bytes32 salt;
        assembly ("memory-safe") {
            salt := keccak256(add(args, 0x20), 93) // the packed key, without the side byte
        }
        id = SeriesId.wrap(salt);
        pToken = LibClone.predictDeterministicAddress(implementation, args, salt, core);
        args[SeriesKeyLib.PACKED_LENGTH] = bytes1(uint8(Side.N));
        nToken = LibClone.predictDeterministicAddress(implementation, args, salt, core);
    }

    /// @notice Whether `token` is a P or N token deployed by `core`, and if so its series key.
    /// @dev Reads the candidate's code (size, then its args) and checks that the core's CREATE2 address for those
    /// args is `token` itself, so a look-alike deployed by anyone else is rejected.
    function verify(address core, address implementation, address token)
        internal
        view
        returns (bool ok, SeriesKey memory key)
    {
        if (token.code.length != TOKEN_CODE_SIZE) return (false, key);
        bytes memory args = LibClone.argsOnClone(token);
        if (uint8(args[SeriesKeyLib.PACKED_LENGTH]) > uint8(Side.N)) return (false, key);
        (key,) = SeriesKeyLib.fromTokenArgs(args);
        bytes32 salt = SeriesId.unwrap(SeriesKeyLib.toId(key));
        ok = LibClone.predictDeterministicAddress(implementation, args, salt, core) == token;
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title PairLib
/// @notice One storage word holding a P amount and an N amount.
/// @dev Bit layout: [0, 128) P amount, [128, 256) N amount. Both are bounded by 2^128 - 1; every write goes
/// through `pack`, which reverts on overflow, so the halves never bleed into each other.
library PairLib {
    error PairOverflow(uint256 p, uint256 n);

    uint256 internal constant MASK_128 = type(uint128).max;

    function p(uint256 word) internal pure returns (uint256) {
        return word & MASK_128;
    }

    function n(uint256 word) internal pure returns (uint256) {
        return word >> 128;
    }

    function pack(uint256 pAmount, uint256 nAmount) internal pure returns (uint256) {
        if ((pAmount | nAmount) > MASK_128) revert PairOverflow(pAmount, nAmount);
        return pAmount | (nAmount << 128);
    }
}

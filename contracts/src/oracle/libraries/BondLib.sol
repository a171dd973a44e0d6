// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title BondLib
/// @notice The slow oracle's bond arithmetic. Round r (the proposal is round 0) posts `baseBond << r`, so a set of
/// rounds is a bit mask (bit r set for round r) and the bonds of a mask add up to `baseBond * mask`.
/// Rounding always favours the sink: rewards round down and the remainder, dust included, is sunk, so the bonds
/// credited never exceed the bonds posted.
/// Inputs are the oracle's: a base bond below 2^96 and rounds up to `MAX_ROUNDS` (8), so no shift overflows.
library BondLib {
    uint256 internal constant BPS = 10_000;

    /// @notice The bond of answer `round`: `baseBond << round`.
    function bondAt(uint256 baseBond, uint256 round) internal pure returns (uint256) {
        return baseBond << round;
    }

    /// @notice Round `round` alone, as a mask: `2^round`.
    function roundBit(uint256 round) internal pure returns (uint256) {
        return uint256(1) << round;
    }

    /// @notice Rounds 0..lastRound as a mask. Equivalent to `2^(lastRound + 1) - 1`.
    function allRounds(uint256 lastRound) internal pure returns (uint256) {
        return (uint256(2) << lastRound) - 1;
    }

    /// @notice The bonds of the rounds in `mask`. Equivalent to `Σ_{r in mask} bondAt(baseBond, r)`.
    function bondsOf(uint256 baseBond, uint256 mask) internal pure returns (uint256) {
        return baseBond * mask;
    }

    /// @notice What the right side shares: `rightShareBps` of the wrong bonds, rounded down (toward the sink).
    function rewardPool(uint256 wrongBonds, uint256 rightShareBps) internal pure returns (uint256) {
        return wrongBonds * rightShareBps / BPS;
    }

    /// @notice The reward of right round `round`: its share of `pool` pro rata to its bond, rounded down (toward
    /// the sink). Equivalent to `pool * bondAt(b, round) / bondsOf(b, rightMask)` for any base bond b, which
    /// cancels. Summed over the rounds of `rightMask` it never exceeds `pool`.
    function rewardOf(uint256 pool, uint256 round, uint256 rightMask) internal pure returns (uint256) {
        return (pool << round) / rightMask;
    }
}

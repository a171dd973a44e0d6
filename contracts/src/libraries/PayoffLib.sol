// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title PayoffLib
/// @notice The settlement payoff, written once. Per unit at index value x and strike S:
/// P pays `min(1, S/x)` and N pays `max(0, 1 - S/x)` collateral, so a pair pays exactly 1.
/// @dev Both functions round down: each side is paid at most its exact claim, so the protocol never pays
/// out more than it holds. For a pair redeemed together the dust is at most 1 wei.
/// Inputs are bounded by the core: `amount`, `strikeWad`, `xWad` < 2^128, so `amount * strikeWad` and
/// `amount * (xWad - strikeWad)` fit in 256 bits and the division is exact floor division.
/// Mirrored in TypeScript by `packages/core/src/payoff.ts` with the same names and rounding.
library PayoffLib {
    /// @notice Collateral paid for `amount` P at settlement value `xWad`: `floor(amount * min(S, x) / x)`.
    function pPayout(uint256 amount, uint256 strikeWad, uint256 xWad) internal pure returns (uint256) {
        if (xWad <= strikeWad) return amount;
        return amount * strikeWad / xWad;
    }

    /// @notice Collateral paid for `amount` N at settlement value `xWad`: `floor(amount * max(x - S, 0) / x)`.
    function nPayout(uint256 amount, uint256 strikeWad, uint256 xWad) internal pure returns (uint256) {
        if (xWad <= strikeWad) return 0;
        return amount * (xWad - strikeWad) / xWad;
    }
}

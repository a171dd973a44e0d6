// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {FixedPointMathLib} from "solady/utils/FixedPointMathLib.sol";

/// @title VaultMath
/// @notice The vault's arithmetic, written once: share math, the strike and maturity grids, auction prices and the
/// keeper reward. Pure integer math, mirrored line for line by a bigint implementation. Every rounding favours the
/// vault (its remaining holders); each site says which way it rounds.
/// @dev Domain: amounts and strikes below 2^128 (the core's bound), bps below 2^32, times below 2^40.
library VaultMath {
    uint256 internal constant BPS = 10_000;
    uint256 internal constant WAD = 1e18;
    /// @notice Virtual shares, and virtual wei of P at deposit. An inflation attack (first deposit of 1 wei, then a
    /// donation) must donate about `VIRTUAL_SHARES` times what it takes from a victim, and loses nearly all of it.
    uint256 internal constant VIRTUAL_SHARES = 1e6;

    /*//////////////////////////////////////////////////////////////
                                 SHARES
    //////////////////////////////////////////////////////////////*/

    /// @notice Shares for depositing `amount` P when the vault holds `held` P against `supply` shares:
    /// `floor(amount * (supply + V) / (held + V))`. Rounds down: the depositor gets at most its exact share.
    function sharesFor(uint256 amount, uint256 held, uint256 supply) internal pure returns (uint256) {
        return FixedPointMathLib.fullMulDiv(amount, supply + VIRTUAL_SHARES, held + VIRTUAL_SHARES);
    }

    /// @notice The claim of `shares` on an asset the vault holds `held` of: `floor(shares * held / (supply + V))`.
    /// Rounds down, and the `V` virtual shares' part stays in the vault, so claims never exceed holdings (VT-2).
    function claimOf(uint256 shares, uint256 held, uint256 supply) internal pure returns (uint256) {
        return FixedPointMathLib.fullMulDiv(shares, held, supply + VIRTUAL_SHARES);
    }

    /*//////////////////////////////////////////////////////////////
                                 GRIDS
    //////////////////////////////////////////////////////////////*/

    /// @notice `valueWad` rounded down to `sigFigs` significant decimal digits (of its WAD integer), so strikes fall
    /// on a shared grid: with 2 digits, 171.71e18 → 170e18, 85.85e18 → 85e18. Values with fewer digits are kept.
    /// @dev Equivalent to `value - value % 10^(digits(value) - sigFigs)`.
    function strikeGridDown(uint256 valueWad, uint256 sigFigs) internal pure returns (uint256) {
        if (valueWad == 0) return 0;
        uint256 digits = FixedPointMathLib.log10(valueWad) + 1;
        if (digits <= sigFigs) return valueWad;
        return valueWad - valueWad % (10 ** (digits - sigFigs));
    }

    /// @notice The first grid date `origin + n * period` (n ≥ 0) at or after `t`.
    function nextMaturity(uint256 t, uint256 origin, uint256 period) internal pure returns (uint256) {
        if (t <= origin) return origin;
        return origin + FixedPointMathLib.divUp(t - origin, period) * period;
    }

    /*//////////////////////////////////////////////////////////////
                                 PRICES
    //////////////////////////////////////////////////////////////*/

    /// @notice A roll auction's reference price, P_B per P_A: the strike ratio `ceil(S_A * 1e18 / S_B)`. Deep in the
    /// money each P is worth about its strike in index units, so this is the exchange that keeps the vault's value;
    /// rounded up (the vault asks at least the ratio).
    function rollRefWad(uint256 fromStrikeWad, uint256 toStrikeWad) internal pure returns (uint256) {
        return FixedPointMathLib.mulDivUp(fromStrikeWad, WAD, toStrikeWad);
    }

    /// @notice A re-entry sale's reference price, P per N of one series at index value x: `ceil((x - S) * 1e18 / S)`
    /// (N is worth about `x - S`, P about `S`). Needs `x > S`; rounded up.
    function saleRefWad(uint256 xWad, uint256 strikeWad) internal pure returns (uint256) {
        return FixedPointMathLib.mulDivUp(xWad - strikeWad, WAD, strikeWad);
    }

    /// @notice `(ceil(ref * startBps / 1e4), ceil(ref * floorBps / 1e4))`, each at least 1 and below 2^128, the
    /// start strictly above the floor (as the market requires of a curve). Rounded up: the vault asks more.
    function curve(uint256 refWad, uint256 startBps, uint256 floorBps)
        internal
        pure
        returns (uint256 startWad, uint256 floorWad)
    {
        uint256 cap = type(uint128).max;
        floorWad =
            FixedPointMathLib.min(FixedPointMathLib.max(FixedPointMathLib.mulDivUp(refWad, floorBps, BPS), 1), cap - 1);
        startWad = FixedPointMathLib.min(FixedPointMathLib.mulDivUp(refWad, startBps, BPS), cap);
        if (startWad <= floorWad) startWad = floorWad + 1;
    }

    /*//////////////////////////////////////////////////////////////
                                 REWARD
    //////////////////////////////////////////////////////////////*/

    /// @notice The keeper reward on `amount`: `min(floor(amount * rewardBps / 1e4), rewardCap)`. Rounded down.
    function reward(uint256 amount, uint256 rewardBps, uint256 rewardCap) internal pure returns (uint256) {
        return FixedPointMathLib.min(amount * rewardBps / BPS, rewardCap);
    }
}

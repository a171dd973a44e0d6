// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {FixedPointMathLib} from "solady/utils/FixedPointMathLib.sol";

/// @title AuctionLib
/// @notice The price curve of an ask: flat, linear or exponential (halving), written once. Pure integer math, so
/// it can be mirrored exactly in TypeScript (bigint), line for line.
/// @dev Notation: `s` start price, `f` floor price (both in WAD, units of the wanted token per unit of the offered
/// token), `D` duration and `h` half-life (seconds), `e` seconds elapsed since the curve started, `g = s - f`.
///
/// - Flat (`D == 0`, and then `s == f`): `p(e) = s`.
/// - At or after the end (`e >= D`): `p(e) = f`.
/// - Linear (`h == 0`), for `e < D`: `p(e) = f + ceil(g * (D - e) / D)`.
/// - Exponential (`h > 0`), for `e < D`: the distance to the floor halves every `h` seconds and falls linearly
///   within each half-life. With `q = floor(e / h)`, `r = e mod h` and `g_q = ceil(g / 2^q)`:
///   `p(e) = f + g_q - floor(g_q * r / (2h))`. At `e = D` the price drops to `f`, by at most
///   `ceil(g / 2^floor((D - 1) / h))` (about `g / 2^(D/h)`: under 0.2% of `g` when `D >= 10h`).
///
/// Rounding: every division rounds the price up, toward the maker (the taker never pays less than the exact
/// curve). Both curves are monotone non-increasing in `e` and stay within `[f, s]` (MK-4):
/// - linear: `D - e` falls as `e` grows, and `ceil` is monotone; `e = 0` gives `s`;
/// - exponential: within a half-life the subtracted term grows with `r`; across a boundary the price just
///   before it is at least `f + ceil(g_q / 2) = f + g_{q+1}` (as `ceil(ceil(x) / 2) = ceil(x / 2)`), the price
///   at it; `g_q <= g` gives `p <= s`.
///
/// Domain (as the market stores them): prices below 2^128, `D` and `h` below 2^32, `f <= s`. Out of it the
/// checked arithmetic reverts.
library AuctionLib {
    /// @notice The price of a curve `elapsed` seconds after its start. MK-4: non-increasing in `elapsed`, within
    /// `[floorPriceWad, startPriceWad]`.
    function priceAt(uint256 startPriceWad, uint256 floorPriceWad, uint256 duration, uint256 halfLife, uint256 elapsed)
        internal
        pure
        returns (uint256)
    {
        if (elapsed >= duration) return floorPriceWad; // includes the flat curve (D == 0, s == f)
        uint256 gap = startPriceWad - floorPriceWad;
        // Linear: rounded up toward the maker.
        if (halfLife == 0) return floorPriceWad + FixedPointMathLib.mulDivUp(gap, duration - elapsed, duration);
        // Exponential: g_q = ceil(g / 2^q), then the in-step interpolation is subtracted rounded down, so the
        // price rounds up toward the maker.
        uint256 halvings = elapsed / halfLife;
        uint256 gq = halvings >= 256 ? FixedPointMathLib.min(gap, 1) : _shrUp(gap, halvings);
        return floorPriceWad + gq - (gq * (elapsed % halfLife)) / (2 * halfLife);
    }

    /// @dev `ceil(x / 2^n)` for `n < 256`: the floor, plus one when bits were shifted out.
    function _shrUp(uint256 x, uint256 n) private pure returns (uint256 q) {
        q = x >> n;
        if (q << n != x) ++q;
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {FixedPointMathLib} from "solady/utils/FixedPointMathLib.sol";

/// @notice Test-only Black–76 (zero rates) for a market maker's valuation of P and N in index units, WAD. The BRIEF's
/// first model; good to about 1e-6 (the normal CDF is Abramowitz–Stegun 7.1.26, error below 1.5e-7). Inputs are
/// prices and strikes below 1e30 and times below a century, so every int/uint cast below is exact.
// forge-lint: disable-start(unsafe-typecast)
library BlackScholes {
    int256 internal constant WAD = 1e18;
    uint256 internal constant YEAR = 365 days;

    /// @notice A put struck at `s` on price `x`, `tau` seconds out, volatility `sigmaWad` (0.8e18 = 80%).
    function put(uint256 x, uint256 s, uint256 tau, uint256 sigmaWad) internal pure returns (uint256) {
        if (tau == 0 || sigmaWad == 0) return s > x ? s - x : 0;
        // σ√τ in WAD: sqrt(tau / YEAR) = sqrt(tau * 1e36 / YEAR) / 1e18 * 1e18
        int256 sd = int256(sigmaWad * FixedPointMathLib.sqrt(tau * 1e36 / YEAR) / 1e18);
        int256 m = FixedPointMathLib.lnWad(int256(x * 1e18 / s));
        int256 d1 = (m + sd * sd / 2 / WAD) * WAD / sd;
        int256 d2 = d1 - sd;
        int256 p = int256(s) * cdf(-d2) / WAD - int256(x) * cdf(-d1) / WAD;
        return p > 0 ? uint256(p) : 0;
    }

    /// @notice P's value: `S - put` (a bond of S minus a put).
    function pValue(uint256 x, uint256 s, uint256 tau, uint256 sigmaWad) internal pure returns (uint256) {
        return s - put(x, s, tau, sigmaWad);
    }

    /// @notice N's value: `x - S + put` (a call), at least 0.
    function nValue(uint256 x, uint256 s, uint256 tau, uint256 sigmaWad) internal pure returns (uint256) {
        uint256 p = put(x, s, tau, sigmaWad);
        return x + p > s ? x + p - s : 0;
    }

    /// @notice The standard normal CDF, WAD in and out.
    function cdf(int256 z) internal pure returns (int256) {
        // N(z) = (1 + erf(z / sqrt 2)) / 2
        int256 x = z * WAD / 1_414_213_562_373_095_049;
        int256 e = erf(x < 0 ? -x : x);
        return x < 0 ? (WAD - e) / 2 : (WAD + e) / 2;
    }

    /// @dev erf(x) for x >= 0: 1 - (a1 t + ... + a5 t^5) e^(-x^2), t = 1 / (1 + p x).
    function erf(int256 x) internal pure returns (int256) {
        int256 t = WAD * WAD / (WAD + 327_591_100_000_000_000 * x / WAD);
        int256 poly = 1_061_405_429_000_000_000;
        poly = poly * t / WAD - 1_453_152_027_000_000_000;
        poly = poly * t / WAD + 1_421_413_741_000_000_000;
        poly = poly * t / WAD - 284_496_736_000_000_000;
        poly = poly * t / WAD + 254_829_592_000_000_000;
        poly = poly * t / WAD;
        return WAD - poly * FixedPointMathLib.expWad(-x * x / WAD) / WAD;
    }
}
// forge-lint: disable-end(unsafe-typecast)

// Protocol constants, with the same meaning as in the Solidity core.

/** 1e18: strikes and settlement values are index units per whole collateral unit, scaled by this. */
export const WAD = 10n ** 18n;

/** Exclusive upper bound of every amount, strike and settlement value the core accepts: 2^128. */
export const UINT128_LIMIT = 1n << 128n;

/** Exclusive upper bound of a maturity (the key stores it as a uint40): 2^40. */
export const UINT40_LIMIT = 1n << 40n;

/** Length in bytes of `SeriesKeyLib.pack(key)`. */
export const SERIES_KEY_PACKED_LENGTH = 93;

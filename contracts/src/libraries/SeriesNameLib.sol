// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {SeriesKey, Side} from "../types/SeriesKey.sol";
import {DateTimeLib} from "solady/utils/DateTimeLib.sol";
import {LibString} from "solady/utils/LibString.sol";

/// @title SeriesNameLib
/// @notice Readable token symbols, e.g. `P-USD-1500-20261231` or `N-EUR-1250.5-20270115T0800`.
/// Rule: side, index ticker, strike, maturity date (UTC, YYYYMMDD), joined by `-`.
/// - Ticker: `indexId` when it is 1 to 31 bytes of printable ASCII (0x21..0x7e) followed only by zero bytes,
///   else `0x` and the first 4 bytes in lowercase hex.
/// - Strike: whole index units, then `.` and the fraction with trailing zeros removed if it is not whole.
/// - Maturity: `T` and HHMM are appended when it is not exactly 00:00:00 UTC.
/// Mirrored by `seriesSymbol` in `packages/core/src/series.ts`.
library SeriesNameLib {
    uint256 internal constant WAD = 1e18;

    function symbol(SeriesKey memory key, Side side) internal pure returns (string memory) {
        return string.concat(
            side == Side.P ? "P-" : "N-", ticker(key.indexId), "-", strike(key.strikeWad), "-", date(key.maturity)
        );
    }

    function ticker(bytes32 indexId) internal pure returns (string memory) {
        uint256 length;
        while (length < 32 && indexId[length] != 0) {
            bytes1 c = indexId[length];
            if (c < 0x21 || c > 0x7e) return _hexPrefix(indexId);
            ++length;
        }
        if (length == 0 || length == 32 || uint256(indexId) << (length * 8) != 0) return _hexPrefix(indexId);
        return LibString.fromSmallString(indexId);
    }

    function strike(uint256 strikeWad) internal pure returns (string memory) {
        string memory whole = LibString.toString(strikeWad / WAD);
        uint256 fraction = strikeWad % WAD;
        if (fraction == 0) return whole;
        uint256 digits = 18;
        while (fraction % 10 == 0) {
            fraction /= 10;
            --digits;
        }
        string memory fractionText = LibString.toString(fraction);
        return string.concat(whole, ".", _zeros(digits - bytes(fractionText).length), fractionText);
    }

    function date(uint256 timestamp) internal pure returns (string memory) {
        (uint256 year, uint256 month, uint256 day, uint256 hour, uint256 minute, uint256 second) =
            DateTimeLib.timestampToDateTime(timestamp);
        string memory ymd = string.concat(LibString.toString(year), _two(month), _two(day));
        if (hour == 0 && minute == 0 && second == 0) return ymd;
        return string.concat(ymd, "T", _two(hour), _two(minute));
    }

    function _hexPrefix(bytes32 indexId) private pure returns (string memory) {
        return LibString.toHexString(uint256(indexId) >> 224, 4);
    }

    function _two(uint256 value) private pure returns (string memory) {
        return value < 10 ? string.concat("0", LibString.toString(value)) : LibString.toString(value);
    }

    function _zeros(uint256 count) private pure returns (string memory result) {
        for (uint256 i; i < count; ++i) {
            result = string.concat(result, "0");
        }
    }
}

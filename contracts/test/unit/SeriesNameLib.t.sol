// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IIndexOracle} from "../../src/interfaces/IIndexOracle.sol";
import {SeriesNameLib} from "../../src/libraries/SeriesNameLib.sol";
import {SeriesKey, Side} from "../../src/types/SeriesKey.sol";
import {Test} from "forge-std/Test.sol";
import {DateTimeLib} from "solady/utils/DateTimeLib.sol";

contract SeriesNameLibTest is Test {
    uint256 internal constant WAD = 1e18;
    uint40 internal constant DEC_31_2026 = 1_798_675_200; // 2026-12-31 00:00:00 UTC
    uint40 internal constant JAN_15_2027_0800 = 1_800_000_000; // 2027-01-15 08:00:00 UTC

    /*//////////////////////////////////////////////////////////////
                                SYMBOLS
    //////////////////////////////////////////////////////////////*/

    function testSymbolIntegerStrike() public pure {
        assertEq(_symbol("USD", 1500 * WAD, DEC_31_2026, Side.P), "P-USD-1500-20261231");
        assertEq(_symbol("USD", 1500 * WAD, DEC_31_2026, Side.N), "N-USD-1500-20261231");
    }

    function testSymbolFractionalStrike() public pure {
        assertEq(_symbol("USD", 1500.5e18, DEC_31_2026, Side.P), "P-USD-1500.5-20261231");
    }

    function testSymbolTinyStrike() public pure {
        assertEq(_symbol("USD", 1, DEC_31_2026, Side.P), "P-USD-0.000000000000000001-20261231");
    }

    /// @dev The example in the library's documentation.
    function testSymbolNonMidnightMaturity() public pure {
        assertEq(_symbol("EUR", 1250.5e18, JAN_15_2027_0800, Side.N), "N-EUR-1250.5-20270115T0800");
        assertEq(_symbol("USD", 1500 * WAD, DEC_31_2026 + 8 hours, Side.P), "P-USD-1500-20261231T0800");
    }

    function testSymbolNonAsciiIndexId() public pure {
        bytes32 indexId = hex"deadbeef0102030405";
        assertEq(_symbol(indexId, 1500 * WAD, DEC_31_2026, Side.P), "P-0xdeadbeef-1500-20261231");
    }

    function testSymbolEmptyIndexId() public pure {
        assertEq(_symbol(bytes32(0), 1500 * WAD, DEC_31_2026, Side.P), "P-0x00000000-1500-20261231");
    }

    /*//////////////////////////////////////////////////////////////
                                 TICKER
    //////////////////////////////////////////////////////////////*/

    function testTickerAscii() public pure {
        assertEq(SeriesNameLib.ticker("USD"), "USD");
        assertEq(SeriesNameLib.ticker("ETH/USD"), "ETH/USD");
        assertEq(SeriesNameLib.ticker("!"), "!");
        assertEq(SeriesNameLib.ticker("~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~"), "~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~", "31 bytes");
    }

    /// @dev A ticker must leave at least one zero byte: 32 printable bytes show as hex.
    function testTickerFullWordIsHex() public pure {
        assertEq(SeriesNameLib.ticker("~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~"), "0x7e7e7e7e");
    }

    /// @dev Anything that is not left-aligned printable ASCII followed by zeros shows as its first 4 bytes.
    function testTickerFallsBackToHex() public pure {
        assertEq(SeriesNameLib.ticker(hex"ff"), "0xff000000", "high byte");
        assertEq(SeriesNameLib.ticker("US D"), "0x55532044", "space");
        assertEq(SeriesNameLib.ticker(hex"5553000044"), "0x55530000", "gap then more bytes");
        assertEq(SeriesNameLib.ticker(hex"00555344"), "0x00555344", "leading zero");
        assertEq(SeriesNameLib.ticker(hex"555344" hex"0a"), "0x5553440a", "control character");
        assertEq(SeriesNameLib.ticker(bytes32(uint256(1))), "0x00000000", "right-aligned");
    }

    /// @dev Every printable ASCII ticker of 1 to 31 characters shows as itself.
    function testTickerPrintableRoundTrip(bytes32 seed, uint256 length) public pure {
        length = bound(length, 1, 31);
        bytes memory text = new bytes(length);
        for (uint256 i; i < length; ++i) {
            text[i] = bytes1(uint8(0x21 + uint8(seed[i]) % 94));
        }
        // forge-lint: disable-next-line(unsafe-typecast)
        assertEq(SeriesNameLib.ticker(bytes32(text)), string(text)); // text is at most 31 bytes
    }

    /*//////////////////////////////////////////////////////////////
                                 STRIKE
    //////////////////////////////////////////////////////////////*/

    function testStrike() public pure {
        assertEq(SeriesNameLib.strike(1e18), "1");
        assertEq(SeriesNameLib.strike(0.5e18), "0.5");
        assertEq(SeriesNameLib.strike(12.34e18), "12.34");
        assertEq(SeriesNameLib.strike(1234.000001e18), "1234.000001");
        assertEq(SeriesNameLib.strike(10e18 + 10), "10.00000000000000001");
        assertEq(SeriesNameLib.strike(type(uint128).max), "340282366920938463463.374607431768211455");
    }

    /// @dev The strike text reads back to the exact strike, with no trailing zero after a `.`.
    function testStrikeRoundTrip(uint128 strikeWad) public pure {
        bytes memory text = bytes(SeriesNameLib.strike(strikeWad));
        uint256 dot = _indexOf(text, ".");
        if (dot == text.length) {
            assertEq(_parse(text, 0, text.length) * WAD, strikeWad, "whole");
            return;
        }
        uint256 fractionDigits = text.length - dot - 1;
        assertGt(fractionDigits, 0, "digits after dot");
        assertLe(fractionDigits, 18, "at most 18 decimals");
        assertTrue(text[text.length - 1] != "0", "trailing zero");
        uint256 fraction = _parse(text, dot + 1, text.length) * 10 ** (18 - fractionDigits);
        assertEq(_parse(text, 0, dot) * WAD + fraction, strikeWad, "value");
    }

    /*//////////////////////////////////////////////////////////////
                                  DATE
    //////////////////////////////////////////////////////////////*/

    function testDate() public pure {
        assertEq(SeriesNameLib.date(DEC_31_2026), "20261231");
        assertEq(SeriesNameLib.date(JAN_15_2027_0800), "20270115T0800");
        assertEq(SeriesNameLib.date(0), "19700101");
        assertEq(SeriesNameLib.date(DEC_31_2026 + 23 hours + 59 minutes), "20261231T2359");
    }

    /// @dev Seconds are not shown: a maturity a few seconds past midnight reads as `T0000`, not as midnight.
    function testDateSecondsPastMidnight() public pure {
        assertEq(SeriesNameLib.date(DEC_31_2026 + 1), "20261231T0000");
        assertEq(SeriesNameLib.date(JAN_15_2027_0800 + 59), "20270115T0800");
    }

    /// @dev The date text reads back to the maturity, to the minute, for any four-digit year.
    function testDateRoundTrip(uint256 timestamp) public pure {
        timestamp = bound(timestamp, 0, 253_402_300_799); // 9999-12-31T23:59:59
        bytes memory text = bytes(SeriesNameLib.date(timestamp));
        uint256 year = _parse(text, 0, 4);
        uint256 month = _parse(text, 4, 6);
        uint256 day = _parse(text, 6, 8);
        (uint256 hour, uint256 minute) = (0, 0);
        if (text.length == 8) {
            assertEq(timestamp % 1 days, 0, "midnight");
        } else {
            assertEq(text.length, 13, "length");
            assertTrue(text[8] == "T", "T");
            hour = _parse(text, 9, 11);
            minute = _parse(text, 11, 13);
            assertTrue(timestamp % 1 days != 0, "not midnight");
        }
        assertEq(DateTimeLib.dateTimeToTimestamp(year, month, day, hour, minute, 0), timestamp - timestamp % 60);
    }

    /*//////////////////////////////////////////////////////////////
                                HELPERS
    //////////////////////////////////////////////////////////////*/

    function _symbol(bytes32 indexId, uint256 strikeWad, uint40 maturity, Side side)
        internal
        pure
        returns (string memory)
    {
        SeriesKey memory key = SeriesKey({
            collateral: address(0xC0),
            oracle: IIndexOracle(address(0x0A)),
            indexId: indexId,
            // forge-lint: disable-next-line(unsafe-typecast)
            strikeWad: uint128(strikeWad), // every strike used here fits
            maturity: maturity
        });
        return SeriesNameLib.symbol(key, side);
    }

    function _indexOf(bytes memory text, bytes1 c) internal pure returns (uint256 i) {
        while (i < text.length && text[i] != c) ++i;
    }

    /// @dev Parses the decimal digits text[start:end].
    function _parse(bytes memory text, uint256 start, uint256 end) internal pure returns (uint256 value) {
        for (uint256 i = start; i < end; ++i) {
            uint8 digit = uint8(text[i]) - 0x30;
            require(digit < 10, "not a digit");
            value = value * 10 + digit;
        }
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IPNMarket} from "../../../src/interfaces/IPNMarket.sol";
import {AuctionLib} from "../../../src/market/libraries/AuctionLib.sol";
import {VaultAuctionLib} from "../../../src/vault/libraries/VaultAuctionLib.sol";
import {Test} from "forge-std/Test.sol";

/// @notice `VaultAuctionLib`: an auction ends by its deadline, and a continued auction tracks the original curve.
contract VaultAuctionLibTest is Test {
    uint256 internal constant T0 = 1_000_000;

    function order(uint256 start, uint256 floor, uint256 duration, uint256 halfLife)
        internal
        pure
        returns (IPNMarket.Order memory o)
    {
        o.token = address(0xA);
        o.counterToken = address(0xB);
        o.amount = 100 ether;
        o.priceWad = start;
        o.floorPriceWad = floor;
        o.startTime = T0;
        o.duration = duration;
        o.halfLife = halfLife;
        o.expiry = T0 + duration + 1 days;
    }

    function testAskShortensTheCurveToTheDeadline() public pure {
        IPNMarket.AskParams memory p =
            VaultAuctionLib.ask(address(1), address(2), 5, 2e18, 1e18, 1 days, 4 hours, T0 + 2 hours, T0);
        assertEq(p.duration, 2 hours);
        assertEq(p.halfLife, 0, "a half-life longer than the curve falls back to linear");
        assertEq(p.expiry, T0 + 2 hours);
        p = VaultAuctionLib.ask(address(1), address(2), 5, 2e18, 1e18, 1 days, 4 hours, T0 + 2 days, T0);
        assertEq(p.duration, 1 days);
        assertEq(p.halfLife, 4 hours);
    }

    function testContinuedAtTheFloorIsFlat() public pure {
        IPNMarket.Order memory o = order(1.1e18, 1e18, 1 days, 0);
        IPNMarket.AskParams memory p = VaultAuctionLib.continued(o, 7, T0 + 2 days);
        assertEq(p.startPriceWad, 1e18);
        assertEq(p.floorPriceWad, 1e18);
        assertEq(p.duration, 0);
        assertEq(p.halfLife, 0);
        assertEq(p.amount, 7);
        assertEq(p.expiry, o.expiry);
    }

    /// @dev Linear: the continued curve is the same line (its prices rounded up, never below the original's).
    function testFuzzContinuedLinear(uint256 start, uint256 gap, uint256 duration, uint256 at, uint256 later)
        public
        pure
    {
        uint256 floor = bound(start, 1, 1e30);
        gap = bound(gap, 1, 1e30);
        duration = bound(duration, 2, 30 days);
        at = bound(at, 0, duration - 1);
        later = bound(later, at, duration + 1 days);
        IPNMarket.Order memory o = order(floor + gap, floor, duration, 0);
        IPNMarket.AskParams memory p = VaultAuctionLib.continued(o, 1, T0 + at);
        uint256 original = AuctionLib.priceAt(o.priceWad, floor, duration, 0, later);
        uint256 continued = p.duration == 0
            ? p.startPriceWad
            : AuctionLib.priceAt(p.startPriceWad, p.floorPriceWad, p.duration, p.halfLife, later - at);
        assertGe(continued, original, "never below the original");
        assertLe(continued, original + 1, "within a wei");
        if (later >= duration) assertEq(continued, floor, "at the floor when the original is");
    }

    /// @dev Exponential: the continued price never falls below the true exponential of the original curve (each
    /// chord lies above it), never exceeds the price at the cut, and is at most two chords' error above the true
    /// curve (each at most 6.15%: `(1 - x/2) 2^x` peaks at 1.0615). A re-offer can only slow an exponential auction.
    function testFuzzContinuedExponential(uint256 at, uint256 later) public pure {
        uint256 floor = 1e18;
        uint256 gap = 1e18;
        uint256 h = 4 hours;
        uint256 duration = 40 hours;
        at = bound(at, 0, duration - 1);
        later = bound(later, at, duration - 1);
        IPNMarket.Order memory o = order(floor + gap, floor, duration, h);
        IPNMarket.AskParams memory p = VaultAuctionLib.continued(o, 1, T0 + at);
        uint256 continued = AuctionLib.priceAt(p.startPriceWad, p.floorPriceWad, p.duration, p.halfLife, later - at);
        // true exponential distance g * 2^(-later/h), in WAD via 2^(-x) = exp(-x ln 2)
        // forge-lint: disable-next-line(unsafe-typecast)
        uint256 trueGap = uint256(_expNeg(int256(later * 1e18 / h)) * int256(gap) / 1e18);
        assertGe(continued + 2, floor + trueGap, "not below the true exponential");
        assertLe(continued, p.startPriceWad, "not above the price at the cut");
        assertLe(continued - floor, trueGap * 11_268 / 10_000 + 2, "within two chords' error (1.0615^2)");
    }

    /// @dev `2^(-x)` for `x` in WAD, via Taylor terms of exp on `x ln 2` split into whole and fractional halvings.
    function _expNeg(int256 xWad) private pure returns (int256) {
        int256 whole = xWad / 1e18;
        int256 frac = xWad % 1e18;
        // 2^(-frac) = exp(-frac * ln2), frac in [0, 1): six Taylor terms are exact to ~1e-6
        int256 y = frac * 693_147_180_559_945_309 / 1e18;
        int256 term = 1e18;
        int256 sum = 1e18;
        for (int256 i = 1; i <= 12; ++i) {
            term = -term * y / 1e18 / i;
            sum += term;
        }
        // forge-lint: disable-next-line(unsafe-typecast)
        return sum >> uint256(whole);
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AuctionLib} from "../../../src/market/libraries/AuctionLib.sol";
import {Test} from "forge-std/Test.sol";
import {FixedPointMathLib} from "solady/utils/FixedPointMathLib.sol";

/// @notice The price curve: exact values at its anchors, rounding toward the maker, and MK-4 (non-increasing in
/// time, within [floor, start]) for both curves.
contract AuctionLibTest is Test {
    uint256 internal constant MAX_PRICE = type(uint128).max;
    uint256 internal constant MAX_SECONDS = type(uint32).max;

    /// @dev Valid curve parameters as the market accepts them: `0 < floor < start < 2^128`, `0 < D < 2^32`.
    function _curve(uint256 start, uint256 floor, uint256 duration) internal pure returns (uint256, uint256, uint256) {
        start = bound(start, 2, MAX_PRICE);
        floor = bound(floor, 1, start - 1);
        duration = bound(duration, 1, MAX_SECONDS);
        return (start, floor, duration);
    }

    /*//////////////////////////////////////////////////////////////
                                  FLAT
    //////////////////////////////////////////////////////////////*/

    function testFlatIsConstant(uint256 price, uint256 elapsed) public pure {
        price = bound(price, 1, MAX_PRICE);
        assertEq(AuctionLib.priceAt(price, price, 0, 0, elapsed), price);
    }

    /*//////////////////////////////////////////////////////////////
                                 LINEAR
    //////////////////////////////////////////////////////////////*/

    function testLinearAnchors() public pure {
        assertEq(AuctionLib.priceAt(2e18, 1e18, 100, 0, 0), 2e18, "start");
        assertEq(AuctionLib.priceAt(2e18, 1e18, 100, 0, 25), 1.75e18, "quarter");
        assertEq(AuctionLib.priceAt(2e18, 1e18, 100, 0, 50), 1.5e18, "half");
        assertEq(AuctionLib.priceAt(2e18, 1e18, 100, 0, 100), 1e18, "end");
        assertEq(AuctionLib.priceAt(2e18, 1e18, 100, 0, 10 ** 9), 1e18, "after the end");
    }

    /// @dev A gap of 1 wei over 3 seconds stays at the start price until the very end: rounded up.
    function testLinearRoundsUpTowardMaker() public pure {
        assertEq(AuctionLib.priceAt(11, 10, 3, 0, 1), 11);
        assertEq(AuctionLib.priceAt(11, 10, 3, 0, 2), 11);
        assertEq(AuctionLib.priceAt(11, 10, 3, 0, 3), 10);
        assertEq(AuctionLib.priceAt(100, 0, 3, 0, 1), 67, "ceil(100 * 2 / 3)");
    }

    function testLinearIsCeilOfExactCurve(uint256 start, uint256 floor, uint256 duration, uint256 elapsed) public pure {
        (start, floor, duration) = _curve(start, floor, duration);
        elapsed = bound(elapsed, 0, duration - 1);
        uint256 price = AuctionLib.priceAt(start, floor, duration, 0, elapsed);
        // (price - floor) * D is the smallest multiple of D at or above gap * (D - e).
        uint256 exact = (start - floor) * (duration - elapsed);
        assertGe((price - floor) * duration, exact, "below the exact curve");
        assertLt((price - floor) * duration, exact + duration, "more than one wei above");
    }

    /// MK-4 (linear).
    function testLinearMonotoneWithinBounds(uint256 start, uint256 floor, uint256 duration, uint256 t1, uint256 t2)
        public
        pure
    {
        (start, floor, duration) = _curve(start, floor, duration);
        t1 = bound(t1, 0, 2 * MAX_SECONDS);
        t2 = bound(t2, t1, 2 * MAX_SECONDS);
        uint256 p1 = AuctionLib.priceAt(start, floor, duration, 0, t1);
        uint256 p2 = AuctionLib.priceAt(start, floor, duration, 0, t2);
        assertGe(p1, p2, "MK-4: price rose");
        assertLe(p1, start, "MK-4: above start");
        assertGe(p2, floor, "MK-4: below floor");
    }

    /*//////////////////////////////////////////////////////////////
                               EXPONENTIAL
    //////////////////////////////////////////////////////////////*/

    function testExponentialAnchors() public pure {
        // gap 1e18, half-life 100 s, duration 1000 s.
        assertEq(AuctionLib.priceAt(2e18, 1e18, 1000, 100, 0), 2e18, "start");
        assertEq(AuctionLib.priceAt(2e18, 1e18, 1000, 100, 50), 1.75e18, "half a half-life: linear within the step");
        assertEq(AuctionLib.priceAt(2e18, 1e18, 1000, 100, 100), 1.5e18, "one half-life");
        assertEq(AuctionLib.priceAt(2e18, 1e18, 1000, 100, 200), 1.25e18, "two half-lives");
        assertEq(AuctionLib.priceAt(2e18, 1e18, 1000, 100, 300), 1.125e18, "three half-lives");
        // q = 9, r = 99: g = ceil(1e18 / 512) = 1.953125e15; g - floor(g * 99 / 200) = 9.86328125e14.
        assertEq(AuctionLib.priceAt(2e18, 1e18, 1000, 100, 999), 1e18 + 986_328_125_000_000, "just before the end");
        assertEq(AuctionLib.priceAt(2e18, 1e18, 1000, 100, 1000), 1e18, "end: the floor");
    }

    /// @dev At each half-life boundary the distance to the floor is `ceil(gap / 2^q)`.
    function testExponentialBoundariesAreCeilHalvings(uint256 start, uint256 floor, uint256 halfLife, uint256 q)
        public
        pure
    {
        start = bound(start, 2, MAX_PRICE);
        floor = bound(floor, 1, start - 1);
        halfLife = bound(halfLife, 1, 1 days);
        q = bound(q, 0, 200);
        uint256 gap = start - floor;
        uint256 expected = q >= 128 ? 1 : FixedPointMathLib.divUp(gap, 2 ** q); // gap < 2^128
        assertEq(AuctionLib.priceAt(start, floor, MAX_SECONDS, halfLife, q * halfLife), floor + expected);
    }

    /// MK-4 (exponential).
    function testExponentialMonotoneWithinBounds(
        uint256 start,
        uint256 floor,
        uint256 duration,
        uint256 halfLife,
        uint256 t1,
        uint256 t2
    ) public pure {
        (start, floor, duration) = _curve(start, floor, duration);
        halfLife = bound(halfLife, 1, MAX_SECONDS);
        t1 = bound(t1, 0, 2 * MAX_SECONDS);
        t2 = bound(t2, t1, 2 * MAX_SECONDS);
        uint256 p1 = AuctionLib.priceAt(start, floor, duration, halfLife, t1);
        uint256 p2 = AuctionLib.priceAt(start, floor, duration, halfLife, t2);
        assertGe(p1, p2, "MK-4: price rose");
        assertLe(p1, start, "MK-4: above start");
        assertGe(p2, floor, "MK-4: below floor");
    }

    /// MK-4 across a half-life boundary, where the curve switches step: the second before it is never cheaper
    /// than the boundary itself.
    function testExponentialMonotoneAcrossBoundary(uint256 start, uint256 floor, uint256 halfLife, uint256 q)
        public
        pure
    {
        start = bound(start, 2, MAX_PRICE);
        floor = bound(floor, 1, start - 1);
        halfLife = bound(halfLife, 1, 30 days);
        q = bound(q, 1, 140);
        uint256 at = q * halfLife;
        uint256 before = AuctionLib.priceAt(start, floor, MAX_SECONDS, halfLife, at - 1);
        assertGe(before, AuctionLib.priceAt(start, floor, MAX_SECONDS, halfLife, at));
    }

    /// @dev The drop to the floor at the end is at most `ceil(g / 2^floor((D - 1) / h))`.
    function testExponentialEndDropBounded(uint256 start, uint256 floor, uint256 duration, uint256 halfLife)
        public
        pure
    {
        (start, floor, duration) = _curve(start, floor, duration);
        duration = bound(duration, 2, 30 days);
        halfLife = bound(halfLife, 1, duration);
        uint256 q = (duration - 1) / halfLife;
        uint256 bound_ = q >= 128 ? 1 : FixedPointMathLib.divUp(start - floor, 2 ** q);
        assertLe(AuctionLib.priceAt(start, floor, duration, halfLife, duration - 1) - floor, bound_);
        assertEq(AuctionLib.priceAt(start, floor, duration, halfLife, duration), floor);
    }

    /// @dev The piecewise-linear halving is a chord of the convex `2^-x`, so it lies on or above the true
    /// exponential (maker-favourable) and at most 6.2% above it, relative to the distance to the floor.
    function testExponentialAboveTrueCurve(uint256 elapsed) public pure {
        uint256 gap = 1e30;
        uint256 halfLife = 3600;
        elapsed = bound(elapsed, 0, 20 * halfLife);
        uint256 dist = AuctionLib.priceAt(1e30 + 1e18, 1e18, MAX_SECONDS, halfLife, elapsed) - 1e18;
        // 2^(-e/h) = exp(-e ln2 / h)
        // At most 20 * ln2 * 1e18: fits.
        // forge-lint: disable-next-line(unsafe-typecast)
        int256 x = -int256(elapsed * 693_147_180_559_945_309 / halfLife);
        uint256 ideal = gap * uint256(FixedPointMathLib.expWad(x)) / 1e18;
        assertGe(dist * 1e9 + 1e9, ideal * (1e9 - 1), "below the true exponential");
        assertLe(dist * 1e9, ideal * 1.062e9 + 1e9, "more than 6.2% above it");
    }

    /*//////////////////////////////////////////////////////////////
                                 DOMAIN
    //////////////////////////////////////////////////////////////*/

    /// @dev At the extremes of the market's bounds the arithmetic does not overflow.
    function testExtremes() public pure {
        assertEq(AuctionLib.priceAt(MAX_PRICE, 1, MAX_SECONDS, 0, 0), MAX_PRICE);
        assertEq(
            AuctionLib.priceAt(MAX_PRICE, 1, MAX_SECONDS, 0, MAX_SECONDS - 1),
            1 + FixedPointMathLib.divUp(MAX_PRICE - 1, MAX_SECONDS)
        );
        assertEq(
            AuctionLib.priceAt(MAX_PRICE, 1, MAX_SECONDS, MAX_SECONDS, MAX_SECONDS - 1),
            1 + (MAX_PRICE - 1) - (MAX_PRICE - 1) * (MAX_SECONDS - 1) / (2 * MAX_SECONDS)
        );
        assertEq(AuctionLib.priceAt(MAX_PRICE, 1, MAX_SECONDS, 1, MAX_SECONDS - 1), 2, "2^-big rounds up to one wei");
    }
}

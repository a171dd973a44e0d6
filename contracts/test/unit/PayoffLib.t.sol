// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {PayoffLib} from "../../src/libraries/PayoffLib.sol";
import {Test} from "forge-std/Test.sol";

/// @notice Properties of the settlement payoff over the core's whole input range: amount, strike and x below
/// 2^128, x > 0.
contract PayoffLibTest is Test {
    uint256 internal constant MAX = type(uint128).max;
    uint256 internal constant WAD = 1e18;

    function testKnownValues() public pure {
        // S = 1500: at x = 3000 each side is worth half; at or below the strike P is worth 1 and N nothing.
        assertEq(PayoffLib.pPayout(1 ether, 1500 * WAD, 3000 * WAD), 0.5 ether);
        assertEq(PayoffLib.nPayout(1 ether, 1500 * WAD, 3000 * WAD), 0.5 ether);
        assertEq(PayoffLib.pPayout(1 ether, 1500 * WAD, 1500 * WAD), 1 ether);
        assertEq(PayoffLib.nPayout(1 ether, 1500 * WAD, 1500 * WAD), 0);
        assertEq(PayoffLib.pPayout(1 ether, 1500 * WAD, 1000 * WAD), 1 ether);
        assertEq(PayoffLib.nPayout(1 ether, 1500 * WAD, 1000 * WAD), 0);
        // Rounding: 10 wei at S/x = 1/3 pays 3 wei of P and 6 wei of N; 1 wei is dust.
        assertEq(PayoffLib.pPayout(10, 1000 * WAD, 3000 * WAD), 3);
        assertEq(PayoffLib.nPayout(10, 1000 * WAD, 3000 * WAD), 6);
    }

    /// @dev A pair pays its amount, less at most 1 wei.
    function testPairPaysAmountWithinOneWei(uint256 amount, uint256 strikeWad, uint256 xWad) public pure {
        (amount, strikeWad, xWad) = _bounded(amount, strikeWad, xWad);
        uint256 total = PayoffLib.pPayout(amount, strikeWad, xWad) + PayoffLib.nPayout(amount, strikeWad, xWad);
        assertLe(total, amount, "over-pays");
        assertGe(total + 1, amount, "dust > 1 wei");
    }

    /// @dev P pays exactly `floor(amount * min(S, x) / x)`: never more than its claim, less by under 1 wei.
    function testPPayoutIsFloorOfClaim(uint256 amount, uint256 strikeWad, uint256 xWad) public pure {
        (amount, strikeWad, xWad) = _bounded(amount, strikeWad, xWad);
        uint256 claimTimesX = amount * (strikeWad < xWad ? strikeWad : xWad);
        uint256 paid = PayoffLib.pPayout(amount, strikeWad, xWad);
        assertLe(paid * xWad, claimTimesX, "above claim");
        assertGt((paid + 1) * xWad, claimTimesX, "not the floor");
        assertLe(paid, amount, "above 1 per unit");
    }

    /// @dev N pays exactly `floor(amount * max(x - S, 0) / x)`.
    function testNPayoutIsFloorOfClaim(uint256 amount, uint256 strikeWad, uint256 xWad) public pure {
        (amount, strikeWad, xWad) = _bounded(amount, strikeWad, xWad);
        uint256 claimTimesX = amount * (xWad > strikeWad ? xWad - strikeWad : 0);
        uint256 paid = PayoffLib.nPayout(amount, strikeWad, xWad);
        assertLe(paid * xWad, claimTimesX, "above claim");
        assertGt((paid + 1) * xWad, claimTimesX, "not the floor");
        assertLe(paid, amount, "above 1 per unit");
    }

    function testAtOrBelowStrikePPaysAllNPaysNothing(uint256 amount, uint256 strikeWad, uint256 xWad) public pure {
        amount = bound(amount, 0, MAX);
        strikeWad = bound(strikeWad, 1, MAX);
        xWad = bound(xWad, 1, strikeWad);
        assertEq(PayoffLib.pPayout(amount, strikeWad, xWad), amount);
        assertEq(PayoffLib.nPayout(amount, strikeWad, xWad), 0);
    }

    /// @dev A higher x moves value from P to N.
    function testMonotonicInX(uint256 amount, uint256 strikeWad, uint256 x1, uint256 x2) public pure {
        (amount, strikeWad, x1) = _bounded(amount, strikeWad, x1);
        x2 = bound(x2, x1, MAX);
        assertGe(PayoffLib.pPayout(amount, strikeWad, x1), PayoffLib.pPayout(amount, strikeWad, x2), "P rises");
        assertLe(PayoffLib.nPayout(amount, strikeWad, x1), PayoffLib.nPayout(amount, strikeWad, x2), "N falls");
    }

    /// @dev A higher strike moves value from N to P.
    function testMonotonicInStrike(uint256 amount, uint256 s1, uint256 s2, uint256 xWad) public pure {
        (amount, s1, xWad) = _bounded(amount, s1, xWad);
        s2 = bound(s2, s1, MAX);
        assertLe(PayoffLib.pPayout(amount, s1, xWad), PayoffLib.pPayout(amount, s2, xWad), "P falls");
        assertGe(PayoffLib.nPayout(amount, s1, xWad), PayoffLib.nPayout(amount, s2, xWad), "N rises");
    }

    function testMonotonicInAmount(uint256 a1, uint256 a2, uint256 strikeWad, uint256 xWad) public pure {
        (a1, strikeWad, xWad) = _bounded(a1, strikeWad, xWad);
        a2 = bound(a2, a1, MAX);
        assertLe(PayoffLib.pPayout(a1, strikeWad, xWad), PayoffLib.pPayout(a2, strikeWad, xWad), "P");
        assertLe(PayoffLib.nPayout(a1, strikeWad, xWad), PayoffLib.nPayout(a2, strikeWad, xWad), "N");
    }

    /// @dev Redeeming in two pieces never pays more than redeeming at once (and at most 1 wei less), so
    /// splitting a redemption cannot extract value.
    function testPiecesNeverPayMore(uint256 a1, uint256 a2, uint256 strikeWad, uint256 xWad) public pure {
        (a1, strikeWad, xWad) = _bounded(a1, strikeWad, xWad);
        a2 = bound(a2, 0, MAX - a1);
        uint256 whole = PayoffLib.pPayout(a1 + a2, strikeWad, xWad);
        uint256 pieces = PayoffLib.pPayout(a1, strikeWad, xWad) + PayoffLib.pPayout(a2, strikeWad, xWad);
        assertLe(pieces, whole, "P pieces");
        assertLe(whole, pieces + 1, "P pieces lose > 1 wei");

        whole = PayoffLib.nPayout(a1 + a2, strikeWad, xWad);
        pieces = PayoffLib.nPayout(a1, strikeWad, xWad) + PayoffLib.nPayout(a2, strikeWad, xWad);
        assertLe(pieces, whole, "N pieces");
        assertLe(whole, pieces + 1, "N pieces lose > 1 wei");
    }

    function _bounded(uint256 amount, uint256 strikeWad, uint256 xWad)
        internal
        pure
        returns (uint256, uint256, uint256)
    {
        return (bound(amount, 0, MAX), bound(strikeWad, 0, MAX), bound(xWad, 1, MAX));
    }
}

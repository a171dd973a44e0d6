// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {VaultMath} from "../../../src/vault/libraries/VaultMath.sol";
import {Test} from "forge-std/Test.sol";

/// @notice `VaultMath`: exact values from the docs, then the properties each function promises (fuzzed).
contract VaultMathTest is Test {
    uint256 internal constant V = VaultMath.VIRTUAL_SHARES;
    uint256 internal constant MAX_128 = type(uint128).max;

    /*//////////////////////////////////////////////////////////////
                                 SHARES
    //////////////////////////////////////////////////////////////*/

    function testSharesFirstDepositIsOneToOne() public pure {
        assertEq(VaultMath.sharesFor(10 ether, 0, 0), 10 ether);
        assertEq(VaultMath.sharesFor(1, 0, 0), 1);
    }

    function testSharesExample() public pure {
        // 100 P held against 50 shares: a share is about 2 P, so 10 P buy about 5 shares, rounded down.
        assertEq(VaultMath.sharesFor(10 ether, 100 ether, 50 ether), (10 ether * (50 ether + V)) / (100 ether + V));
        assertEq(VaultMath.claimOf(5 ether, 100 ether, 50 ether), (5 ether * 100 ether) / (50 ether + V));
    }

    /// @dev VT-1 for a deposit: the holdings per share never fall, `(H + a) / (T + s + V) >= H / (T + V)`.
    function testFuzzDepositNeverDilutes(uint256 held, uint256 supply, uint256 amount) public pure {
        held = bound(held, 0, 1e36);
        supply = bound(supply, 0, 1e36);
        amount = bound(amount, 1, 1e36);
        uint256 shares = VaultMath.sharesFor(amount, held, supply);
        // cross-multiplied: (H + a)(T + V) >= H(T + s + V)  <=>  a(T + V) >= H s
        assertGe(amount * (supply + V), held * shares);
        // and the depositor's own claim never exceeds what it brought
        assertLe(VaultMath.claimOf(shares, held + amount, supply + shares), amount);
    }

    /// @dev VT-1 for a withdrawal and VT-2: what is paid never exceeds the exact share, and never the holdings.
    function testFuzzClaimBounded(uint256 held, uint256 supply, uint256 shares) public pure {
        held = bound(held, 0, MAX_128);
        supply = bound(supply, 0, MAX_128);
        shares = bound(shares, 0, supply);
        uint256 claim = VaultMath.claimOf(shares, held, supply);
        assertLe(claim * (supply + V), shares * held, "rounded down");
        assertLe(claim, held, "within holdings");
        if (held > 0) assertLt(VaultMath.claimOf(supply, held, supply), held + 1);
        // the holdings per share of the rest never fall: (H - c)(T + V) >= H (T - s + V)
        assertGe((held - claim) * (supply + V), held * (supply - shares + V));
    }

    /// @dev An inflation attack: 1 wei first, then a donation of `d` P; a victim depositing `a` still gets shares
    /// unless `d` is about `V` times larger than `a`, and the attacker gets back almost nothing of `d`.
    function testFuzzInflationAttackCostsTheAttacker(uint256 donation, uint256 amount) public pure {
        donation = bound(donation, 1, 1e30);
        amount = bound(amount, 1e12, 1e30);
        uint256 attacker = VaultMath.sharesFor(1, 0, 0);
        uint256 held = 1 + donation;
        uint256 victim = VaultMath.sharesFor(amount, held, attacker);
        if (donation < amount * V / 2) assertGt(victim, 0, "victim gets shares");
        uint256 attackerClaim = VaultMath.claimOf(attacker, held + amount, attacker + victim);
        assertLe(attackerClaim, 1 + (donation + amount) / V + 1, "the attacker recovers about 1/V of the pot");
    }

    /*//////////////////////////////////////////////////////////////
                                 GRIDS
    //////////////////////////////////////////////////////////////*/

    function testStrikeGridExamples() public pure {
        assertEq(VaultMath.strikeGridDown(171.71e18, 2), 170e18);
        assertEq(VaultMath.strikeGridDown(85.85e18, 2), 85e18);
        assertEq(VaultMath.strikeGridDown(1234e18, 2), 1200e18);
        assertEq(VaultMath.strikeGridDown(1234e18, 3), 1230e18);
        assertEq(VaultMath.strikeGridDown(1500e18, 2), 1500e18);
        assertEq(VaultMath.strikeGridDown(99, 2), 99);
        assertEq(VaultMath.strikeGridDown(999, 2), 990);
        assertEq(VaultMath.strikeGridDown(0, 2), 0);
    }

    function testFuzzStrikeGrid(uint256 value, uint256 sigFigs) public pure {
        value = bound(value, 1, MAX_128);
        sigFigs = bound(sigFigs, 1, 38);
        uint256 g = VaultMath.strikeGridDown(value, sigFigs);
        assertLe(g, value, "down");
        assertGt(g, 0);
        // within one unit of the last kept digit: value < g + 10^(digits - sigFigs), i.e. g > value * (1 - 10^(1-sig))
        assertGe(g * (10 ** sigFigs), value * (10 ** (sigFigs - 1)), "loses less than one leading digit's step");
        assertEq(VaultMath.strikeGridDown(g, sigFigs), g, "idempotent");
    }

    function testNextMaturityExamples() public pure {
        assertEq(VaultMath.nextMaturity(100, 1000, 7), 1000, "before the origin");
        assertEq(VaultMath.nextMaturity(1000, 1000, 7), 1000, "on the origin");
        assertEq(VaultMath.nextMaturity(1001, 1000, 7), 1007);
        assertEq(VaultMath.nextMaturity(1007, 1000, 7), 1007);
    }

    function testFuzzNextMaturity(uint256 t, uint256 origin, uint256 period) public pure {
        t = bound(t, 0, type(uint40).max);
        origin = bound(origin, 0, type(uint40).max);
        period = bound(period, 1, 365 days);
        uint256 m = VaultMath.nextMaturity(t, origin, period);
        assertGe(m, t);
        assertGe(m, origin);
        assertEq((m - origin) % period, 0, "on the grid");
        if (m > origin) assertLt(m - period, t, "the first one");
    }

    /*//////////////////////////////////////////////////////////////
                                 PRICES
    //////////////////////////////////////////////////////////////*/

    function testRefExamples() public pure {
        assertEq(VaultMath.rollRefWad(1500e18, 1200e18), 1.25e18);
        assertEq(VaultMath.rollRefWad(120e18, 85e18), 1_411_764_705_882_352_942, "rounded up");
        assertEq(VaultMath.saleRefWad(3000e18, 1500e18), 1e18);
        assertEq(VaultMath.saleRefWad(2000e18, 1500e18), 333_333_333_333_333_334, "rounded up");
    }

    function testCurveExamples() public pure {
        (uint256 s, uint256 f) = VaultMath.curve(1.25e18, 10_200, 9800);
        assertEq(s, 1.275e18);
        assertEq(f, 1.225e18);
        (s, f) = VaultMath.curve(1, 10_200, 9800);
        assertEq(f, 1, "floor at least 1");
        assertEq(s, 2, "start strictly above");
        (s, f) = VaultMath.curve(type(uint256).max / 1e5, 10_200, 9800);
        assertEq(s, MAX_128, "start capped below 2^128");
        assertEq(f, MAX_128 - 1);
    }

    function testFuzzCurve(uint256 ref, uint256 startBps, uint256 floorBps) public pure {
        ref = bound(ref, 1, MAX_128);
        floorBps = bound(floorBps, 1, 99_999);
        startBps = bound(startBps, floorBps + 1, 100_000);
        (uint256 s, uint256 f) = VaultMath.curve(ref, startBps, floorBps);
        assertGt(s, f);
        assertGt(f, 0);
        assertLe(s, MAX_128);
        if (ref * startBps / 10_000 < MAX_128) assertGe(f * 10_000, ref * floorBps, "floor rounded up");
    }

    function testFuzzReward(uint256 amount, uint256 bps, uint256 cap) public pure {
        amount = bound(amount, 0, MAX_128);
        bps = bound(bps, 0, 100);
        uint256 r = VaultMath.reward(amount, bps, cap);
        assertLe(r, cap);
        assertLe(r * 10_000, amount * bps);
        assertLe(r, amount / 100, "at most 1%");
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IIndexOracle} from "../../src/interfaces/IIndexOracle.sol";
import {PayoffLib} from "../../src/libraries/PayoffLib.sol";
import {SeriesId, SeriesKey, SeriesKeyLib} from "../../src/types/SeriesKey.sol";
import {TypeScriptFfi} from "./utils/TypeScriptFfi.sol";
import {Vm} from "forge-std/Vm.sol";

/// @notice Differential tests: PayoffLib and SeriesKeyLib against their TypeScript mirror in `packages/core`.
/// Tolerance: none. Payoffs and ids must be EXACTLY equal on every input the core accepts
/// (amount, strike, x < 2^128 and x > 0; see PN-4).
contract PayoffDifferentialTest is TypeScriptFfi {
    uint256 internal constant MAX_UINT128 = type(uint128).max;

    /*//////////////////////////////////////////////////////////////
                                 PAYOFF
    //////////////////////////////////////////////////////////////*/

    /// @dev Bounds fuzz inputs to what the core accepts. With `nearStrike` the strike lands within 4 of x, where
    /// the two branches of each payoff meet.
    function _boundPayoff(uint256 amount, uint256 strikeWad, uint256 xWad, bool nearStrike)
        internal
        pure
        returns (uint256, uint256, uint256)
    {
        amount = bound(amount, 0, MAX_UINT128);
        xWad = bound(xWad, 1, MAX_UINT128);
        if (nearStrike) {
            uint256 low = xWad > 4 ? xWad - 4 : 0;
            uint256 high = xWad < MAX_UINT128 - 4 ? xWad + 4 : MAX_UINT128;
            strikeWad = bound(strikeWad, low, high);
        } else {
            strikeWad = bound(strikeWad, 0, MAX_UINT128);
        }
        return (amount, strikeWad, xWad);
    }

    /// forge-config: default.fuzz.runs = 64
    function testFuzz_pPayout_matchesTypeScript(uint256 amount, uint256 strikeWad, uint256 xWad, bool nearStrike)
        public
    {
        (amount, strikeWad, xWad) = _boundPayoff(amount, strikeWad, xWad, nearStrike);
        uint256 expected = abi.decode(_ts("pPayout", _args(amount, strikeWad, xWad)), (uint256));
        assertEq(PayoffLib.pPayout(amount, strikeWad, xWad), expected, "pPayout: Solidity != TypeScript");
    }

    /// forge-config: default.fuzz.runs = 64
    function testFuzz_nPayout_matchesTypeScript(uint256 amount, uint256 strikeWad, uint256 xWad, bool nearStrike)
        public
    {
        (amount, strikeWad, xWad) = _boundPayoff(amount, strikeWad, xWad, nearStrike);
        uint256 expected = abi.decode(_ts("nPayout", _args(amount, strikeWad, xWad)), (uint256));
        assertEq(PayoffLib.nPayout(amount, strikeWad, xWad), expected, "nPayout: Solidity != TypeScript");
    }

    /// @notice Fixed edge cases, checked in one process: the bounds, x == S, x = S +- 1, the worked example.
    function test_payoff_edgeCases_matchTypeScript() public {
        uint256 M = MAX_UINT128;
        uint256[3][14] memory cases = [
            [uint256(1e18), 1500e18, 1200e18], // BRIEF: x < S, P pays all
            [uint256(1e18), 1500e18, 2500e18], // BRIEF: P 0.6, N 0.4
            [uint256(10), 1, 3], // 1 wei dust
            [uint256(1), 1, 3], // both sides round to 0
            [uint256(0), 1500e18, 2500e18],
            [M, M, M], // x == S at the top
            [M, M - 1, M], // x = S + 1
            [M, M, M - 1], // x = S - 1
            [M, 0, M], // zero strike: N takes all
            [M, 0, 1],
            [M, M, 1], // x = 1
            [M, 1, M],
            [uint256(1), M - 1, M],
            [M - 1, M / 2, M]
        ];
        string[] memory args = new string[](cases.length * 3);
        for (uint256 i; i < cases.length; ++i) {
            for (uint256 j; j < 3; ++j) {
                args[3 * i + j] = vm.toString(cases[i][j]);
            }
        }
        uint256[] memory expected = abi.decode(_ts("payoutBatch", args), (uint256[]));
        assertEq(expected.length, 2 * cases.length, "batch length");
        for (uint256 i; i < cases.length; ++i) {
            (uint256 a, uint256 s, uint256 x) = (cases[i][0], cases[i][1], cases[i][2]);
            assertEq(PayoffLib.pPayout(a, s, x), expected[2 * i], string.concat("pPayout case ", vm.toString(i)));
            assertEq(PayoffLib.nPayout(a, s, x), expected[2 * i + 1], string.concat("nPayout case ", vm.toString(i)));
        }
    }

    /// @notice The mirror rejects what the core rejects: x = 0, x = 2^128 (InvalidSettlementValue) and an amount of
    /// 2^128 (AmountOverflow).
    function test_typeScript_rejectsOutOfRange() public {
        _assertRejected(_args(1, 1, 0), "InvalidSettlementValueError");
        _assertRejected(_args(1, 1, MAX_UINT128 + 1), "InvalidSettlementValueError");
        _assertRejected(_args(MAX_UINT128 + 1, 1, 1), "AmountOutOfRangeError");
    }

    function _assertRejected(string[] memory args, string memory errorName) internal {
        Vm.FfiResult memory result = _tryTs("pPayout", args);
        assertEq(int256(result.exitCode), 1, "exit code");
        assertEq(result.stdout.length, 0, "no output");
        assertTrue(vm.contains(string(result.stderr), errorName), string(result.stderr));
    }

    /*//////////////////////////////////////////////////////////////
                                SERIES ID
    //////////////////////////////////////////////////////////////*/

    /// forge-config: default.fuzz.runs = 64
    function testFuzz_seriesId_matchesTypeScript(
        address collateral,
        address oracle,
        bytes32 indexId,
        uint128 strikeWad,
        uint40 maturity
    ) public {
        SeriesKey memory key = SeriesKey(collateral, IIndexOracle(oracle), indexId, strikeWad, maturity);
        string[] memory args = new string[](5);
        args[0] = vm.toString(collateral);
        args[1] = vm.toString(oracle);
        args[2] = vm.toString(indexId);
        args[3] = vm.toString(strikeWad);
        args[4] = vm.toString(maturity);
        bytes32 expected = abi.decode(_ts("seriesId", args), (bytes32));
        assertEq(SeriesId.unwrap(SeriesKeyLib.toId(key)), expected, "seriesId: Solidity != TypeScript");
    }

    /// @notice The vector pinned in packages/core/test/series.test.ts (computed there by hand and with `cast keccak`).
    function test_seriesId_pinnedVector() public pure {
        SeriesKey memory key = SeriesKey({
            collateral: 0x1111111111111111111111111111111111111111,
            oracle: IIndexOracle(0x2222222222222222222222222222222222222222),
            indexId: bytes32("USD"),
            strikeWad: 1500e18,
            maturity: 1_798_675_200 // 2026-12-31T00:00:00Z
        });
        assertEq(
            SeriesId.unwrap(SeriesKeyLib.toId(key)), 0x01cfc60c469c208df738b9cc6bc00a7999b770914a54919c8b663f9cf9255fa3
        );
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AuctionLib} from "../../src/market/libraries/AuctionLib.sol";
import {OrderLib} from "../../src/market/libraries/OrderLib.sol";
import {Test} from "forge-std/Test.sol";
import {Vm} from "forge-std/Vm.sol";

/// @notice Differential tests: AuctionLib's curve and OrderLib's rounding sites against their TypeScript mirror
/// (`packages/core/src/auction.ts`, run through `packages/core/scripts/ffi-auction.ts`).
/// Tolerance: none. Prices, escrows, costs and proceeds must be EXACTLY equal on every input the market stores
/// (prices and amounts below 2^128, floor <= start, duration and half-life below 2^32; see MK-3, MK-4).
/// Each ffi call spawns a Node process (~60 ms): each fuzz run evaluates a whole batch of times in one call.
contract AuctionDifferentialTest is Test {
    string internal constant FFI_SCRIPT = "../packages/core/scripts/ffi-auction.ts";
    uint256 internal constant MAX_PRICE = type(uint128).max;
    uint256 internal constant MAX_SECONDS = type(uint32).max;

    /*//////////////////////////////////////////////////////////////
                                  FFI
    //////////////////////////////////////////////////////////////*/

    function _tryTs(string memory command, string[] memory args) internal returns (Vm.FfiResult memory) {
        string[] memory inputs = new string[](args.length + 3);
        inputs[0] = "node";
        inputs[1] = FFI_SCRIPT;
        inputs[2] = command;
        for (uint256 i; i < args.length; ++i) {
            inputs[i + 3] = args[i];
        }
        return vm.tryFfi(inputs);
    }

    function _ts(string memory command, string[] memory args) internal returns (bytes memory) {
        Vm.FfiResult memory result = _tryTs(command, args);
        assertEq(int256(result.exitCode), 0, string.concat("ffi-auction failed: ", string(result.stderr)));
        return result.stdout;
    }

    /// @dev `[start, floor, duration, halfLife, elapsed...]` as decimal strings.
    function _curveArgs(uint256 s, uint256 f, uint256 d, uint256 h, uint256[] memory elapsed)
        internal
        pure
        returns (string[] memory args)
    {
        args = new string[](4 + elapsed.length);
        args[0] = vm.toString(s);
        args[1] = vm.toString(f);
        args[2] = vm.toString(d);
        args[3] = vm.toString(h);
        for (uint256 i; i < elapsed.length; ++i) {
            args[4 + i] = vm.toString(elapsed[i]);
        }
    }

    /// @dev External, so a revert can be expected.
    function priceAtExternal(uint256 s, uint256 f, uint256 d, uint256 h, uint256 e) external pure returns (uint256) {
        return AuctionLib.priceAt(s, f, d, h, e);
    }

    /*//////////////////////////////////////////////////////////////
                                 CURVE
    //////////////////////////////////////////////////////////////*/

    /// @dev Curve terms as the market stores them. kind 0: flat; 1: linear; 2: exponential.
    function _boundCurve(uint256 s, uint256 f, uint256 d, uint256 h, uint8 kind)
        internal
        pure
        returns (uint256, uint256, uint256, uint256)
    {
        s = bound(s, 2, MAX_PRICE);
        if (kind % 3 == 0) return (s, s, 0, 0);
        f = bound(f, 1, s - 1);
        d = bound(d, 1, MAX_SECONDS);
        h = kind % 3 == 1 ? 0 : bound(h, 1, MAX_SECONDS);
        return (s, f, d, h);
    }

    /// @notice The curve at six times per run: the start, a random time, a half-life boundary and the second
    /// before it, the second before the end and the end itself.
    /// forge-config: default.fuzz.runs = 48
    function testFuzz_priceAt_matchesTypeScript(uint256 s, uint256 f, uint256 d, uint256 h, uint256 e, uint8 kind)
        public
    {
        (s, f, d, h) = _boundCurve(s, f, d, h, kind);
        uint256[] memory elapsed = new uint256[](6);
        elapsed[1] = bound(e, 0, 2 * MAX_SECONDS);
        uint256 boundary = h == 0 ? d / 2 : (bound(e, 0, 300) * h) % (MAX_SECONDS + 1);
        elapsed[2] = boundary;
        elapsed[3] = boundary == 0 ? 0 : boundary - 1;
        elapsed[4] = d == 0 ? 0 : d - 1;
        elapsed[5] = d;
        uint256[] memory expected = abi.decode(_ts("priceAtBatch", _curveArgs(s, f, d, h, elapsed)), (uint256[]));
        assertEq(expected.length, elapsed.length, "batch length");
        for (uint256 i; i < elapsed.length; ++i) {
            assertEq(
                AuctionLib.priceAt(s, f, d, h, elapsed[i]),
                expected[i],
                string.concat("priceAt: Solidity != TypeScript at elapsed ", vm.toString(elapsed[i]))
            );
        }
    }

    /// @notice The anchors of AuctionLib.t.sol and docs/market.md, in one process.
    function test_priceAt_anchors_matchTypeScript() public {
        uint256[] memory elapsed = new uint256[](8);
        (elapsed[0], elapsed[1], elapsed[2], elapsed[3]) = (0, 50, 100, 300);
        (elapsed[4], elapsed[5], elapsed[6], elapsed[7]) = (999, 1000, 1001, 10 ** 12);
        uint256[] memory expected =
            abi.decode(_ts("priceAtBatch", _curveArgs(2e18, 1e18, 1000, 100, elapsed)), (uint256[]));
        for (uint256 i; i < elapsed.length; ++i) {
            assertEq(AuctionLib.priceAt(2e18, 1e18, 1000, 100, elapsed[i]), expected[i], "exponential anchor");
        }
        uint256[] memory one = new uint256[](1);
        one[0] = 21_600;
        expected = abi.decode(_ts("priceAtBatch", _curveArgs(1.6e18, 1.45e18, 172_800, 0, one)), (uint256[]));
        assertEq(expected[0], 1.58125e18, "docs/market.md roll order");
        assertEq(AuctionLib.priceAt(1.6e18, 1.45e18, 172_800, 0, 21_600), expected[0]);
        one[0] = MAX_SECONDS - 1;
        expected = abi.decode(_ts("priceAtBatch", _curveArgs(MAX_PRICE, 1, MAX_SECONDS, 1, one)), (uint256[]));
        assertEq(AuctionLib.priceAt(MAX_PRICE, 1, MAX_SECONDS, 1, MAX_SECONDS - 1), expected[0], "2^-big");
    }

    /// @notice Where the Solidity code reverts (floor above start inside the curve: checked subtraction), the
    /// mirror rejects with AuctionMathError.
    function test_typeScript_rejectsWhatSolidityReverts() public {
        vm.expectRevert();
        this.priceAtExternal(1, 2, 10, 0, 0);
        uint256[] memory zero = new uint256[](1);
        Vm.FfiResult memory result = _tryTs("priceAtBatch", _curveArgs(1, 2, 10, 0, zero));
        assertEq(int256(result.exitCode), 1, "exit code");
        assertEq(result.stdout.length, 0, "no output");
        assertTrue(vm.contains(string(result.stderr), "AuctionMathError"), string(result.stderr));
    }

    /*//////////////////////////////////////////////////////////////
                                ROUNDING
    //////////////////////////////////////////////////////////////*/

    /// @notice escrowUp, costUp and proceedsDown, with half the runs on dust amounts (where rounding shows).
    /// forge-config: default.fuzz.runs = 48
    function testFuzz_rounding_matchesTypeScript(uint256 amount, uint256 priceWad, bool dust) public {
        amount = dust ? bound(amount, 0, 1e6) : bound(amount, 0, MAX_PRICE);
        priceWad = bound(priceWad, 1, MAX_PRICE);
        string[] memory args = new string[](2);
        args[0] = vm.toString(amount);
        args[1] = vm.toString(priceWad);
        (uint256 escrow, uint256 cost, uint256 proceeds) =
            abi.decode(_ts("rounding", args), (uint256, uint256, uint256));
        assertEq(OrderLib.escrowUp(amount, priceWad), escrow, "escrowUp: Solidity != TypeScript");
        assertEq(OrderLib.costUp(amount, priceWad), cost, "costUp: Solidity != TypeScript");
        assertEq(OrderLib.proceedsDown(amount, priceWad), proceeds, "proceedsDown: Solidity != TypeScript");
    }
}

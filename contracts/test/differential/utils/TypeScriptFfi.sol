// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {Vm} from "forge-std/Vm.sol";

/// @notice Runs the TypeScript mirror (`packages/core/scripts/ffi-payoff.ts`) through `vm.ffi`.
/// @dev forge runs with cwd `contracts/`, so the script path is relative to it, and `node` must be Node >= 24 on
/// PATH (`node_modules/.bin` does that). The script prints ABI-encoded hex, which forge decodes to bytes.
/// Each call spawns a process (~60 ms, ~150 ms for `seriesId`): keep fuzz runs of differential tests small.
abstract contract TypeScriptFfi is Test {
    string internal constant FFI_SCRIPT = "../packages/core/scripts/ffi-payoff.ts";

    /// @notice Runs `node ffi-payoff.ts <command> <args...>` and returns its exit code, decoded stdout and stderr.
    function _tryTs(string memory command, string[] memory args) internal returns (Vm.FfiResult memory result) {
        string[] memory inputs = new string[](args.length + 3);
        inputs[0] = "node";
        inputs[1] = FFI_SCRIPT;
        inputs[2] = command;
        for (uint256 i; i < args.length; ++i) {
            inputs[i + 3] = args[i];
        }
        result = vm.tryFfi(inputs);
    }

    /// @notice As `_tryTs`, but fails the test, showing the script's stderr, unless it exits 0.
    function _ts(string memory command, string[] memory args) internal returns (bytes memory) {
        Vm.FfiResult memory result = _tryTs(command, args);
        assertEq(int256(result.exitCode), 0, string.concat("ffi-payoff failed: ", string(result.stderr)));
        return result.stdout;
    }

    /// @notice The three decimal arguments of a payoff call.
    function _args(uint256 a, uint256 b, uint256 c) internal pure returns (string[] memory args) {
        args = new string[](3);
        args[0] = vm.toString(a);
        args[1] = vm.toString(b);
        args[2] = vm.toString(c);
    }
}

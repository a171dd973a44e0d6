// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {BaseTest} from "./BaseTest.sol";

/// @notice Measures execution gas of one call, made as its own transaction (run with `isolate = true`):
/// the transaction's gas minus the 21,000 base and the calldata cost (EIP-2028: 16 per non-zero byte,
/// 4 per zero byte). That is the figure comparable across protocols, independent of calldata layout.
abstract contract GasMeter is BaseTest {
    uint256 private constant TX_BASE = 21_000;

    function measure(string memory name, address caller, bytes memory data) internal {
        _measure(name, address(core), caller, 0, data);
    }

    function measureWithValue(string memory name, address caller, uint256 value, bytes memory data) internal {
        _measure(name, address(core), caller, value, data);
    }

    function measureOn(string memory name, address target, address caller, bytes memory data) internal {
        _measure(name, target, caller, 0, data);
    }

    function _measure(string memory name, address target, address caller, uint256 value, bytes memory data) private {
        vm.prank(caller);
        (bool ok, bytes memory ret) = target.call{value: value}(data);
        if (!ok) {
            assembly ("memory-safe") {
                revert(add(ret, 0x20), mload(ret))
            }
        }
        uint256 total = vm.lastCallGas().gasTotalUsed;
        vm.snapshotValue(name, total - intrinsicGas(data));
    }

    function intrinsicGas(bytes memory data) internal pure returns (uint256 gas) {
        gas = TX_BASE;
        for (uint256 i; i < data.length; ++i) {
            gas += data[i] == 0 ? 4 : 16;
        }
    }
}

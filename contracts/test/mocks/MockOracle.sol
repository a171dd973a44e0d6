// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IIndexOracle} from "../../src/interfaces/IIndexOracle.sol";

/// @notice An oracle whose answer the test sets directly, including answers a real oracle should never give
/// (a changing final value, zero, or a value of 2^128 or more).
contract MockOracle is IIndexOracle {
    bool public isFinal;
    uint256 public valueWad;

    function set(bool isFinal_, uint256 valueWad_) external {
        isFinal = isFinal_;
        valueWad = valueWad_;
    }

    /// @inheritdoc IIndexOracle
    function finalValue(bytes32, uint256) external view returns (bool, uint256) {
        return (isFinal, valueWad);
    }
}

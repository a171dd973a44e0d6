// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IIndexOracle} from "../interfaces/IIndexOracle.sol";

/// @title DevOracle
/// @notice A stand-in oracle for local devnets and tests: its deployer posts final values directly.
/// It has none of the slow oracle's bonds or disputes and must never back a live series.
contract DevOracle is IIndexOracle {
    error OnlyReporter(address caller);
    error AlreadyReported(bytes32 indexId, uint256 timestamp, uint256 valueWad);
    error ZeroValue();

    event Reported(bytes32 indexed indexId, uint256 indexed timestamp, uint256 valueWad);

    address public immutable reporter;
    mapping(bytes32 indexId => mapping(uint256 timestamp => uint256 valueWad)) public reported;

    constructor() {
        reporter = msg.sender;
    }

    /// @notice Posts the final value of `indexId` at `timestamp`, once.
    function report(bytes32 indexId, uint256 timestamp, uint256 valueWad) external {
        if (msg.sender != reporter) revert OnlyReporter(msg.sender);
        if (valueWad == 0) revert ZeroValue();
        uint256 existing = reported[indexId][timestamp];
        if (existing != 0) revert AlreadyReported(indexId, timestamp, existing);
        reported[indexId][timestamp] = valueWad;
        emit Reported(indexId, timestamp, valueWad);
    }

    /// @inheritdoc IIndexOracle
    function finalValue(bytes32 indexId, uint256 timestamp) external view returns (bool isFinal, uint256 valueWad) {
        valueWad = reported[indexId][timestamp];
        isFinal = valueWad != 0;
    }
}

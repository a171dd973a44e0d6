// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IIndexOracle
/// @notice The only question the core ever asks an oracle: "what was index `indexId` at time `timestamp`?",
/// asked after `timestamp`. The answer may take hours or days to become final; the core waits for it.
interface IIndexOracle {
    /// @notice The final value of `indexId` at `timestamp`, if there is one.
    /// @param indexId The index, as named by this oracle.
    /// @param timestamp The instant asked about (a series' maturity).
    /// @return isFinal True once the answer can never change again.
    /// @return valueWad x: index units per whole collateral unit, scaled by 1e18. Meaningful only if `isFinal`.
    function finalValue(bytes32 indexId, uint256 timestamp) external view returns (bool isFinal, uint256 valueWad);
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {SeriesId, SeriesKey, Side} from "../types/SeriesKey.sol";

/// @title IPNToken
/// @notice A P or N token: a plain ERC-20 with EIP-2612 permit, whose balances live in the core.
/// It works in any wallet or DEX. Each token is a minimal proxy whose immutable args carry its series key and
/// side, so it describes itself: `seriesKey()`, `side()`, and a readable symbol such as `P-USD-1500-20261231`.
interface IPNToken {
    error OnlyCore(address caller);
    error InvalidRecipient(address to);

    /// @notice The core that keeps this token's balances.
    function core() external view returns (address);
    /// @notice The series this token belongs to.
    function seriesKey() external view returns (SeriesKey memory);
    /// @notice The series id.
    function seriesId() external view returns (SeriesId);
    /// @notice P or N.
    function side() external view returns (Side);
    /// @notice Emits the ERC-20 `Transfer` event for a mint, burn or move done by the core. Core only.
    function emitTransfer(address from, address to, uint256 amount) external;
}

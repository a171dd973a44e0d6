// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice The canonical wrapped-ether interface used for the native ETH paths.
interface IWETH {
    function deposit() external payable;
    function withdraw(uint256 amount) external;
}

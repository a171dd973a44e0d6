// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {WETH} from "solady/tokens/WETH.sol";

/// @notice Wrapped ether for local devnets and tests. On a live chain the core uses the chain's canonical WETH.
contract DevWETH is WETH {}

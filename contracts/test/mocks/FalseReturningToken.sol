// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "solady/tokens/ERC20.sol";

/// @notice A token that, once `failing` is set, answers `transfer` and `transferFrom` with `false` and moves
/// nothing instead of reverting.
contract FalseReturningToken is ERC20 {
    bool public failing;

    function name() public pure override returns (string memory) {
        return "False Returning";
    }

    function symbol() public pure override returns (string memory) {
        return "FRT";
    }

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function setFailing(bool failing_) external {
        failing = failing_;
    }

    function transfer(address to, uint256 amount) public override returns (bool) {
        if (failing) return false;
        return super.transfer(to, amount);
    }

    function transferFrom(address from, address to, uint256 amount) public override returns (bool) {
        if (failing) return false;
        return super.transferFrom(from, to, amount);
    }
}

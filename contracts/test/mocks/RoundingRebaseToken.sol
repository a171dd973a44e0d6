// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "solady/tokens/ERC20.sol";

/// @notice A share-based rebasing token with stETH's rounding corner case, made deterministic: the sender is
/// debited the full amount but the recipient is credited 1 wei less, the wei lost to share rounding.
contract RoundingRebaseToken is ERC20 {
    function name() public pure override returns (string memory) {
        return "Rounding Rebase";
    }

    function symbol() public pure override returns (string memory) {
        return "RRB";
    }

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function transfer(address to, uint256 amount) public override returns (bool) {
        _moveRoundingDown(msg.sender, to, amount);
        return true;
    }

    function transferFrom(address from, address to, uint256 amount) public override returns (bool) {
        _spendAllowance(from, msg.sender, amount);
        _moveRoundingDown(from, to, amount);
        return true;
    }

    function _moveRoundingDown(address from, address to, uint256 amount) private {
        if (amount == 0) return _transfer(from, to, 0);
        _burn(from, 1);
        _transfer(from, to, amount - 1);
    }
}

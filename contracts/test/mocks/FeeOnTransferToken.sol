// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "solady/tokens/ERC20.sol";

/// @notice Burns a 1% fee, rounded up, from every transfer: the recipient gets less than was sent.
contract FeeOnTransferToken is ERC20 {
    uint256 public constant FEE_BPS = 100;

    function name() public pure override returns (string memory) {
        return "Fee On Transfer";
    }

    function symbol() public pure override returns (string memory) {
        return "FEE";
    }

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice The fee taken from a transfer of `amount`: at least 1 wei for any non-zero amount.
    function feeOf(uint256 amount) public pure returns (uint256) {
        return (amount * FEE_BPS + 9999) / 10_000;
    }

    function transfer(address to, uint256 amount) public override returns (bool) {
        _moveWithFee(msg.sender, to, amount);
        return true;
    }

    function transferFrom(address from, address to, uint256 amount) public override returns (bool) {
        _spendAllowance(from, msg.sender, amount);
        _moveWithFee(from, to, amount);
        return true;
    }

    function _moveWithFee(address from, address to, uint256 amount) private {
        uint256 fee = feeOf(amount);
        _burn(from, fee);
        _transfer(from, to, amount - fee);
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "solady/tokens/ERC20.sol";

/// @notice A token that, once armed, makes one call of the test's choosing (e.g. back into the core) from inside
/// its next `transfer` or `transferFrom`, records how that call ended, then completes the transfer normally.
/// Recording rather than bubbling keeps the inner revert reason observable: SafeTransferLib replaces a reverting
/// transfer's reason with its own `TransferFromFailed()` / `TransferFailed()`.
contract ReentrantToken is ERC20 {
    address public target;
    bytes public callData;

    bool public reentered;
    bool public reentrySucceeded;
    bytes public reentryResult;

    function name() public pure override returns (string memory) {
        return "Reentrant";
    }

    function symbol() public pure override returns (string memory) {
        return "REE";
    }

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice Arms the hook: the next transfer calls `target_` with `callData_`.
    function arm(address target_, bytes calldata callData_) external {
        target = target_;
        callData = callData_;
    }

    function transfer(address to, uint256 amount) public override returns (bool) {
        _reenter();
        return super.transfer(to, amount);
    }

    function transferFrom(address from, address to, uint256 amount) public override returns (bool) {
        _reenter();
        return super.transferFrom(from, to, amount);
    }

    function _reenter() private {
        address t = target;
        if (t == address(0)) return;
        target = address(0);
        reentered = true;
        (reentrySucceeded, reentryResult) = t.call(callData);
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice The read side of a Uniswap-V2-style pair, with reserves the test sets directly. The keeper's
/// PoolPriceSource reads `token0` and `getReserves` from it, at historical blocks.
contract MockV2Pair {
    address public immutable token0;
    address public immutable token1;

    uint112 private _reserve0;
    uint112 private _reserve1;
    uint32 private _blockTimestampLast;

    event Sync(uint112 reserve0, uint112 reserve1);

    constructor(address token0_, address token1_) {
        token0 = token0_;
        token1 = token1_;
    }

    function setReserves(uint112 reserve0, uint112 reserve1) external {
        _reserve0 = reserve0;
        _reserve1 = reserve1;
        _blockTimestampLast = uint32(block.timestamp);
        emit Sync(reserve0, reserve1);
    }

    function getReserves() external view returns (uint112 reserve0, uint112 reserve1, uint32 blockTimestampLast) {
        return (_reserve0, _reserve1, _blockTimestampLast);
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IPNCore} from "../interfaces/IPNCore.sol";
import {IPNToken} from "../interfaces/IPNToken.sol";
import {SeriesNameLib} from "../libraries/SeriesNameLib.sol";
import {SeriesId, SeriesKey, SeriesKeyLib, Side} from "../types/SeriesKey.sol";
import {ERC20} from "solady/tokens/ERC20.sol";
import {LibClone} from "solady/utils/LibClone.sol";

/// @title PNToken
/// @notice The implementation behind every P and N token. Each token is a clone of it whose immutable args are
/// the packed series key and the side. Allowances, nonces and permit are Solady's ERC20, kept in the clone's
/// own storage; balances and supply live in the core, which the token asks to move them.
contract PNToken is ERC20, IPNToken {
    /// @inheritdoc IPNToken
    address public immutable core;

    constructor() {
        core = msg.sender;
    }

    modifier onlyCore() {
        if (msg.sender != core) revert OnlyCore(msg.sender);
        _;
    }

    /*//////////////////////////////////////////////////////////////
                               IDENTITY
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IPNToken
    function seriesKey() public view returns (SeriesKey memory key) {
        (key,) = SeriesKeyLib.fromTokenArgs(LibClone.argsOnClone(address(this)));
    }

    /// @inheritdoc IPNToken
    function side() public view returns (Side s) {
        (, s) = SeriesKeyLib.fromTokenArgs(LibClone.argsOnClone(address(this)));
    }

    /// @inheritdoc IPNToken
    function seriesId() public view returns (SeriesId) {
        return SeriesId.wrap(keccak256(LibClone.argsOnClone(address(this), 0, SeriesKeyLib.PACKED_LENGTH)));
    }

    function name() public view override returns (string memory) {
        return string.concat("pn ", symbol());
    }

    function symbol() public view override returns (string memory) {
        (SeriesKey memory key, Side s) = SeriesKeyLib.fromTokenArgs(LibClone.argsOnClone(address(this)));
        return SeriesNameLib.symbol(key, s);
    }

    /// @notice The collateral's decimals: one token is backed by one collateral unit. 18 if it reports none.
    function decimals() public view override returns (uint8) {
        (bool ok, bytes memory data) = seriesKey().collateral.staticcall(abi.encodeWithSignature("decimals()"));
        if (!ok || data.length < 32) return 18;
        uint256 value = abi.decode(data, (uint256));
        // forge-lint: disable-next-line(unsafe-typecast)
        return value > type(uint8).max ? 18 : uint8(value);
    }

    /*//////////////////////////////////////////////////////////////
                            BALANCES (IN CORE)
    //////////////////////////////////////////////////////////////*/

    function totalSupply() public view override returns (uint256) {
        (uint256 pSupply, uint256 nSupply) = IPNCore(core).suppliesOf(seriesId());
        return side() == Side.P ? pSupply : nSupply;
    }

    function balanceOf(address owner) public view override returns (uint256) {
        (uint256 p, uint256 n) = IPNCore(core).balancesOf(seriesId(), owner);
        return side() == Side.P ? p : n;
    }

    function transfer(address to, uint256 amount) public override returns (bool) {
        if (to == address(0)) revert InvalidRecipient(to);
        IPNCore(core).transferFromToken(msg.sender, to, amount);
        emit Transfer(msg.sender, to, amount);
        return true;
    }

    function transferFrom(address from, address to, uint256 amount) public override returns (bool) {
        if (to == address(0)) revert InvalidRecipient(to);
        _spendAllowance(from, msg.sender, amount);
        IPNCore(core).transferFromToken(from, to, amount);
        emit Transfer(from, to, amount);
        return true;
    }

    /// @inheritdoc IPNToken
    function emitTransfer(address from, address to, uint256 amount) external onlyCore {
        emit Transfer(from, to, amount);
    }

    /// @dev No standing Permit2 allowance: every spender, Permit2 included, needs the holder's approval.
    function _givePermit2InfiniteAllowance() internal pure override returns (bool) {
        return false;
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {PNCore} from "../PNCore.sol";
import {IPNMarket} from "../interfaces/IPNMarket.sol";
import {SeriesTokenLib} from "../market/libraries/SeriesTokenLib.sol";
import {SeriesId, SeriesKey} from "../types/SeriesKey.sol";
import {VaultBase} from "./VaultBase.sol";
import {VaultAuctionLib} from "./libraries/VaultAuctionLib.sol";
import {VaultMath} from "./libraries/VaultMath.sol";
import {FixedPointMathLib as M} from "solady/utils/FixedPointMathLib.sol";
import {SafeTransferLib} from "solady/utils/SafeTransferLib.sol";

/// @title PNVaultEngine
/// @notice The roll state machine's two large steps, `triggerRoll` and `reenter` (`IPNVault`), split from the vault
/// only to keep each contract under the 24,576-byte code limit. The vault deploys its engine in its constructor
/// (same rules) and runs these functions by `delegatecall`, in its own storage and under its own reentrancy guard;
/// called directly, the engine reverts. It holds nothing and has no state of its own.
contract PNVaultEngine is VaultBase {
    using SafeTransferLib for address;

    /// @notice The engine was called directly instead of through its vault.
    error NotDelegated();

    address private immutable _self;

    constructor(Config memory c) VaultBase(c) {
        _self = address(this);
    }

    modifier onlyDelegated() {
        if (address(this) == _self) revert NotDelegated();
        _;
    }

    /// @notice `IPNVault.triggerRoll`.
    /// @dev VT-4: only from `Holding`, so no auction is open. VT-5: the floor is `rollFloorBps` of the strike
    /// ratio. VT-6: the reward is `VaultMath.reward`, and a signal roll waits `minRollInterval`.
    function triggerRoll(uint256 hintWad, uint256 refTimestamp) external onlyDelegated returns (uint256 orderId) {
        _sync();
        (Plan memory plan, bytes memory err) = _plan(hintWad, refTimestamp);
        if (err.length != 0) _revertWith(err);
        SeriesKey memory from = _key(_s.strikeWad, _s.maturity);
        (SeriesId fromId, address pFrom,) = SeriesTokenLib.tokensOf(core, _tokenImpl, from);
        (SeriesId toId, address pTo) = _createIfMissing(_key(plan.strikeWad, plan.maturity));

        _s.strikeWad = uint128(plan.strikeWad);
        _s.maturity = uint40(plan.maturity);
        _s.lastRollAt = uint40(block.timestamp);
        if (plan.amount == 0) {
            emit SeriesAdvanced(fromId, toId);
            return 0;
        }
        _startAuction(Phase.Rolling, from, plan.deadline, plan.amount);
        if (plan.reward != 0) pFrom.safeTransfer(msg.sender, plan.reward);
        orderId = _postAuction(pFrom, pTo, plan.amount, plan.startPriceWad, plan.floorPriceWad, plan.deadline);
        emit RollStarted(orderId, fromId, toId, msg.sender, hintWad, plan);
    }

    /// @notice `IPNVault.reenter`.
    /// @dev VT-4: only with no auction open. VT-5: the sale's floor is `saleFloorBps` of `(x - S) / S`, x the
    /// oracle's settled value. VT-6: the reward is `VaultMath.reward` of the WETH re-entered.
    function reenter() external onlyDelegated returns (uint256 orderId) {
        _sync();
        State memory s = _s;
        bytes memory err = _reentryError(s);
        if (err.length != 0) _revertWith(err);
        Rules memory r = _rules();
        (SeriesKey memory key, uint256 x) = _redeemMatured(s, r);
        uint256 amount = SafeTransferLib.balanceOf(collateral, address(this));
        uint256 reward = VaultMath.reward(amount, r.rewardBps, _rewardCap);
        amount -= reward;
        (uint256 startWad, uint256 floorWad) =
            VaultMath.curve(VaultMath.saleRefWad(x, key.strikeWad), r.saleStartBps, r.saleFloorBps);
        uint256 deadline = M.min(block.timestamp + r.auctionDuration + r.auctionPatience, key.maturity);

        _s.strikeWad = key.strikeWad;
        _s.maturity = key.maturity;
        _toHolding();
        if (amount != 0) _startAuction(Phase.Selling, key, deadline, amount);
        if (reward != 0) collateral.safeTransfer(msg.sender, reward);
        (SeriesId id, address pToken, address nToken) = SeriesTokenLib.tokensOf(core, _tokenImpl, key);
        if (amount != 0) {
            PNCore(payable(core)).split(key, amount, address(this));
            orderId = _postAuction(nToken, pToken, amount, startWad, floorWad, deadline);
        }
        emit Reentered(orderId, id, x, amount, startWad, floorWad, deadline, msg.sender, reward);
    }

    /// @dev Redeems what has matured (the held previous series, then the current one with its N) into collateral.
    /// Returns the series to re-enter (the current one, or a new one struck at `k * x` if it matured) and x.
    function _redeemMatured(State memory s, Rules memory r) private returns (SeriesKey memory key, uint256 x) {
        if (s.phase == Phase.Legacy) x = _redeemAll(_key(s.secondStrikeWad, s.secondMaturity));
        key = _key(s.strikeWad, s.maturity);
        if (block.timestamp >= s.maturity) {
            x = _redeemAll(key);
            key = _key(_strikeFor(x, r), _newMaturity(block.timestamp, r));
            _createIfMissing(key);
        } else if (x <= s.strikeWad) {
            revert ReentryUnsafe(x, s.strikeWad);
        }
    }

    /// @dev Records an auction of `amount` of the second asset (P of `second` when rolling, N of it when selling).
    function _startAuction(Phase phase, SeriesKey memory second, uint256 deadline, uint256 amount) private {
        _s.phase = phase;
        _s.secondStrikeWad = second.strikeWad;
        _s.secondMaturity = second.maturity;
        // A deadline is at most a maturity (below 2^40); an amount is a core balance (below 2^128).
        // forge-lint: disable-next-line(unsafe-typecast)
        _s.deadline = uint40(deadline);
        // forge-lint: disable-next-line(unsafe-typecast)
        _s.secondHeld = uint128(amount);
    }

    /// @dev Posts the auction on the market (the only order the vault ever has open, VT-4).
    function _postAuction(
        address token,
        address want,
        uint256 amount,
        uint256 startWad,
        uint256 floorWad,
        uint256 deadline
    ) private returns (uint256 orderId) {
        Rules memory r = _rules();
        token.safeApprove(market, type(uint256).max);
        orderId = IPNMarket(market)
            .postAsk(
                VaultAuctionLib.ask(
                    token,
                    want,
                    amount,
                    startWad,
                    floorWad,
                    r.auctionDuration,
                    r.auctionHalfLife,
                    deadline,
                    block.timestamp
                )
            );
        // Market order ids count up from 1 per order posted (each costs over 80,000 gas): below 2^48 in practice.
        // forge-lint: disable-next-line(unsafe-typecast)
        _s.orderId = uint48(orderId);
    }

    /// @dev Settles `key` if needed and redeems all the vault's P and N of it into collateral; returns x.
    function _redeemAll(SeriesKey memory key) private returns (uint256 x) {
        (SeriesId id,,) = SeriesTokenLib.tokensOf(core, _tokenImpl, key);
        PNCore c = PNCore(payable(core));
        x = c.settlementOf(id);
        if (x == 0) x = c.settle(key);
        (uint256 p, uint256 n) = c.balancesOf(id, address(this));
        if (p != 0 || n != 0) c.redeem(key, p, n, address(this));
    }

    /// @notice `PNVault.withdraw`'s step during an auction: frees `amount` of its escrow. The order is cancelled and
    /// the rest re-offered on the same curve (`VaultAuctionLib.continued`), so the vault never has two (VT-4).
    function takeFromAuction(uint256 amount) external onlyDelegated {
        uint256 orderId = _s.orderId;
        IPNMarket.Order memory o = IPNMarket(market).orderOf(orderId);
        uint256 rest = IPNMarket(market).cancel(orderId) - amount;
        uint256 newId;
        if (rest != 0) newId = IPNMarket(market).postAsk(VaultAuctionLib.continued(o, rest, block.timestamp));
        // As in `_postAuction`; the rest is below the escrow it was part of.
        // forge-lint: disable-next-line(unsafe-typecast)
        _s.orderId = uint48(newId);
        // forge-lint: disable-next-line(unsafe-typecast)
        _s.secondHeld = uint128(rest);
        if (rest == 0) _toHolding();
        emit AuctionReposted(orderId, newId, rest);
    }

    /*//////////////////////////////////////////////////////////////
                             KEEPER VIEWS
    //////////////////////////////////////////////////////////////*/

    /// @notice As in `IPNVault`, on the vault's storage (through `PNVault.viewOnEngine`).
    function previewTrigger(uint256 hintWad, uint256 refTimestamp)
        external
        view
        onlyDelegated
        returns (Plan memory plan, bytes memory err)
    {
        return _plan(hintWad, refTimestamp);
    }

    /// @notice As in `IPNVault`, on the vault's storage (through `PNVault.viewOnEngine`).
    function canTrigger(uint256 hintWad, uint256 refTimestamp) external view onlyDelegated returns (bool) {
        (, bytes memory err) = _plan(hintWad, refTimestamp);
        return err.length == 0;
    }

    /// @notice As in `IPNVault`, on the vault's storage (through `PNVault.viewOnEngine`).
    function canReenter() external view onlyDelegated returns (bool) {
        State memory s = _s;
        if (_reentryError(s).length != 0) return false;
        uint256 x;
        if (s.phase == Phase.Legacy) {
            x = _settlementView(_key(s.secondStrikeWad, s.secondMaturity));
            if (x == 0) return false;
        }
        if (block.timestamp >= s.maturity) return _settlementView(_key(s.strikeWad, s.maturity)) != 0;
        return x > s.strikeWad;
    }
}

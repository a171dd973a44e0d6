// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {PNCore} from "../PNCore.sol";
import {IIndexOracle} from "../interfaces/IIndexOracle.sol";
import {IPNMarket} from "../interfaces/IPNMarket.sol";
import {IPNVaultBase} from "../interfaces/IPNVault.sol";
import {SeriesTokenLib} from "../market/libraries/SeriesTokenLib.sol";
import {SeriesId, SeriesKey} from "../types/SeriesKey.sol";
import {VaultMath} from "./libraries/VaultMath.sol";
import {VaultRulesLib} from "./libraries/VaultRulesLib.sol";
import {FixedPointMathLib as M} from "solady/utils/FixedPointMathLib.sol";

/// @title VaultBase
/// @notice What `PNVault` and its `PNVaultEngine` share: the rules (immutables, VT-3), the storage layout (one
/// `State`, three slots; the share token's storage is Solady's fixed slots), and the state machine's reads. The
/// engine runs by `delegatecall` in the vault's storage, so both must derive their layout from this contract alone.
abstract contract VaultBase is IPNVaultBase {
    uint256 internal constant BPS = 10_000;

    /// @inheritdoc IPNVaultBase
    address public immutable core;
    /// @inheritdoc IPNVaultBase
    address public immutable market;
    /// @inheritdoc IPNVaultBase
    address public immutable collateral;
    address internal immutable _tokenImpl;
    // The rules (VT-3): immutables, so nothing can write them after construction.
    address internal immutable _oracle;
    bytes32 internal immutable _indexId;
    uint256 internal immutable _rulesA; // packed by `VaultRulesLib.pack`
    uint256 internal immutable _rulesB;
    uint256 internal immutable _rewardCap;

    /// @dev The only storage variable of the vault and the engine; see `IPNVaultBase.State`.
    State internal _s;

    /// @notice The immutables, computed once by the vault (`config`) and handed to its engine as they are.
    struct Config {
        address market;
        address core;
        address collateral;
        address tokenImpl;
        address oracle;
        bytes32 indexId;
        uint256 rulesA;
        uint256 rulesB;
        uint256 rewardCap;
    }

    constructor(Config memory c) {
        market = c.market;
        core = c.core;
        collateral = c.collateral;
        _tokenImpl = c.tokenImpl;
        _oracle = c.oracle;
        _indexId = c.indexId;
        _rulesA = c.rulesA;
        _rulesB = c.rulesB;
        _rewardCap = c.rewardCap;
    }

    /// @notice Checks `rules_` (`VaultRulesLib.validate`) and derives the immutables from them and the market.
    function _config(IPNMarket market_, Rules memory rules_) internal view returns (Config memory c) {
        VaultRulesLib.validate(rules_);
        c.market = address(market_);
        c.core = market_.core();
        c.collateral = PNCore(payable(c.core)).WETH();
        c.tokenImpl = PNCore(payable(c.core)).tokenImplementation();
        c.oracle = address(rules_.oracle);
        c.indexId = rules_.indexId;
        (c.rulesA, c.rulesB) = VaultRulesLib.pack(rules_);
        c.rewardCap = rules_.rewardCap;
    }

    /// @notice The rules, unpacked.
    function _rules() internal view returns (Rules memory) {
        return VaultRulesLib.unpack(_rulesA, _rulesB, _oracle, _indexId, _rewardCap);
    }

    /*//////////////////////////////////////////////////////////////
                             AUCTION STATE
    //////////////////////////////////////////////////////////////*/

    /// @dev Closes the open auction if it is filled or past its deadline (`IPNVault.closeAuction`); returns
    /// whether no auction is open afterwards. VT-4: the vault cancels its order itself, so none outlives the state.
    function _sync() internal returns (bool closed) {
        uint256 orderId = _s.orderId;
        if (orderId == 0) return true;
        bool open = IPNMarket(market).orderOf(orderId).maker != address(0);
        uint256 deadline = _s.deadline;
        if (open && block.timestamp < deadline) return false;
        uint256 leftover;
        if (open) {
            leftover = IPNMarket(market).cancel(orderId);
        } else if (block.timestamp >= deadline) {
            // Gone after its expiry: filled, or cancelled by anyone (the escrow came back). What the vault holds
            // of the asset, up to what it offered, is what is left.
            leftover = M.min(_secondBalance(_s), _s.secondHeld);
        }
        Phase phase = leftover == 0 ? Phase.Holding : (_s.phase == Phase.Rolling ? Phase.Legacy : Phase.Stranded);
        _s.orderId = 0;
        if (leftover == 0) _toHolding();
        else _s.phase = phase;
        // At most what the vault offered, a core balance (below 2^128).
        // forge-lint: disable-next-line(unsafe-typecast)
        _s.secondHeld = uint128(leftover);
        emit AuctionClosed(orderId, phase, leftover);
        return true;
    }

    /// @dev Back to `Holding`. The second asset's fields keep their last values (read only outside `Holding`), so
    /// their slots stay non-zero and the next auction writes them for 5,000 gas each instead of 20,000.
    function _toHolding() internal {
        _s.phase = Phase.Holding;
    }

    /*//////////////////////////////////////////////////////////////
                                 PLANS
    //////////////////////////////////////////////////////////////*/

    /// @dev The roll `triggerRoll` makes now, or the revert data it fails with. Shared with the views.
    function _plan(uint256 hintWad, uint256 refTimestamp) internal view returns (Plan memory plan, bytes memory err) {
        State memory s = _s;
        Rules memory r = _rules();
        if (s.phase != Phase.Holding) return (plan, abi.encodeWithSelector(NotHolding.selector, s.phase));
        if (block.timestamp >= s.maturity) {
            return (plan, abi.encodeWithSelector(SeriesMatured.selector, s.maturity, block.timestamp));
        }
        (uint256 scheduledAt, uint256 signalBelow, uint256 allowedAt) = _nextRoll(s, r);
        bool scheduled = block.timestamp >= scheduledAt;
        if (!scheduled) {
            if (hintWad == 0 || hintWad >= signalBelow) {
                return (plan, abi.encodeWithSelector(RollNotDue.selector, scheduledAt, signalBelow, hintWad));
            }
            if (block.timestamp < allowedAt) {
                return (plan, abi.encodeWithSelector(RollRateLimited.selector, allowedAt));
            }
        }
        plan.reason = scheduled ? RollReason.Scheduled : RollReason.Signal;
        (plan.strikeWad, err) = _nextStrike(s.strikeWad, hintWad, refTimestamp, scheduled, r);
        if (err.length != 0) return (plan, err);
        plan.maturity = VaultMath.nextMaturity(
            M.max(block.timestamp + r.tenor, uint256(s.maturity) + 1), r.maturityOrigin, r.maturityPeriod
        );
        (uint256 held,,) = _holdings(s);
        plan.reward = VaultMath.reward(held, r.rewardBps, _rewardCap);
        plan.amount = held - plan.reward;
        (plan.startPriceWad, plan.floorPriceWad) =
            VaultMath.curve(VaultMath.rollRefWad(s.strikeWad, plan.strikeWad), r.rollStartBps, r.rollFloorBps);
        plan.deadline = M.min(block.timestamp + r.auctionDuration + r.auctionPatience, s.maturity);
    }

    /// @dev The next strike: the current one, lowered by a hint (`k * hint`), raised only by a final oracle value at
    /// `refTimestamp` on a scheduled roll (`k * min(x, hint)`), never below `minStrikeStepBps` of the current one.
    function _nextStrike(uint256 strike, uint256 hintWad, uint256 refTimestamp, bool scheduled, Rules memory r)
        internal
        view
        returns (uint256 next, bytes memory err)
    {
        next = hintWad == 0 ? strike : M.min(strike, _strikeFor(hintWad, r));
        if (refTimestamp != 0) {
            if (!scheduled || r.maxRefAge == 0) {
                return (0, abi.encodeWithSelector(ReferenceNotAllowed.selector, refTimestamp));
            }
            if (refTimestamp >= block.timestamp || block.timestamp - refTimestamp > r.maxRefAge) {
                return (0, abi.encodeWithSelector(ReferenceTooOld.selector, refTimestamp, block.timestamp, r.maxRefAge));
            }
            (bool isFinal, uint256 x) = IIndexOracle(_oracle).finalValue(_indexId, refTimestamp);
            if (!isFinal || x == 0 || x > type(uint128).max) {
                return (0, abi.encodeWithSelector(ReferenceNotFinal.selector, refTimestamp));
            }
            next = _strikeFor(hintWad == 0 ? x : M.min(x, hintWad), r);
        }
        next = M.max(next, VaultMath.strikeGridDown(strike * r.minStrikeStepBps / BPS, r.strikeSigFigs));
        if (next == 0) next = strike;
    }

    function _nextRoll(State memory s, Rules memory r)
        internal
        pure
        returns (uint256 scheduledAt, uint256 signalBelowWad, uint256 signalAllowedAt)
    {
        scheduledAt = s.maturity - r.rollLead;
        signalBelowWad = uint256(s.strikeWad) * r.triggerBps / BPS;
        signalAllowedAt = s.lastRollAt == 0 ? 0 : s.lastRollAt + r.minRollInterval;
    }

    /// @dev Why `reenter` cannot run now, or empty. Settlement is checked by the core (`NotMatured`,
    /// `OracleNotFinal`), and re-entering an unmatured current series needs `x > S` (`ReentryUnsafe`).
    function _reentryError(State memory s) internal view returns (bytes memory) {
        if (s.orderId != 0) return abi.encodeWithSelector(AuctionOpen.selector, s.orderId, s.deadline);
        if (block.timestamp >= s.maturity) return "";
        if (s.phase == Phase.Legacy && block.timestamp >= s.secondMaturity) return "";
        uint256 readyAt = s.phase == Phase.Legacy ? s.secondMaturity : s.maturity;
        return abi.encodeWithSelector(ReentryNotDue.selector, s.phase, readyAt);
    }

    /// @dev x of `key` if it is settled or its oracle answer is final, else 0.
    function _settlementView(SeriesKey memory key) internal view returns (uint256 x) {
        (SeriesId id,,) = SeriesTokenLib.tokensOf(core, _tokenImpl, key);
        x = PNCore(payable(core)).settlementOf(id);
        if (x != 0 || block.timestamp < key.maturity) return x;
        (bool isFinal, uint256 v) = IIndexOracle(_oracle).finalValue(_indexId, key.maturity);
        return isFinal && v <= type(uint128).max ? v : 0;
    }

    /*//////////////////////////////////////////////////////////////
                                HELPERS
    //////////////////////////////////////////////////////////////*/

    function _key(uint256 strikeWad, uint256 maturity) internal view returns (SeriesKey memory) {
        return SeriesKey({
            collateral: collateral,
            oracle: IIndexOracle(_oracle),
            indexId: _indexId,
            // Strikes are grid values of `k` times a price below 2^128; maturities grid dates below 2^40.
            // forge-lint: disable-next-line(unsafe-typecast)
            strikeWad: uint128(strikeWad),
            // forge-lint: disable-next-line(unsafe-typecast)
            maturity: uint40(maturity)
        });
    }

    /// @dev `k * priceWad`, rounded down to the strike grid.
    function _strikeFor(uint256 priceWad, Rules memory r) internal pure returns (uint256) {
        return VaultMath.strikeGridDown(M.fullMulDiv(priceWad, r.strikeFractionBps, BPS), r.strikeSigFigs);
    }

    /// @dev The first grid maturity at least `tenor` after `from`.
    function _newMaturity(uint256 from, Rules memory r) internal pure returns (uint256) {
        return VaultMath.nextMaturity(from + r.tenor, r.maturityOrigin, r.maturityPeriod);
    }

    function _createIfMissing(SeriesKey memory key) internal returns (SeriesId id, address pToken) {
        (id, pToken,) = SeriesTokenLib.tokensOf(core, _tokenImpl, key);
        if (pToken.code.length == 0) PNCore(payable(core)).createSeries(key);
    }

    /// @dev P of the current series held, the second asset's token and amount: its open escrow, or what is held.
    function _holdings(State memory s) internal view returns (uint256 curHeld, uint256 secondHeld, address token) {
        (SeriesId curId,, address nToken) = SeriesTokenLib.tokensOf(core, _tokenImpl, _key(s.strikeWad, s.maturity));
        (curHeld,) = PNCore(payable(core)).balancesOf(curId, address(this));
        if (s.phase == Phase.Holding) return (curHeld, 0, address(0));
        token = s.phase >= Phase.Selling ? nToken : _secondPToken(s);
        if (s.orderId == 0) return (curHeld, s.secondHeld, token);
        uint256 escrow = IPNMarket(market).orderOf(s.orderId).amount;
        if (escrow == 0 && block.timestamp >= s.deadline) escrow = M.min(_secondBalance(s), s.secondHeld);
        return (curHeld, escrow, token);
    }

    function _secondPToken(State memory s) internal view returns (address pToken) {
        (, pToken,) = SeriesTokenLib.tokensOf(core, _tokenImpl, _key(s.secondStrikeWad, s.secondMaturity));
    }

    /// @dev The vault's balance of its second asset (P of the previous series, or N of the current one).
    function _secondBalance(State memory s) internal view returns (uint256) {
        (SeriesId id,,) = SeriesTokenLib.tokensOf(core, _tokenImpl, _key(s.secondStrikeWad, s.secondMaturity));
        (uint256 p, uint256 n) = PNCore(payable(core)).balancesOf(id, address(this));
        return s.phase >= Phase.Selling ? n : p;
    }

    function _revertWith(bytes memory err) internal pure {
        assembly ("memory-safe") {
            revert(add(err, 0x20), mload(err))
        }
    }
}

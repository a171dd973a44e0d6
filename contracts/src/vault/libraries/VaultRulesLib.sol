// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IIndexOracle} from "../../interfaces/IIndexOracle.sol";
import {IPNVaultBase} from "../../interfaces/IPNVault.sol";

/// @title VaultRulesLib
/// @notice The domain of a vault's rules, checked once at deployment (after which they never change, VT-3).
/// Each violation reverts `IPNVaultBase.InvalidRule(name, value)`.
library VaultRulesLib {
    uint256 internal constant BPS = 10_000;
    uint256 internal constant MAX_32 = type(uint32).max;

    /// @notice Reverts unless `r` is a usable policy:
    /// - `0 < strikeFractionBps < 1e4`, `1 <= strikeSigFigs <= 38`, `0 < minStrikeStepBps < 1e4`;
    /// - `triggerBps > 1e4` and `strikeFractionBps * triggerBps < 1e8`, so a signal roll always lowers the strike;
    /// - `maxRefAge <= 30 days`; `0 < minRollInterval <= 365 days`;
    /// - `0 < rollLead < tenor <= 5 * 365 days`; `0 < maturityPeriod <= 365 days`; `maturityOrigin < 2^39`;
    /// - `0 < auctionDuration < 2^32`, `auctionHalfLife < auctionDuration`, `auctionPatience < 2^32`;
    /// - `0 < rollFloorBps < rollStartBps <= 1e5`, `0 < saleFloorBps < saleStartBps <= 1e5`;
    /// - `rewardBps <= 100` (1%).
    function validate(IPNVaultBase.Rules memory r) internal pure {
        if (address(r.oracle) == address(0)) revert IPNVaultBase.ZeroAddress();
        _check("indexId", uint256(r.indexId), r.indexId != bytes32(0));
        _check("strikeFractionBps", r.strikeFractionBps, r.strikeFractionBps > 0 && r.strikeFractionBps < BPS);
        _check("strikeSigFigs", r.strikeSigFigs, r.strikeSigFigs >= 1 && r.strikeSigFigs <= 38);
        _check("minStrikeStepBps", r.minStrikeStepBps, r.minStrikeStepBps > 0 && r.minStrikeStepBps < BPS);
        _check("maxRefAge", r.maxRefAge, r.maxRefAge <= 30 days);
        _check(
            "triggerBps",
            r.triggerBps,
            r.triggerBps > BPS && r.triggerBps <= 10 * BPS && r.strikeFractionBps * r.triggerBps < BPS * BPS
        );
        _check("minRollInterval", r.minRollInterval, r.minRollInterval > 0 && r.minRollInterval <= 365 days);
        _check("rollLead", r.rollLead, r.rollLead > 0 && r.rollLead < r.tenor);
        _check("tenor", r.tenor, r.tenor <= 5 * 365 days);
        _check("maturityPeriod", r.maturityPeriod, r.maturityPeriod > 0 && r.maturityPeriod <= 365 days);
        _check("maturityOrigin", r.maturityOrigin, r.maturityOrigin < 1 << 39);
        _check("auctionDuration", r.auctionDuration, r.auctionDuration > 0 && r.auctionDuration < MAX_32);
        _check("auctionHalfLife", r.auctionHalfLife, r.auctionHalfLife < r.auctionDuration);
        _check("auctionPatience", r.auctionPatience, r.auctionPatience < MAX_32);
        _check("rollFloorBps", r.rollFloorBps, r.rollFloorBps > 0 && r.rollFloorBps < r.rollStartBps);
        _check("rollStartBps", r.rollStartBps, r.rollStartBps <= 10 * BPS);
        _check("saleFloorBps", r.saleFloorBps, r.saleFloorBps > 0 && r.saleFloorBps < r.saleStartBps);
        _check("saleStartBps", r.saleStartBps, r.saleStartBps <= 10 * BPS);
        _check("rewardBps", r.rewardBps, r.rewardBps <= 100);
    }

    /// @notice Packs the rules' numbers into two words (after `validate`, every field fits its width):
    /// word A: [0,16) strikeFractionBps | [16,24) strikeSigFigs | [24,40) minStrikeStepBps | [40,64) triggerBps |
    ///   [64,88) rollStartBps | [88,112) rollFloorBps | [112,136) saleStartBps | [136,160) saleFloorBps |
    ///   [160,176) rewardBps | [176,208) auctionPatience | [208,240) auctionHalfLife
    /// word B: [0,32) maxRefAge | [32,64) minRollInterval | [64,96) tenor | [96,136) maturityOrigin |
    ///   [136,168) maturityPeriod | [168,200) rollLead | [200,232) auctionDuration
    /// `oracle`, `indexId` and `rewardCap` stay whole.
    function pack(IPNVaultBase.Rules memory r) internal pure returns (uint256 a, uint256 b) {
        a = r.strikeFractionBps | r.strikeSigFigs << 16 | r.minStrikeStepBps << 24 | r.triggerBps << 40 | r.rollStartBps
            << 64 | r.rollFloorBps << 88 | r.saleStartBps << 112 | r.saleFloorBps << 136 | r.rewardBps << 160
            | r.auctionPatience << 176 | r.auctionHalfLife << 208;
        b = r.maxRefAge | r.minRollInterval << 32 | r.tenor << 64 | r.maturityOrigin << 96 | r.maturityPeriod << 136
            | r.rollLead << 168 | r.auctionDuration << 200;
    }

    /// @notice Inverse of `pack`.
    function unpack(uint256 a, uint256 b, address oracle, bytes32 indexId, uint256 rewardCap)
        internal
        pure
        returns (IPNVaultBase.Rules memory r)
    {
        r.oracle = IIndexOracle(oracle);
        r.indexId = indexId;
        r.rewardCap = rewardCap;
        r.strikeFractionBps = _bits(a, 0, 16);
        r.strikeSigFigs = _bits(a, 16, 8);
        r.minStrikeStepBps = _bits(a, 24, 16);
        r.triggerBps = _bits(a, 40, 24);
        r.rollStartBps = _bits(a, 64, 24);
        r.rollFloorBps = _bits(a, 88, 24);
        r.saleStartBps = _bits(a, 112, 24);
        r.saleFloorBps = _bits(a, 136, 24);
        r.rewardBps = _bits(a, 160, 16);
        r.auctionPatience = _bits(a, 176, 32);
        r.auctionHalfLife = _bits(a, 208, 32);
        r.maxRefAge = _bits(b, 0, 32);
        r.minRollInterval = _bits(b, 32, 32);
        r.tenor = _bits(b, 64, 32);
        r.maturityOrigin = _bits(b, 96, 40);
        r.maturityPeriod = _bits(b, 136, 32);
        r.rollLead = _bits(b, 168, 32);
        r.auctionDuration = _bits(b, 200, 32);
    }

    /// @notice keccak256 of the ABI encoding of `r`: one word that VT-3 compares over the vault's lifetime.
    function hash(IPNVaultBase.Rules memory r) internal pure returns (bytes32) {
        return keccak256(abi.encode(r));
    }

    function _bits(uint256 word, uint256 offset, uint256 width) private pure returns (uint256) {
        return (word >> offset) & (type(uint256).max >> (256 - width));
    }

    function _check(bytes32 rule, uint256 value, bool ok) private pure {
        if (!ok) revert IPNVaultBase.InvalidRule(rule, value);
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IIndexOracle} from "../../../src/interfaces/IIndexOracle.sol";
import {IPNVaultBase} from "../../../src/interfaces/IPNVault.sol";
import {VaultRulesLib} from "../../../src/vault/libraries/VaultRulesLib.sol";
import {Test} from "forge-std/Test.sol";

/// @notice `VaultRulesLib`: the domain check (one case per rule, the error naming it) and the packing round trip.
contract VaultRulesLibTest is Test {
    function rulesOk() internal pure returns (IPNVaultBase.Rules memory) {
        return IPNVaultBase.Rules({
            oracle: IIndexOracle(address(0xBEEF)),
            indexId: "USD",
            strikeFractionBps: 5000,
            strikeSigFigs: 2,
            minStrikeStepBps: 2500,
            maxRefAge: 1 days,
            triggerBps: 15_000,
            minRollInterval: 3 days,
            tenor: 28 days,
            maturityOrigin: 1_789_603_200,
            maturityPeriod: 7 days,
            rollLead: 7 days,
            auctionDuration: 1 days,
            auctionHalfLife: 0,
            auctionPatience: 1 days,
            rollStartBps: 10_200,
            rollFloorBps: 9800,
            saleStartBps: 12_000,
            saleFloorBps: 8000,
            rewardBps: 1,
            rewardCap: 0.01 ether
        });
    }

    function validate(IPNVaultBase.Rules memory r) external pure {
        VaultRulesLib.validate(r);
    }

    function expectInvalid(IPNVaultBase.Rules memory r, bytes32 name, uint256 value) internal {
        vm.expectRevert(abi.encodeWithSelector(IPNVaultBase.InvalidRule.selector, name, value));
        this.validate(r);
    }

    function testValidateAcceptsDefaults() public view {
        this.validate(rulesOk());
    }

    function testValidateRejectsEachRule() public {
        IPNVaultBase.Rules memory r = rulesOk();
        r.oracle = IIndexOracle(address(0));
        vm.expectRevert(IPNVaultBase.ZeroAddress.selector);
        this.validate(r);

        r = rulesOk();
        r.indexId = bytes32(0);
        expectInvalid(r, "indexId", 0);
        r = rulesOk();
        r.strikeFractionBps = 10_000;
        expectInvalid(r, "strikeFractionBps", 10_000);
        r = rulesOk();
        r.strikeSigFigs = 0;
        expectInvalid(r, "strikeSigFigs", 0);
        r = rulesOk();
        r.minStrikeStepBps = 0;
        expectInvalid(r, "minStrikeStepBps", 0);
        r = rulesOk();
        r.maxRefAge = 31 days;
        expectInvalid(r, "maxRefAge", 31 days);
        r = rulesOk();
        r.triggerBps = 10_000;
        expectInvalid(r, "triggerBps", 10_000);
        r = rulesOk();
        r.triggerBps = 20_000; // k * trigger = 1: a signal roll would not lower the strike
        expectInvalid(r, "triggerBps", 20_000);
        r = rulesOk();
        r.minRollInterval = 0;
        expectInvalid(r, "minRollInterval", 0);
        r = rulesOk();
        r.rollLead = 28 days;
        expectInvalid(r, "rollLead", 28 days);
        r = rulesOk();
        r.tenor = 6 * 365 days;
        expectInvalid(r, "tenor", 6 * 365 days);
        r = rulesOk();
        r.maturityPeriod = 0;
        expectInvalid(r, "maturityPeriod", 0);
        r = rulesOk();
        r.maturityOrigin = 1 << 39;
        expectInvalid(r, "maturityOrigin", 1 << 39);
        r = rulesOk();
        r.auctionDuration = 0;
        expectInvalid(r, "auctionDuration", 0);
        r = rulesOk();
        r.auctionHalfLife = 1 days;
        expectInvalid(r, "auctionHalfLife", 1 days);
        r = rulesOk();
        r.auctionPatience = 1 << 32;
        expectInvalid(r, "auctionPatience", 1 << 32);
        r = rulesOk();
        r.rollFloorBps = 10_200;
        expectInvalid(r, "rollFloorBps", 10_200);
        r = rulesOk();
        r.rollStartBps = 100_001;
        expectInvalid(r, "rollStartBps", 100_001);
        r = rulesOk();
        r.saleFloorBps = 0;
        expectInvalid(r, "saleFloorBps", 0);
        r = rulesOk();
        r.saleStartBps = 100_001;
        expectInvalid(r, "saleStartBps", 100_001);
        r = rulesOk();
        r.rewardBps = 101;
        expectInvalid(r, "rewardBps", 101);
    }

    /// @dev VT-3's encoding: every valid policy survives the packing unchanged.
    function testFuzzPackRoundTrip(IPNVaultBase.Rules memory r) public view {
        r.oracle = IIndexOracle(address(uint160(bound(uint160(address(r.oracle)), 1, type(uint160).max))));
        if (r.indexId == bytes32(0)) r.indexId = "USD";
        r.strikeFractionBps = bound(r.strikeFractionBps, 1, 9999);
        r.strikeSigFigs = bound(r.strikeSigFigs, 1, 38);
        r.minStrikeStepBps = bound(r.minStrikeStepBps, 1, 9999);
        r.maxRefAge = bound(r.maxRefAge, 0, 30 days);
        r.triggerBps = bound(r.triggerBps, 10_001, 100_000);
        vm.assume(r.strikeFractionBps * r.triggerBps < 1e8);
        r.minRollInterval = bound(r.minRollInterval, 1, 365 days);
        r.tenor = bound(r.tenor, 2, 5 * 365 days);
        r.rollLead = bound(r.rollLead, 1, r.tenor - 1);
        r.maturityOrigin = bound(r.maturityOrigin, 0, (1 << 39) - 1);
        r.maturityPeriod = bound(r.maturityPeriod, 1, 365 days);
        r.auctionDuration = bound(r.auctionDuration, 1, type(uint32).max - 1);
        r.auctionHalfLife = bound(r.auctionHalfLife, 0, r.auctionDuration - 1);
        r.auctionPatience = bound(r.auctionPatience, 0, type(uint32).max - 1);
        r.rollStartBps = bound(r.rollStartBps, 2, 100_000);
        r.rollFloorBps = bound(r.rollFloorBps, 1, r.rollStartBps - 1);
        r.saleStartBps = bound(r.saleStartBps, 2, 100_000);
        r.saleFloorBps = bound(r.saleFloorBps, 1, r.saleStartBps - 1);
        r.rewardBps = bound(r.rewardBps, 0, 100);
        this.validate(r);
        (uint256 a, uint256 b) = VaultRulesLib.pack(r);
        IPNVaultBase.Rules memory back = VaultRulesLib.unpack(a, b, address(r.oracle), r.indexId, r.rewardCap);
        assertEq(VaultRulesLib.hash(back), VaultRulesLib.hash(r));
    }
}

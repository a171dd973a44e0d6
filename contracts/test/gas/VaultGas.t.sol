// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IPNVault, IPNVaultBase} from "../../src/interfaces/IPNVault.sol";
import {PNToken} from "../../src/tokens/PNToken.sol";
import {SeriesKey} from "../../src/types/SeriesKey.sol";
import {MarketBaseTest} from "../market/utils/MarketBaseTest.sol";
import {BaseTest} from "../utils/BaseTest.sol";
import {GasMeter} from "../utils/GasMeter.sol";
import {VaultBaseTest} from "../vault/utils/VaultBaseTest.sol";

/// @notice Execution gas of the vault's entry points (transaction gas minus the 21,000 base and calldata), each
/// call its own transaction, as `CoreGas.t.sol` measures the core. Written to `snapshots/VaultGasTest.json`; the
/// test command fails when the committed file differs.
///
/// Unless a name says otherwise the vault is warm: it already holds P of its series (its ledger slot in the core is
/// non-zero) and has shares outstanding; "new holder" means the receiver has no shares and no N of the series yet,
/// "repeat" that it has both. Targets (issue 5): deposit ≤ 150,000; withdraw ≤ 120,000.
/// forge-config: default.isolate = true
contract VaultGasTest is VaultBaseTest, GasMeter {
    uint256 internal constant AMOUNT = 10 ether;

    function setUp() public override(BaseTest, VaultBaseTest) {
        super.setUp();
        depositETH(bob, 100 ether);
        depositETH(alice, 1 ether);
        depositPAs(dave, 1 ether);
        market.register(address(pOf(cur())));
    }

    function _measureValue(string memory name, address caller, uint256 value, bytes memory data) private {
        vm.deal(caller, caller.balance + value);
        vm.prank(caller);
        (bool ok, bytes memory ret) = address(vault).call{value: value}(data);
        if (!ok) {
            assembly ("memory-safe") {
                revert(add(ret, 0x20), mload(ret))
            }
        }
        vm.snapshotValue(name, vm.lastCallGas().gasTotalUsed - intrinsicGas(data));
    }

    function _measure(string memory name, address caller, bytes memory data) private {
        measureOn(name, address(vault), caller, data);
    }

    /*//////////////////////////////////////////////////////////////
                                DEPOSITS
    //////////////////////////////////////////////////////////////*/

    function test_gas_deposit() public {
        address carl = makeAddr("carl");
        _measureValue("deposit ETH (new holder)", carl, AMOUNT, abi.encodeCall(IPNVault.deposit, (carl)));
        _measureValue("deposit ETH (repeat holder)", alice, AMOUNT, abi.encodeCall(IPNVault.deposit, (alice)));
    }

    function test_gas_depositP() public {
        SeriesKey memory k = cur();
        splitAs(dave, k, 2 * AMOUNT);
        address p = address(pOf(k));
        vm.prank(dave);
        PNToken(p).approve(address(vault), type(uint256).max);
        _measure("depositP (repeat holder)", dave, abi.encodeCall(IPNVault.depositP, (AMOUNT, dave)));
    }

    /*//////////////////////////////////////////////////////////////
                              WITHDRAWALS
    //////////////////////////////////////////////////////////////*/

    function test_gas_withdraw() public {
        uint256 shares = vault.balanceOf(bob);
        address carl = makeAddr("carl");
        _measure(
            "withdraw (holding, partial, receiver's first P)",
            bob,
            abi.encodeCall(IPNVault.withdraw, (shares / 4, carl))
        );
        _measure("withdraw (holding, partial)", bob, abi.encodeCall(IPNVault.withdraw, (shares / 4, bob)));
        _measure(
            "withdraw (holding, all shares)", alice, abi.encodeCall(IPNVault.withdraw, (vault.balanceOf(alice), alice))
        );
    }

    function test_gas_withdrawDuringRoll() public {
        warpToScheduled();
        trigger(0);
        vm.warp(block.timestamp + 2 hours);
        uint256 shares = vault.balanceOf(bob);
        _measure("withdraw (rolling: auction re-offered)", bob, abi.encodeCall(IPNVault.withdraw, (shares / 4, bob)));
    }

    function test_gas_withdrawSettled() public {
        SeriesKey memory k = cur();
        reportAt(k, 2500e18);
        core.settle(k);
        uint256 shares = vault.balanceOf(bob);
        _measure("withdraw (settled: redeemed to WETH)", bob, abi.encodeCall(IPNVault.withdraw, (shares / 4, bob)));
    }

    /*//////////////////////////////////////////////////////////////
                                ROLLING
    //////////////////////////////////////////////////////////////*/

    function test_gas_triggerScheduled() public {
        warpToScheduled();
        _measure(
            "triggerRoll (scheduled, creates the next series)", keeper, abi.encodeCall(IPNVault.triggerRoll, (0, 0))
        );
    }

    function test_gas_triggerExistingSeries() public {
        warpToScheduled();
        (IPNVaultBase.Plan memory plan,) = vault.previewTrigger(0, 0);
        SeriesKey memory next = keyAt(plan.strikeWad, plan.maturity);
        createSeries(next);
        market.register(address(pOf(next)));
        _measure("triggerRoll (scheduled, series exists)", keeper, abi.encodeCall(IPNVault.triggerRoll, (0, 0)));
    }

    /// @dev The steady state: the vault has rolled before (its state slots are warm), the keeper already holds some
    /// P of the series it is paid in, the next series exists and the market knows its P.
    function test_gas_triggerSecondRoll() public {
        warpToScheduled();
        uint256 orderId = trigger(0);
        vm.warp(block.timestamp + 1 hours);
        fillAs(maker, orderId, st().secondHeld);
        vault.closeAuction();
        warpToScheduled();
        (IPNVaultBase.Plan memory plan,) = vault.previewTrigger(0, 0);
        SeriesKey memory next = keyAt(plan.strikeWad, plan.maturity);
        createSeries(next);
        market.register(address(pOf(next)));
        splitAs(keeper, cur(), 1 ether);
        _measure("triggerRoll (a later roll, series exists)", keeper, abi.encodeCall(IPNVault.triggerRoll, (0, 0)));
    }

    function test_gas_closeAuction() public {
        warpToScheduled();
        uint256 orderId = trigger(0);
        vm.warp(block.timestamp + 1 hours);
        fillAs(maker, orderId, st().secondHeld);
        _measure("closeAuction (filled)", keeper, abi.encodeCall(IPNVault.closeAuction, ()));
    }

    function test_gas_reenter() public {
        warpToScheduled();
        trigger(0);
        vm.warp(st().deadline);
        vault.closeAuction();
        reportAt(secondKey(), 2500e18);
        _measure("reenter (legacy series settled: redeem, split, sale)", keeper, abi.encodeCall(IPNVault.reenter, ()));
    }
}

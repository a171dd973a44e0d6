// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IPNCore} from "../../src/interfaces/IPNCore.sol";
import {SeriesKey} from "../../src/types/SeriesKey.sol";
import {GasMeter} from "../utils/GasMeter.sol";

/// @notice Execution gas of each entrypoint (transaction gas minus the 21,000 base and calldata), for a
/// first-time and a repeat holder, each call its own transaction. Written to `snapshots/PNCore.json`; the test
/// command fails when the committed file differs.
/// forge-config: default.isolate = true
contract CoreGasTest is GasMeter {
    uint256 internal constant AMOUNT = 10 ether;

    function setUp() public override {
        super.setUp();
        splitAs(bob, key, AMOUNT); // the series already has supply and the core already holds WETH
        fundWeth(alice, 4 * AMOUNT);
    }

    function test_gas_createSeries() public {
        SeriesKey memory k = keyOf(address(weth), 2000 * WAD, MATURITY);
        measure("createSeries", address(this), abi.encodeCall(IPNCore.createSeries, (k)));
    }

    function test_gas_split() public {
        bytes memory data = abi.encodeCall(IPNCore.split, (key, AMOUNT, alice));
        measure("split (first-time holder)", alice, data);
        measure("split (repeat holder)", alice, data);
    }

    function test_gas_splitFirstPairOfSeries() public {
        SeriesKey memory k = keyOf(address(weth), 2000 * WAD, MATURITY);
        core.createSeries(k);
        measure("split (first pair of a new series)", alice, abi.encodeCall(IPNCore.split, (k, AMOUNT, alice)));
    }

    function test_gas_splitETH() public {
        vm.deal(alice, 2 * AMOUNT);
        bytes memory data = abi.encodeCall(IPNCore.split, (key, AMOUNT, alice));
        measureWithValue("split ETH (first-time holder)", alice, AMOUNT, data);
        measureWithValue("split ETH (repeat holder)", alice, AMOUNT, data);
    }

    function test_gas_merge() public {
        vm.prank(alice);
        core.split(key, 2 * AMOUNT, alice);
        bytes memory data = abi.encodeCall(IPNCore.merge, (key, AMOUNT, alice));
        measure("merge (keeps a position)", alice, data);
        measure("merge (full exit)", alice, data);
    }

    function test_gas_mergeToETH() public {
        vm.prank(alice);
        core.split(key, 2 * AMOUNT, alice);
        measure("mergeToETH", alice, abi.encodeCall(IPNCore.mergeToETH, (key, AMOUNT, payable(alice))));
    }

    function test_gas_settle() public {
        vm.warp(MATURITY);
        oracle.report(key.indexId, MATURITY, 2500 * WAD);
        measure("settle (oracle read included)", address(this), abi.encodeCall(IPNCore.settle, (key)));
    }

    function test_gas_redeem() public {
        vm.prank(alice);
        core.split(key, 2 * AMOUNT, alice);
        settleAt(key, 2500 * WAD);
        measure("redeem P", alice, abi.encodeCall(IPNCore.redeem, (key, AMOUNT, 0, alice)));
        measure("redeem N", alice, abi.encodeCall(IPNCore.redeem, (key, 0, AMOUNT, alice)));
        measure("redeem P and N (full exit)", alice, abi.encodeCall(IPNCore.redeem, (key, AMOUNT, AMOUNT, alice)));
    }

    function test_gas_tokenTransfer() public {
        bytes memory data = abi.encodeCall(pToken.transfer, (alice, 1 ether));
        measureOn("P transfer (new recipient)", address(pToken), bob, data);
        measureOn("P transfer (repeat recipient)", address(pToken), bob, data);
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IPNMarket} from "../../../src/interfaces/IPNMarket.sol";
import {IPNVaultBase} from "../../../src/interfaces/IPNVault.sol";
import {SeriesKey} from "../../../src/types/SeriesKey.sol";
import {PNVault} from "../../../src/vault/PNVault.sol";
import {VaultMath} from "../../../src/vault/libraries/VaultMath.sol";
import {VaultRulesLib} from "../../../src/vault/libraries/VaultRulesLib.sol";
import {VaultBaseTest} from "../utils/VaultBaseTest.sol";

/// @notice Deployment, the share token, and the keeper views (each must agree with what the action then does).
contract ViewsIntegrationTest is VaultBaseTest {
    /*//////////////////////////////////////////////////////////////
                               DEPLOYMENT
    //////////////////////////////////////////////////////////////*/

    function testConstructorRejectsBadRules() public {
        IPNVaultBase.Rules memory r = defaultRules();
        r.rollFloorBps = r.rollStartBps;
        vm.expectRevert(abi.encodeWithSelector(IPNVaultBase.InvalidRule.selector, _name("rollFloorBps"), 10_200));
        new PNVault(IPNMarket(address(market)), r, PRICE, "x", "x");
        vm.expectRevert(abi.encodeWithSelector(IPNVaultBase.InvalidRule.selector, _name("initialPriceWad"), 1));
        new PNVault(IPNMarket(address(market)), defaultRules(), 1, "x", "x");
    }

    function testConstructorState() public view {
        SeriesKey memory k = cur();
        assertEq(k.strikeWad, 1500e18, "k * 3,000");
        assertEq(k.maturity, VaultMath.nextMaturity(START + 28 days, ORIGIN, 7 days));
        assertEq(k.collateral, address(weth));
        assertEq(address(k.oracle), address(oracle));
        assertEq(k.indexId, USD);
        assertTrue(core.exists(k));
        assertEq(uint8(phase()), uint8(IPNVaultBase.Phase.Holding));
        assertEq(vault.core(), address(core));
        assertEq(vault.market(), address(market));
        assertEq(vault.collateral(), address(weth));
        assertEq(vault.VIRTUAL_SHARES(), 1e6);
        assertEq(weth.allowance(address(vault), address(core)), type(uint256).max);
    }

    /// @dev VT-3: the rules read back exactly as deployed.
    function testRulesReadBack() public view {
        assertEq(VaultRulesLib.hash(vault.rules()), VaultRulesLib.hash(rules));
    }

    /*//////////////////////////////////////////////////////////////
                                 TOKEN
    //////////////////////////////////////////////////////////////*/

    function testTokenMetadata() public view {
        assertEq(vault.name(), "pn USD");
        assertEq(vault.symbol(), "pnUSD");
        assertEq(vault.decimals(), 18);
    }

    function testPermit() public {
        (address owner, uint256 pk) = makeAddrAndKey("owner");
        bytes32 structHash = keccak256(
            abi.encode(
                keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)"),
                owner,
                bob,
                5 ether,
                0,
                block.timestamp
            )
        );
        bytes32 digest = keccak256(abi.encodePacked("\x19\x01", vault.DOMAIN_SEPARATOR(), structHash));
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(pk, digest);
        vault.permit(owner, bob, 5 ether, block.timestamp, v, r, s);
        assertEq(vault.allowance(owner, bob), 5 ether);
        assertEq(vault.nonces(owner), 1);
    }

    /*//////////////////////////////////////////////////////////////
                              KEEPER VIEWS
    //////////////////////////////////////////////////////////////*/

    function testNextRoll() public {
        SeriesKey memory k = cur();
        (uint256 scheduledAt, uint256 signalBelow, uint256 allowedAt) = vault.nextRoll();
        assertEq(scheduledAt, k.maturity - 7 days);
        assertEq(signalBelow, 2250e18);
        assertEq(allowedAt, 0, "no roll yet");
        depositETH(alice, 1 ether);
        trigger(2000e18);
        (,, allowedAt) = vault.nextRoll();
        assertEq(allowedAt, block.timestamp + 3 days);
    }

    /// @dev `previewTrigger` returns the plan the trigger then executes, or the exact revert data.
    function testFuzzPreviewTriggerMatches(uint256 hint, uint256 wait) public {
        depositETH(alice, 7 ether);
        hint = bound(hint, 0, 5000e18);
        wait = bound(wait, 0, 40 days);
        vm.warp(block.timestamp + wait);
        (IPNVaultBase.Plan memory plan, bytes memory err) = vault.previewTrigger(hint, 0);
        assertEq(vault.canTrigger(hint, 0), err.length == 0);
        vm.prank(keeper);
        if (err.length != 0) {
            vm.expectRevert(err);
            vault.triggerRoll(hint, 0);
            return;
        }
        uint256 orderId = vault.triggerRoll(hint, 0);
        assertEq(cur().strikeWad, plan.strikeWad);
        assertEq(cur().maturity, plan.maturity);
        IPNMarket.Order memory o = market.orderOf(orderId);
        assertEq(o.amount, plan.amount);
        assertEq(o.priceWad, plan.startPriceWad);
        assertEq(o.floorPriceWad, plan.floorPriceWad);
        assertEq(o.expiry, plan.deadline);
        assertEq(pOf(secondKey()).balanceOf(keeper), plan.reward);
    }

    function testHoldingsAndPreviews() public {
        depositETH(alice, 10 ether);
        assertEq(vault.previewDeposit(1 ether), VaultMath.sharesFor(1 ether, 10 ether, 10 ether));
        warpToScheduled();
        uint256 orderId = trigger(0);
        assertEq(vault.previewDeposit(1 ether), 0, "closed while rolling");
        vm.warp(block.timestamp + 1 hours);
        fillAs(maker, orderId, 4 ether);
        (uint256 curAmount, address token, uint256 second) = vault.holdings();
        assertEq(curAmount, pHeld(cur()));
        assertEq(token, address(pOf(secondKey())));
        assertEq(second, market.orderOf(orderId).amount);
        (uint256 c, uint256 s) = vault.previewWithdraw(1 ether);
        (uint256 c2, uint256 s2,) = withdrawAs(alice, 1 ether);
        assertEq(c, c2);
        assertEq(s, s2);
    }

    function testViewOnEngineOnlySelf() public {
        vm.expectRevert(abi.encodeWithSelector(PNVault.OnlySelf.selector, address(this)));
        vault.viewOnEngine(abi.encodeCall(vault.canReenter, ()));
    }

    function _name(string memory s) private pure returns (bytes32 r) {
        assembly ("memory-safe") {
            r := mload(add(s, 0x20))
        }
    }
}

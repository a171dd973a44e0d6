// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IPNMarket} from "../../../src/interfaces/IPNMarket.sol";
import {IPNVaultBase} from "../../../src/interfaces/IPNVault.sol";
import {PNToken} from "../../../src/tokens/PNToken.sol";
import {SeriesKey} from "../../../src/types/SeriesKey.sol";
import {PNVault} from "../../../src/vault/PNVault.sol";
import {VaultMath} from "../../../src/vault/libraries/VaultMath.sol";
import {VaultRulesLib} from "../../../src/vault/libraries/VaultRulesLib.sol";
import {PNVaultHandler} from "./handlers/PNVaultHandler.sol";
import {Test} from "forge-std/Test.sol";
import {console} from "forge-std/console.sol";

/// @notice The vault's invariants (contracts/INVARIANTS.md, "Vault"), checked after every random call sequence of
/// `PNVaultHandler`: three holders, a keeper giving honest, false-low and false-high hints, a maker, a donor and a
/// stranger, on the real core and market with the dev oracle. The handler's own checks (every revert predicted,
/// exact pro-rata payouts, floors, rewards) fail the run: reverts fail it here.
/// The phase machine needs long sequences (a roll cycle spans weeks of warps), hence the depth.
/// forge-config: default.invariant.fail-on-revert = true
/// forge-config: default.invariant.depth = 128
contract PNVaultInvariantTest is Test {
    uint256 internal constant V = VaultMath.VIRTUAL_SHARES;

    PNVaultHandler internal handler;
    PNVault internal vault;
    IPNMarket internal market;

    function setUp() public {
        vm.warp(1_790_000_000);
        handler = new PNVaultHandler();
        vault = handler.vault();
        market = IPNMarket(address(handler.market()));
        targetContract(address(handler));
        bytes4[] memory selectors = new bytes4[](19);
        selectors[0] = PNVaultHandler.depositETH.selector;
        selectors[1] = PNVaultHandler.depositP.selector;
        selectors[2] = PNVaultHandler.withdraw.selector;
        selectors[3] = PNVaultHandler.transferShares.selector;
        selectors[4] = PNVaultHandler.trigger.selector;
        selectors[5] = PNVaultHandler.fill.selector;
        selectors[6] = PNVaultHandler.close.selector;
        selectors[7] = PNVaultHandler.reenter.selector;
        selectors[8] = PNVaultHandler.report.selector;
        selectors[9] = PNVaultHandler.movePrice.selector;
        selectors[10] = PNVaultHandler.warp.selector;
        selectors[11] = PNVaultHandler.donate.selector;
        selectors[12] = PNVaultHandler.strangerCancel.selector;
        selectors[13] = PNVaultHandler.depositETH.selector; // deposits, keeper rounds and fills twice, warps thrice
        selectors[14] = PNVaultHandler.warp.selector;
        selectors[15] = PNVaultHandler.keeperRound.selector;
        selectors[16] = PNVaultHandler.keeperRound.selector;
        selectors[17] = PNVaultHandler.warp.selector;
        selectors[18] = PNVaultHandler.fill.selector;
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
    }

    /// VT-1: no deposit or withdrawal lowered any asset's holdings per share (checked by the handler around each).
    function invariant_VT1_depositWithdrawNeverLowerOthersClaims() public view {
        assertEq(handler.vt1Violations(), 0);
    }

    /// VT-2: the holders' claims, each rounded down, add up to at most the holdings, and the holdings are there:
    /// the current P in the vault, the second asset in the vault or in its open order's escrow.
    function invariant_VT2_claimsNeverExceedHoldings() public view {
        (uint256 cur, address token, uint256 second) = vault.holdings();
        uint256 supply = vault.totalSupply();
        uint256 sumCur;
        uint256 sumSecond;
        for (uint256 i; i < handler.actorCount(); ++i) {
            uint256 shares = vault.balanceOf(handler.actors(i));
            sumCur += VaultMath.claimOf(shares, cur, supply);
            sumSecond += VaultMath.claimOf(shares, second, supply);
        }
        assertLe(sumCur, cur, "current P");
        assertLe(sumSecond, second, "second asset");
        SeriesKey memory k = vault.currentSeries();
        (address p,) = handler.core().tokensOf(k);
        assertEq(PNToken(p).balanceOf(address(vault)), cur, "current P is the vault's balance");
        if (token != address(0)) {
            IPNVaultBase.State memory s = vault.state();
            uint256 escrow = s.orderId == 0 ? 0 : market.orderOf(s.orderId).amount;
            assertLe(second, PNToken(token).balanceOf(address(vault)) + escrow, "second asset backed");
        }
    }

    /// VT-3: the rules never change.
    function invariant_VT3_rulesNeverChange() public view {
        assertEq(VaultRulesLib.hash(vault.rules()), handler.rulesHash());
    }

    /// VT-4: the vault never has more than one open market order, and it is the one its state names.
    function invariant_VT4_atMostOneLiveOrder() public view {
        uint256 open;
        uint256 last;
        for (uint256 id = 1; id <= market.orderCount(); ++id) {
            if (market.orderOf(id).maker == address(vault)) {
                ++open;
                last = id;
            }
        }
        assertLe(open, 1);
        if (open == 1) assertEq(vault.state().orderId, last, "the state's order");
    }

    /// VT-5: no fill paid the vault less than its floor, and every floor was the rule's fraction of its reference.
    function invariant_VT5_neverBelowFloor() public view {
        assertEq(handler.vt5Violations(), 0);
    }

    /// VT-6: rewards within `min(rewardBps of the amount, rewardCap)`; signal rolls at least `minRollInterval` apart.
    function invariant_VT6_rewardsAndRollsBounded() public view {
        assertEq(handler.vt6Violations(), 0);
    }

    /// The shares are the ghost model's, and the phase's bookkeeping is consistent.
    function invariant_sharesAndPhaseConsistent() public view {
        uint256 sum;
        for (uint256 i; i < handler.actorCount(); ++i) {
            address a = handler.actors(i);
            assertEq(vault.balanceOf(a), handler.ghostShares(a));
            sum += handler.ghostShares(a);
        }
        assertEq(vault.totalSupply(), sum);
        assertEq(handler.ghostSupply(), sum);
        IPNVaultBase.State memory s = vault.state();
        if (s.phase == IPNVaultBase.Phase.Holding) {
            assertEq(s.orderId, 0);
            (, address token, uint256 second) = vault.holdings();
            assertEq(token, address(0));
            assertEq(second, 0);
        } else if (s.phase == IPNVaultBase.Phase.Rolling || s.phase == IPNVaultBase.Phase.Selling) {
            assertGt(s.orderId, 0);
        } else {
            assertEq(s.orderId, 0);
            assertGt(s.secondHeld, 0);
        }
    }

    function afterInvariant() external view {
        string[15] memory names = [
            "depositETH",
            "depositP",
            "withdraw",
            "transferShares",
            "trigger (scheduled)",
            "trigger (signal)",
            "fill",
            "close",
            "reenter",
            "report",
            "movePrice",
            "warp",
            "donate",
            "strangerCancel",
            "keeperRound"
        ];
        for (uint256 i; i < names.length; ++i) {
            console.log(names[i], handler.calls(bytes32(bytes(names[i]))));
        }
    }
}

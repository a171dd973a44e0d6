// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {PNCore} from "../../src/PNCore.sol";
import {DevWETH} from "../../src/dev/DevWETH.sol";
import {PNToken} from "../../src/tokens/PNToken.sol";
import {SeriesId, SeriesKey} from "../../src/types/SeriesKey.sol";
import {MockERC20} from "../mocks/MockERC20.sol";
import {PNCoreHandler} from "./handlers/PNCoreHandler.sol";
import {Test} from "forge-std/Test.sol";
import {console} from "forge-std/console.sol";

/// @notice The core's invariants (contracts/INVARIANTS.md), checked after every random call sequence of
/// `PNCoreHandler`: 3 series (two on WETH, one on a 6-decimal token), 4 actors. With fail-on-revert, a failed check
/// inside the handler (its ghost model, an unpredicted revert) fails the run, not only the invariant functions.
/// forge-config: default.invariant.fail-on-revert = true
contract PNCoreInvariantTest is Test {
    PNCore internal core;
    DevWETH internal weth;
    MockERC20 internal usdc;
    PNCoreHandler internal handler;

    function setUp() public {
        vm.warp(1_790_000_000);
        weth = new DevWETH();
        usdc = new MockERC20("USD Coin", "USDC", 6);
        core = new PNCore(address(weth));
        handler = new PNCoreHandler(core, weth, usdc);
        targetContract(address(handler));
        bytes4[] memory selectors = new bytes4[](7);
        selectors[0] = PNCoreHandler.split.selector;
        selectors[1] = PNCoreHandler.merge.selector;
        selectors[2] = PNCoreHandler.transfer.selector;
        selectors[3] = PNCoreHandler.transferFrom.selector;
        selectors[4] = PNCoreHandler.warp.selector;
        selectors[5] = PNCoreHandler.settle.selector;
        selectors[6] = PNCoreHandler.redeem.selector;
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
    }

    /// PN-1: before settlement the collateral held for a series equals its outstanding pairs.
    function invariant_PN1_fullCollateralisationBeforeSettlement() public view {
        for (uint256 s; s < handler.seriesCount(); ++s) {
            SeriesId id = handler.ids(s);
            if (core.settlementOf(id) != 0) continue;
            (uint256 pSupply, uint256 nSupply) = core.suppliesOf(id);
            assertEq(core.collateralOf(id), pSupply, "PN-1: collateral != P supply");
            assertEq(core.collateralOf(id), nSupply, "PN-1: collateral != N supply");
            assertEq(core.collateralOf(id), handler.ghostCollateral(s), "PN-1: collateral != ghost");
        }
    }

    /// PN-1 (token level): the core holds at least the collateral it accounts for, per collateral token.
    function invariant_PN1_coreHoldsAccountedCollateral() public view {
        uint256 wethOwed = core.collateralOf(handler.ids(0)) + core.collateralOf(handler.ids(1));
        assertEq(weth.balanceOf(address(core)), wethOwed, "PN-1: WETH held != accounted");
        assertEq(usdc.balanceOf(address(core)), core.collateralOf(handler.ids(2)), "PN-1: USDC held != accounted");
    }

    /// PN-2: after settlement the collateral held covers every outstanding claim at x.
    function invariant_PN2_claimsCoveredAfterSettlement() public view {
        for (uint256 s; s < handler.seriesCount(); ++s) {
            SeriesId id = handler.ids(s);
            uint256 x = core.settlementOf(id);
            if (x == 0) continue;
            uint256 strike = handler.keyAt(s).strikeWad;
            (uint256 pSupply, uint256 nSupply) = core.suppliesOf(id);
            uint256 pClaim = pSupply * (x < strike ? x : strike);
            uint256 nClaim = nSupply * (x > strike ? x - strike : 0);
            assertGe(core.collateralOf(id) * x, pClaim + nClaim, "PN-2: claims exceed collateral");
            assertEq(core.collateralOf(id), handler.ghostCollateral(s), "PN-2: collateral != ghost");
        }
    }

    /// PN-3: P supply equals N supply until the first redemption.
    function invariant_PN3_supplyParityUntilRedemption() public view {
        for (uint256 s; s < handler.seriesCount(); ++s) {
            (uint256 pSupply, uint256 nSupply) = core.suppliesOf(handler.ids(s));
            if (!handler.ghostRedeemed(s)) assertEq(pSupply, nSupply, "PN-3: supplies diverged");
            assertEq(pSupply, handler.ghostPSupply(s), "PN-3: P supply != ghost");
            assertEq(nSupply, handler.ghostNSupply(s), "PN-3: N supply != ghost");
        }
    }

    /// PN-4: a pair redeemed together is paid one unit less at most 1 wei of dust.
    function invariant_PN4_pairDustAtMostOneWei() public view {
        assertLe(handler.maxPairDust(), 1, "PN-4: pair dust above 1 wei");
    }

    /// PN-5: x is written once and never changes.
    function invariant_PN5_settlementWrittenOnce() public view {
        for (uint256 s; s < handler.seriesCount(); ++s) {
            assertEq(core.settlementOf(handler.ids(s)), handler.ghostX(s), "PN-5: x changed");
        }
    }

    /// PN-6: every balance is what its holder's own actions (and approved spenders') made it; nothing else
    /// lowered it. The ghost only debits the acting holder.
    function invariant_PN6_balancesMoveOnlyByHolderAction() public view {
        for (uint256 s; s < handler.seriesCount(); ++s) {
            for (uint256 a; a < handler.actorCount(); ++a) {
                address actor = handler.actors(a);
                (uint256 p, uint256 n) = core.balancesOf(handler.ids(s), actor);
                assertEq(p, handler.ghostP(s, actor), "PN-6: P balance != ghost");
                assertEq(n, handler.ghostN(s, actor), "PN-6: N balance != ghost");
                assertEq(handler.pTokens(s).balanceOf(actor), p, "ERC-20 P balance view != core");
                assertEq(handler.nTokens(s).balanceOf(actor), n, "ERC-20 N balance view != core");
            }
        }
    }

    /// PN-7: the balances of all holders add up to each token's total supply.
    function invariant_PN7_balancesSumToSupply() public view {
        for (uint256 s; s < handler.seriesCount(); ++s) {
            uint256 pSum;
            uint256 nSum;
            for (uint256 a; a < handler.actorCount(); ++a) {
                (uint256 p, uint256 n) = core.balancesOf(handler.ids(s), handler.actors(a));
                pSum += p;
                nSum += n;
            }
            PNToken pToken = handler.pTokens(s);
            PNToken nToken = handler.nTokens(s);
            assertEq(pSum, pToken.totalSupply(), "PN-7: P balances != supply");
            assertEq(nSum, nToken.totalSupply(), "PN-7: N balances != supply");
        }
    }

    function afterInvariant() external view {
        string[7] memory names = ["split", "merge", "transfer", "transferFrom", "warp", "settle", "redeem"];
        for (uint256 i; i < names.length; ++i) {
            console.log(names[i], handler.calls(bytes32(bytes(names[i]))));
        }
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IPNVaultBase} from "../../../src/interfaces/IPNVault.sol";
import {SeriesKey} from "../../../src/types/SeriesKey.sol";
import {VaultBaseTest} from "../utils/VaultBaseTest.sol";

/// @notice `closeAuction`: reverts first, then each way an auction ends (filled; partly filled and timed out;
/// expired and cancelled at the market by a stranger; a sale timing out).
contract CloseAuctionIntegrationTest is VaultBaseTest {
    uint256 internal orderId;
    SeriesKey internal a;

    function setUp() public override {
        super.setUp();
        depositETH(alice, 50 ether);
        a = cur();
        warpToScheduled();
        orderId = trigger(0);
    }

    function testCloseNoAuction() public {
        vm.warp(st().deadline);
        vault.closeAuction();
        vm.expectRevert(IPNVaultBase.NoAuction.selector);
        vault.closeAuction();
    }

    function testCloseWhileOpen() public {
        uint256 deadline = st().deadline;
        vm.warp(deadline - 1);
        vm.expectRevert(abi.encodeWithSelector(IPNVaultBase.AuctionOpen.selector, orderId, deadline));
        vault.closeAuction();
        assertFalse(vault.canClose());
    }

    function testCloseFilled() public {
        vm.warp(block.timestamp + 3 hours);
        fillAs(maker, orderId, st().secondHeld);
        assertTrue(vault.canClose());
        vm.expectEmit(address(vault));
        emit IPNVaultBase.AuctionClosed(orderId, IPNVaultBase.Phase.Holding, 0);
        assertEq(vault.closeAuction(), 0);
        IPNVaultBase.State memory s = st();
        assertEq(uint8(s.phase), uint8(IPNVaultBase.Phase.Holding));
        assertEq(s.orderId, 0);
        assertEq(s.secondStrikeWad, a.strikeWad, "kept from the last auction (gas), meaningless in Holding");
        (uint256 curAmount, address token, uint256 second) = vault.holdings();
        assertEq(curAmount, pHeld(cur()));
        assertEq(token, address(0));
        assertEq(second, 0);
    }

    /// @dev The fallback: half filled by the deadline; the vault cancels and keeps the rest (Legacy).
    function testFuzzClosePartlyFilledAtDeadline(uint256 filled) public {
        uint256 offered = st().secondHeld;
        filled = bound(filled, 1, offered - 1);
        vm.warp(block.timestamp + 3 hours);
        fillAs(maker, orderId, filled);
        vm.warp(st().deadline);
        vm.expectEmit(address(vault));
        emit IPNVaultBase.AuctionClosed(orderId, IPNVaultBase.Phase.Legacy, offered - filled);
        assertEq(vault.closeAuction(), offered - filled);
        assertEq(uint8(phase()), uint8(IPNVaultBase.Phase.Legacy));
        assertEq(pHeld(a), offered - filled, "P_A back in the vault");
        assertEq(market.orderOf(orderId).maker, address(0));
        (, address token, uint256 second) = vault.holdings();
        assertEq(token, address(pOf(a)));
        assertEq(second, offered - filled);
    }

    /// @dev Nobody filled and a stranger cancelled the expired order at the market (the escrow went back to the
    /// vault): closing counts what came back, up to what was offered.
    function testCloseAfterStrangerCancelled() public {
        uint256 offered = st().secondHeld;
        vm.warp(st().deadline);
        vm.prank(carol);
        market.cancel(orderId);
        assertEq(vault.closeAuction(), offered);
        assertEq(uint8(phase()), uint8(IPNVaultBase.Phase.Legacy));
    }

    /// @dev A re-entry sale that does not fill leaves the N held (Stranded) until the current series matures.
    function testCloseSaleStranded() public {
        vm.warp(st().deadline);
        vault.closeAuction();
        reportAt(a, 3000e18);
        uint256 saleId = vault.reenter();
        uint256 offered = st().secondHeld;
        vm.warp(st().deadline);
        vm.expectEmit(address(vault));
        emit IPNVaultBase.AuctionClosed(saleId, IPNVaultBase.Phase.Stranded, offered);
        vault.closeAuction();
        assertEq(uint8(phase()), uint8(IPNVaultBase.Phase.Stranded));
        assertEq(nOf(cur()).balanceOf(address(vault)), offered);
    }
}

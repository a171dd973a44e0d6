// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IPNMarket} from "../../../src/interfaces/IPNMarket.sol";
import {IRollRouter} from "../../../src/interfaces/IRollRouter.sol";
import {PayoffLib} from "../../../src/libraries/PayoffLib.sol";
import {MarketBaseTest} from "../utils/MarketBaseTest.sol";

/// @notice End to end on the real core: a holder rolls P of series A (strike 1500) into P of series B (strike
/// 1000, four weeks later) after ETH has fallen toward 1800, first patiently with a roll auction that a market
/// maker fills, then atomically through the router at resting orders; then both series settle and pay out.
contract RollLifecycleTest is MarketBaseTest {
    address internal hana = makeAddr("hana"); // holds "about $15,000" as P_A
    address internal max = makeAddr("max"); // market maker

    function setUp() public override {
        super.setUp();
        // Hana splits 10 ETH into 10 P_A + 10 N_A and sells the N_A to Max's bid: she now holds P_A only.
        mintPairs(hana, key, 10 ether);
        uint256 bid = postBidAs(max, address(nToken), 10 ether, 0.4e18, 0);
        vm.prank(hana);
        market.fill(bid, 10 ether, hana);
        assertEq(nToken.balanceOf(max), 10 ether);
        assertEq(weth.balanceOf(hana), 4 ether);
        approveAll(max, key);
    }

    /// @dev The patient roll. Hana offers 10 P_A for P_B on a linear curve from 1.60 to 1.45 P_B per P_A over two
    /// days (at x = 1800, P_A is worth about 0.83 ETH and P_B about 0.55). Six hours later Max fills it at the
    /// then-current 1.58125: he splits B, delivers P_B, takes P_A and merges it with the N_A he holds. He carries
    /// N_B instead of N_A: one call for another, the net spread trade of a roll.
    function testRollAuctionFilledByMarketMaker() public {
        vm.warp(block.timestamp + 10 days);
        vm.prank(hana);
        uint256 auction =
            market.postAsk(curvedAsk(address(pToken), address(pTokenB), 10 ether, 1.6e18, 1.45e18, 2 days, 0));
        assertEq(pToken.balanceOf(address(market)), 10 ether, "MK-1: auction escrowed");

        vm.warp(block.timestamp + 6 hours);
        uint256 price = market.priceAt(auction, block.timestamp);
        assertEq(price, 1.58125e18, "1.45 + 0.15 * 42/48");
        uint256 cost = market.quote(auction, 10 ether);
        assertEq(cost, 15.8125 ether);

        // Max makes the P_B by splitting B and fills the whole auction.
        mintPairs(max, keyB, cost);
        vm.prank(max);
        market.fill(auction, 10 ether, max);
        assertEq(pTokenB.balanceOf(hana), cost, "Hana holds P_B");
        assertEq(pToken.balanceOf(hana), 0);
        assertEq(market.orderOf(auction).maker, address(0), "auction closed");

        // Max merges the P_A he took with his N_A: 10 ETH back. He is left with the N_B of his split.
        uint256 wethBefore = weth.balanceOf(max);
        vm.prank(max);
        core.merge(key, 10 ether, max);
        assertEq(weth.balanceOf(max) - wethBefore, 10 ether);
        assertEq(nTokenB.balanceOf(max), cost);
        assertEq(pToken.balanceOf(max) + nToken.balanceOf(max), 0, "flat in series A");

        // B settles at x = 1800: each P_B pays min(1, 1000/1800) ETH.
        settleAt(keyB, 1800 * WAD);
        vm.prank(hana);
        uint256 paid = core.redeem(keyB, cost, 0, hana);
        assertEq(paid, PayoffLib.pPayout(cost, 1000 * WAD, 1800 * WAD));
        assertApproxEqAbs(paid, 8.784_722_222_222_222_222 ether, 1, "15.8125 * 1000 / 1800");
    }

    /// @dev The atomic roll. Max rests an ask of N_A at 0.04 and a bid for N_B at 0.44. Hana rolls her 10 P_A into
    /// 15 P_B in one transaction: buys 10 N_A (0.4 ETH), merges (10 ETH), splits 15 B (15 ETH), sells 15 N_B
    /// (6.6 ETH). Her buffer is the asks' cost plus the 5 ETH the larger split needs; 6.6 ETH comes back.
    function testRouterRollsAtRestingOrders() public {
        vm.warp(block.timestamp + 10 days);
        mintPairs(max, key, 20 ether); // Max's inventory of N_A to offer
        vm.startPrank(max);
        uint256 ask = market.postAsk(flatAsk(address(nToken), address(weth), 20 ether, 0.04e18));
        vm.stopPrank();
        uint256 bid = postBidAs(max, address(nTokenB), 30 ether, 0.44e18, block.timestamp + 1 days);

        uint256 buffer = 0.4 ether + 5 ether;
        fundCollateral(hana, address(weth), buffer);
        approveAll(hana, key);
        uint256 wethBefore = weth.balanceOf(hana);
        IRollRouter.RollParams memory p = rollParams(key, keyB, 10 ether, 15 ether, buffer, ids1(ask), ids1(bid), hana);
        p.minRefund = 6.6 ether;
        vm.prank(hana);
        uint256 refund = router.roll(p);

        assertEq(refund, 6.6 ether, "buffer - 0.4 + 10 - 15 + 6.6");
        assertEq(weth.balanceOf(hana), wethBefore - buffer + refund, "net cost 5 - 6.6 + 0.4 = -1.2 ETH");
        assertEq(pTokenB.balanceOf(hana), 15 ether);
        assertEq(pToken.balanceOf(hana), 0);
        assertEq(nTokenB.balanceOf(max), 15 ether, "Max bought the N_B");
        assertEq(market.orderOf(ask).amount, 10 ether);
        assertEq(market.orderOf(bid).amount, 15 ether);
        (uint256 rp, uint256 rn) = core.balancesOf(idB, address(router));
        assertEq(rp + rn + weth.balanceOf(address(router)), 0, "router keeps nothing");

        // Both series settle; everything outstanding is redeemable and the core stays fully collateralised.
        settleAt(key, 1800 * WAD);
        settleAt(keyB, 1800 * WAD);
        vm.prank(hana);
        core.redeem(keyB, 15 ether, 0, hana);
        (uint256 pSupply, uint256 nSupply) = core.suppliesOf(idB);
        assertGe(core.collateralOf(idB) * 1800 * WAD, pSupply * 1000 * WAD + nSupply * 800 * WAD, "PN-2");

        // Max's remaining ask and bid are still his to cancel after the fact.
        vm.startPrank(max);
        assertEq(market.cancel(ask), 10 ether);
        assertEq(market.cancel(bid), 15 ether * 0.44e18 / WAD);
        vm.stopPrank();
        assertEq(weth.balanceOf(address(market)) + nToken.balanceOf(address(market)), 0, "MK-1: market empty");
    }

    /// @dev An exponential roll auction reaches the floor at its duration; before that it decays by halving.
    function testExponentialRollAuction() public {
        vm.prank(hana);
        IPNMarket.AskParams memory p =
            curvedAsk(address(pToken), address(pTokenB), 10 ether, 1.8e18, 1.4e18, 1 days, 4 hours);
        uint256 auction = market.postAsk(p);
        uint256 t0 = block.timestamp;
        assertEq(market.priceAt(auction, t0 + 4 hours), 1.6e18, "one half-life: half the gap");
        assertEq(market.priceAt(auction, t0 + 8 hours), 1.5e18);
        assertEq(market.priceAt(auction, t0 + 1 days), 1.4e18, "floor at the end");

        vm.warp(t0 + 8 hours);
        uint256 cost = market.quote(auction, 4 ether);
        assertEq(cost, 6 ether);
        mintPairs(max, keyB, cost);
        vm.prank(max);
        market.fill(auction, 4 ether, max);
        assertEq(pTokenB.balanceOf(hana), 6 ether);
        assertEq(market.orderOf(auction).amount, 6 ether, "partial fill leaves the rest on the curve");
    }
}

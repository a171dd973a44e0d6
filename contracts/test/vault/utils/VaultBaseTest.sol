// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IIndexOracle} from "../../../src/interfaces/IIndexOracle.sol";
import {IPNMarket} from "../../../src/interfaces/IPNMarket.sol";
import {IPNVault, IPNVaultBase} from "../../../src/interfaces/IPNVault.sol";
import {PNToken} from "../../../src/tokens/PNToken.sol";
import {SeriesId, SeriesKey, SeriesKeyLib} from "../../../src/types/SeriesKey.sol";
import {PNVault} from "../../../src/vault/PNVault.sol";
import {VaultMath} from "../../../src/vault/libraries/VaultMath.sol";
import {MarketBaseTest} from "../../market/utils/MarketBaseTest.sol";

/// @notice Shared vault fixture on top of the market's: a `pnUSD` vault on the dev oracle with the default policy
/// (strike half the price on a 2-significant-digit grid, signal roll below 1.5·S, 4-week tenor on a weekly grid,
/// scheduled roll a week ahead, 1-day linear auctions from 102% to 98% of the strike ratio plus a day at the
/// floor, a 0.01% reward capped at 0.01). Deployed at an index price of 3,000: the first series is struck at
/// 1,500 and matures on the first grid date four weeks out.
abstract contract VaultBaseTest is MarketBaseTest {
    uint256 internal constant PRICE = 3000e18;
    uint256 internal constant BPS = 10_000;
    uint256 internal constant V = VaultMath.VIRTUAL_SHARES;
    /// @dev Grid origin: a Thursday 00:00 UTC, fifteen weeks before `MATURITY`.
    uint256 internal constant ORIGIN = MATURITY - 15 * 7 days;

    PNVault internal vault;
    IPNVaultBase.Rules internal rules;
    address internal keeper = makeAddr("keeper");
    address internal dave = makeAddr("dave");

    function setUp() public virtual override {
        super.setUp();
        rules = defaultRules();
        vault = deployVault(rules, PRICE);
        vm.label(address(vault), "vault");
    }

    function defaultRules() internal view returns (IPNVaultBase.Rules memory) {
        return IPNVaultBase.Rules({
            oracle: IIndexOracle(address(oracle)),
            indexId: USD,
            strikeFractionBps: 5000,
            strikeSigFigs: 2,
            minStrikeStepBps: 2500,
            maxRefAge: 1 days,
            triggerBps: 15_000,
            minRollInterval: 3 days,
            tenor: 28 days,
            maturityOrigin: ORIGIN,
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

    function deployVault(IPNVaultBase.Rules memory r, uint256 priceWad) internal returns (PNVault) {
        return new PNVault(IPNMarket(address(market)), r, priceWad, "pn USD", "pnUSD");
    }

    /*//////////////////////////////////////////////////////////////
                                 READS
    //////////////////////////////////////////////////////////////*/

    function cur() internal view returns (SeriesKey memory) {
        return vault.currentSeries();
    }

    function st() internal view returns (IPNVaultBase.State memory) {
        return vault.state();
    }

    function pOf(SeriesKey memory k) internal view returns (PNToken) {
        (address p,) = core.tokensOf(k);
        return PNToken(p);
    }

    function nOf(SeriesKey memory k) internal view returns (PNToken) {
        (, address n) = core.tokensOf(k);
        return PNToken(n);
    }

    function idOf(SeriesKey memory k) internal pure returns (SeriesId) {
        return SeriesKeyLib.toId(k);
    }

    function keyAt(uint256 strikeWad, uint256 maturity) internal view returns (SeriesKey memory) {
        return keyOf(address(weth), strikeWad, maturity);
    }

    /// @dev The second asset's series (previous series while rolling or legacy; current one while selling).
    function secondKey() internal view returns (SeriesKey memory) {
        IPNVaultBase.State memory s = st();
        return keyAt(s.secondStrikeWad, s.secondMaturity);
    }

    function pHeld(SeriesKey memory k) internal view returns (uint256 p) {
        (p,) = core.balancesOf(idOf(k), address(vault));
    }

    function phase() internal view returns (IPNVaultBase.Phase) {
        return st().phase;
    }

    /*//////////////////////////////////////////////////////////////
                                ACTIONS
    //////////////////////////////////////////////////////////////*/

    function depositETH(address who, uint256 amount) internal returns (uint256 shares) {
        vm.deal(who, who.balance + amount);
        vm.prank(who);
        return vault.deposit{value: amount}(who);
    }

    /// @dev `who` splits `amount` of the current series and deposits the P.
    function depositPAs(address who, uint256 amount) internal returns (uint256 shares) {
        SeriesKey memory k = cur();
        splitAs(who, k, amount);
        vm.startPrank(who);
        pOf(k).approve(address(vault), amount);
        shares = vault.depositP(amount, who);
        vm.stopPrank();
    }

    function withdrawAs(address who, uint256 shares) internal returns (uint256 a, uint256 b, uint256 c) {
        vm.prank(who);
        return vault.withdraw(shares, who);
    }

    function trigger(uint256 hintWad) internal returns (uint256 orderId) {
        vm.prank(keeper);
        return vault.triggerRoll(hintWad, 0);
    }

    /// @dev Warps to the scheduled roll of the current series.
    function warpToScheduled() internal {
        (uint256 scheduledAt,,) = vault.nextRoll();
        if (block.timestamp < scheduledAt) vm.warp(scheduledAt);
    }

    /// @dev `maker` fills `amount` of ask `orderId` at its current price, minting the wanted token first (pairs of
    /// its series), and keeps what it takes.
    function fillAs(address who, uint256 orderId, uint256 amount) internal returns (uint256 cost) {
        IPNMarket.Order memory o = market.orderOf(orderId);
        cost = market.quote(orderId, amount);
        SeriesKey memory wantKey = PNToken(o.counterToken).seriesKey();
        mintPairs(who, wantKey, cost);
        vm.prank(who);
        market.fill(orderId, amount, who);
    }

    /// @dev Reports x at `k`'s maturity on the dev oracle (warping there first).
    function reportAt(SeriesKey memory k, uint256 xWad) internal {
        if (block.timestamp < k.maturity) vm.warp(k.maturity);
        oracle.report(k.indexId, k.maturity, xWad);
    }

    function expectVaultError(bytes memory data) internal {
        vm.expectRevert(data);
    }
}

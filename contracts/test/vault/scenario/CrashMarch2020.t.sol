// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IArbiter} from "../../../src/interfaces/IArbiter.sol";
import {IIndexOracle} from "../../../src/interfaces/IIndexOracle.sol";
import {IPNMarket} from "../../../src/interfaces/IPNMarket.sol";
import {IPNVaultBase} from "../../../src/interfaces/IPNVault.sol";
import {IndexConfig} from "../../../src/interfaces/ISlowOracle.sol";
import {CommitteeArbiter} from "../../../src/oracle/CommitteeArbiter.sol";
import {SlowOracle} from "../../../src/oracle/SlowOracle.sol";
import {PNToken} from "../../../src/tokens/PNToken.sol";
import {SeriesKey} from "../../../src/types/SeriesKey.sol";
import {PNVault} from "../../../src/vault/PNVault.sol";
import {MarketBaseTest} from "../../market/utils/MarketBaseTest.sol";
import {BlackScholes} from "../utils/BlackScholes.sol";
import {console} from "forge-std/console.sol";

/// @notice pnUSD through Black Thursday. ETH/USD from 2020-02-21 to 2020-05-15: daily closes from
/// `data/eth_usd_1d_composite.csv` (Kraken), and on 2020-03-12 the hourly closes (the hh:50 bar's close) from
/// `data/eth_usd_10min_crash_days_stablesims.csv`; between data points the price is interpolated linearly. The
/// vault runs on the real slow oracle (bonded proposals, 2-hour challenge window, committee arbiter), which
/// settles each maturity with the price at 00:00 of the maturity day (the data has no 08:00 price).
///
/// Every hour: a keeper closes finished auctions, re-enters when due and triggers a roll with the hour's price as
/// its hint (honest); a proposer answers each matured question; a market maker values the vault's open auction with
/// Black–76 (σ 80% before the crash, 150% from 2020-03-12 to 2020-03-31, 100% after) and, watching every 10
/// minutes while an auction is open, fills all of it once the auction's price is 0.2% below its value. Alice
/// deposits 100 ETH on 2020-02-21 (price 257.96) and withdraws everything on 2020-05-15; her holdings are then
/// marked with the same model. The target is her deposit's P marked the same way at the start (in USD).
contract CrashMarch2020Test is MarketBaseTest {
    uint256 internal constant T0 = 1_582_243_200; // 2020-02-21 00:00 UTC
    uint256 internal constant DAY = 1 days;
    uint256 internal constant ORIGIN = 1_578_038_400; // 2020-01-03 08:00 UTC, a Friday
    uint256 internal constant EDGE_BPS = 20; // the maker's margin on the spread trade
    uint256 internal constant CRASH_DAY = 1_583_971_200; // 2020-03-12 00:00 UTC

    /// @dev Daily closes (USD cents) from data/eth_usd_1d_composite.csv, 2020-02-20 to 2020-05-15; the close of
    /// day d is the price at 00:00 of day d + 1.
    uint32[86] internal closes = [
        25_796,
        26_558,
        26_248,
        27_573,
        26_581,
        24_670,
        22_371,
        22_750,
        22_709,
        21_778, // 02-20 .. 02-29
        21_750,
        23_200,
        22_353,
        22_448,
        22_866,
        24_574,
        23_760,
        19_989,
        20_338,
        20_015, // 03-01 .. 03-10
        19_481,
        10_878,
        13_545,
        12_228,
        12_324,
        11_097,
        11_611,
        11_861,
        13_675,
        13_350, // 03-11 .. 03-20
        13_264,
        12_238,
        13_658,
        13_922,
        13_635,
        13_901,
        13_159,
        13_138,
        12_436,
        13_228, // 03-21 .. 03-30
        13_310,
        13_588,
        14_148,
        14_132,
        14_440,
        14_288,
        17_164,
        16_460,
        17_378,
        16_992, // 03-31 .. 04-09
        15_817,
        15_858,
        15_872,
        15_677,
        15_859,
        15_262,
        17_273,
        17_092,
        18_765,
        18_022, // 04-10 .. 04-19
        17_049,
        17_099,
        18_316,
        18_568,
        18_772,
        19_452,
        19_783,
        19_684,
        19_671,
        21_545, // 04-20 .. 04-29
        20_620,
        21_188,
        21_411,
        20_990,
        20_699,
        20_562,
        19_948,
        21_234,
        21_162,
        21_003, // 04-30 .. 05-09
        18_802,
        18_589,
        18_972,
        20_007,
        20_343,
        19_476 // 05-10 .. 05-15
    ];

    /// @dev 2020-03-12 hourly (USD cents): the close of the hh:50 bar, i.e. the price at (hh + 1):00, hh = 0 .. 22,
    /// from data/eth_usd_10min_crash_days_stablesims.csv. (03-13 00:00 uses the daily close, 108.78.)
    uint32[23] internal crashHours = [
        19_355,
        18_471,
        18_378,
        18_284,
        18_121,
        18_139,
        17_346,
        17_136,
        16_932,
        16_722,
        13_375,
        13_637,
        13_724,
        13_459,
        14_128,
        14_113,
        13_875,
        14_181,
        13_703,
        13_745,
        12_834,
        13_020,
        12_656
    ];

    SlowOracle internal slow;
    CommitteeArbiter internal committee;
    PNVault internal vault;
    address internal proposer = makeAddr("proposer");
    address internal keeper = makeAddr("keeper");
    address internal mm = makeAddr("marketMaker");

    uint256 internal rolls;
    uint256 internal fills;
    uint256 internal reentries;

    function setUp() public override {
        super.setUp();
        vm.warp(T0);
        slow = new SlowOracle(makeAddr("sink"));
        address[] memory members = new address[](3);
        members[0] = makeAddr("m0");
        members[1] = makeAddr("m1");
        members[2] = makeAddr("m2");
        committee = new CommitteeArbiter(slow, members, 2);
        slow.registerIndex(
            USD,
            IndexConfig({
                rulesHash: keccak256("USD"),
                bond: 0.1 ether,
                challengeWindow: 2 hours,
                arbitrationWindow: 3 days,
                maxRounds: 4,
                arbiter: IArbiter(address(committee)),
                minValueWad: 1e18,
                maxValueWad: 1e25
            })
        );
    }

    /// @dev The policy under test: strike half the price (2 significant digits), signal roll below 1.5·S at most
    /// every 3 days, 4-week tenor on a weekly Friday 08:00 grid, scheduled roll a week ahead, 12-hour linear
    /// auctions from 101% to 95% of the strike ratio plus 12 hours at the floor; re-entry sales from 120% to 80%.
    function policy() internal view returns (IPNVaultBase.Rules memory) {
        return policyWith(5000, 3 days);
    }

    function policyWith(uint256 strikeFractionBps, uint256 minRollInterval)
        internal
        view
        returns (IPNVaultBase.Rules memory)
    {
        return IPNVaultBase.Rules({
            oracle: IIndexOracle(address(slow)),
            indexId: USD,
            strikeFractionBps: strikeFractionBps,
            strikeSigFigs: 2,
            minStrikeStepBps: 2500,
            maxRefAge: 1 days,
            triggerBps: 15_000,
            minRollInterval: minRollInterval,
            tenor: 28 days,
            maturityOrigin: ORIGIN,
            maturityPeriod: 7 days,
            rollLead: 7 days,
            auctionDuration: 12 hours,
            auctionHalfLife: 0,
            auctionPatience: 12 hours,
            rollStartBps: 10_100,
            rollFloorBps: 9500,
            saleStartBps: 12_000,
            saleFloorBps: 8000,
            rewardBps: 1,
            rewardCap: 0.01 ether
        });
    }

    /*//////////////////////////////////////////////////////////////
                                THE PATH
    //////////////////////////////////////////////////////////////*/

    /// @dev The index price (WAD) at `t`: linear between the data points.
    function priceAt(uint256 t) internal view returns (uint256) {
        (uint256 t0, uint256 p0, uint256 t1, uint256 p1) = bracket(t);
        if (t1 == t0) return p0;
        return (p0 * (t1 - t) + p1 * (t - t0)) / (t1 - t0);
    }

    function bracket(uint256 t) internal view returns (uint256 t0, uint256 p0, uint256 t1, uint256 p1) {
        if (t >= CRASH_DAY && t < CRASH_DAY + DAY) {
            uint256 h = (t - CRASH_DAY) / 1 hours; // 0 .. 23
            t0 = CRASH_DAY + h * 1 hours;
            t1 = t0 + 1 hours;
            p0 = h == 0 ? dailyPrice(CRASH_DAY) : uint256(crashHours[h - 1]) * 1e16;
            p1 = h == 23 ? dailyPrice(CRASH_DAY + DAY) : uint256(crashHours[h]) * 1e16;
            return (t0, p0, t1, p1);
        }
        t0 = T0 + (t - T0) / DAY * DAY;
        t1 = t0 + DAY;
        p0 = dailyPrice(t0);
        p1 = dailyPrice(t1);
    }

    /// @dev The price at 00:00 of day `t0`: the previous day's close.
    function dailyPrice(uint256 t0) internal view returns (uint256) {
        uint256 i = (t0 - T0) / DAY; // closes[0] is 02-20's close = the price at 02-21 00:00
        if (i >= closes.length) i = closes.length - 1;
        return uint256(closes[i]) * 1e16;
    }

    function sigmaAt(uint256 t) internal pure returns (uint256) {
        if (t < CRASH_DAY) return 0.8e18;
        if (t < CRASH_DAY + 20 * DAY) return 1.5e18;
        return 1e18;
    }

    /*//////////////////////////////////////////////////////////////
                                 ACTORS
    //////////////////////////////////////////////////////////////*/

    function keeperStep(uint256 price) internal {
        vm.startPrank(keeper);
        if (vault.canClose()) vault.closeAuction();
        if (vault.canReenter()) {
            vault.reenter();
            ++reentries;
            console.log("  reenter at", price / 1e16, "cents; series strike", vault.currentSeries().strikeWad / 1e18);
        }
        if (vault.canTrigger(price, 0)) {
            (IPNVaultBase.Plan memory plan,) = vault.previewTrigger(price, 0);
            vault.triggerRoll(price, 0);
            ++rolls;
            console.log("  roll at price (cents)", price / 1e16);
            console.log("    reason (1 scheduled, 2 signal), new strike", uint8(plan.reason), plan.strikeWad / 1e18);
        }
        vm.stopPrank();
    }

    /// @dev Answers every matured question the vault needs with the path's price at 00:00 of the maturity day.
    function proposerStep() internal {
        IPNVaultBase.State memory s = vault.state();
        proposeIfDue(s.maturity);
        if (s.secondMaturity != 0) proposeIfDue(s.secondMaturity);
    }

    function proposeIfDue(uint256 maturity) internal {
        if (block.timestamp <= maturity || slow.question(USD, maturity).answeredAt != 0) return;
        uint256 x = dailyPrice(maturity / DAY * DAY);
        vm.deal(proposer, 1 ether);
        vm.prank(proposer);
        slow.propose{value: 0.1 ether}(USD, maturity, x);
        console.log("  oracle: x at maturity", maturity, x / 1e16);
    }

    /// @dev Fills the vault's open auction in full when its price is at least `EDGE_BPS` below the maker's value.
    function makerStep(uint256 price) internal {
        uint256 orderId = vault.state().orderId;
        if (orderId == 0) return;
        IPNMarket.Order memory o = market.orderOf(orderId);
        if (o.maker == address(0) || block.timestamp >= o.expiry) return;
        uint256 fair = fairRatio(o, price);
        uint256 ask = market.priceAt(orderId, block.timestamp);
        if (ask * 10_000 > fair * (10_000 - EDGE_BPS)) return;
        SeriesKey memory wantKey = PNToken(o.counterToken).seriesKey();
        uint256 cost = market.quote(orderId, o.amount);
        mintPairs(mm, wantKey, cost);
        vm.prank(mm);
        market.fill(orderId, o.amount, mm);
        ++fills;
        console.log("  fill: ask vs value (1e4 = equal)", ask * 10_000 / fair);
    }

    /// @dev Wanted units per offered unit at the maker's Black–76 values.
    function fairRatio(IPNMarket.Order memory o, uint256 price) internal view returns (uint256) {
        SeriesKey memory offered = PNToken(o.token).seriesKey();
        SeriesKey memory wanted = PNToken(o.counterToken).seriesKey();
        uint256 give = valueOf(offered, PNToken(o.token).side() == PNToken(o.counterToken).side(), price);
        uint256 take = valueOf(wanted, true, price);
        return give * 1e18 / take;
    }

    function valueOf(SeriesKey memory k, bool isP, uint256 price) internal view returns (uint256) {
        uint256 tau = k.maturity > block.timestamp ? k.maturity - block.timestamp : 0;
        uint256 sigma = sigmaAt(block.timestamp);
        return
            isP
                ? BlackScholes.pValue(price, k.strikeWad, tau, sigma)
                : BlackScholes.nValue(price, k.strikeWad, tau, sigma);
    }

    /// @dev The vault's holdings marked with the maker's model (the escrow of an open auction included).
    function markedValue(uint256 price) internal view returns (uint256 value) {
        IPNVaultBase.State memory s = vault.state();
        (uint256 curAmount,, uint256 secondAmount) = vault.holdings();
        value = curAmount * valueOf(vault.currentSeries(), true, price) / 1e18;
        if (secondAmount != 0) {
            SeriesKey memory k = keyOf(address(weth), s.secondStrikeWad, s.secondMaturity);
            value += secondAmount * valueOf(k, s.phase < IPNVaultBase.Phase.Selling, price) / 1e18;
        }
    }

    /*//////////////////////////////////////////////////////////////
                                THE RUN
    //////////////////////////////////////////////////////////////*/

    /// @dev The BRIEF's rule as written: strike half the price, re-strike below 1.5·S, at most every 3 days. The
    /// first signal roll (03-12 07:00, x = 173.46) moves 120 → 86; the second lands in the trough (03-15, x = 122.56,
    /// σ 150%) and sells P of strike 86 at its put-depressed value, which the recovery would have restored: about 3%
    /// is realised there. Two scheduled rolls follow; each roll pays the maker about 0.25%. Alice ends at 96.5% of
    /// her target; the same dollars held as ETH end at 78.9%.
    function testBlackThursdayBriefPolicy() public {
        uint256 bps = run(policy());
        assertApproxEqAbs(bps, 9647, 50, "96.5% of the target");
    }

    /// @dev At most one signal roll a week: the second one waits until 03-19 (x = 123.90, still below 1.5·86) and
    /// realises a little less of the trough: 97.6%.
    function testBlackThursdayWeeklySignal() public {
        uint256 bps = run(policyWith(5000, 7 days));
        assertApproxEqAbs(bps, 9755, 50, "97.6% of the target");
    }

    /// @dev A deeper strike (40% of the price, first strike 100): one signal roll only, at the 11:00 crash bar
    /// (x = 133.75) to 53, which the trough never threatens: 98.7%.
    function testBlackThursdayDeeperStrike() public {
        uint256 bps = run(policyWith(4000, 3 days));
        assertApproxEqAbs(bps, 9873, 50, "98.7% of the target");
    }

    /// @dev Runs the path under `r` and returns alice's final value in bps of her target.
    function run(IPNVaultBase.Rules memory r) internal returns (uint256 trackingBps) {
        vault = new PNVault(IPNMarket(address(market)), r, priceAt(T0), "pn USD", "pnUSD");
        uint256 price0 = priceAt(T0);
        SeriesKey memory a = vault.currentSeries();
        vm.deal(alice, 100 ether);
        vm.prank(alice);
        vault.deposit{value: 100 ether}(alice);
        uint256 target = 100 * BlackScholes.pValue(price0, a.strikeWad, a.maturity - T0, sigmaAt(T0));
        console.log("first strike", a.strikeWad / 1e18, "target (USD cents):", target / 1e16);

        uint256 end = T0 + 84 * DAY; // 2020-05-15 00:00
        for (uint256 t = T0 + 1 hours; t <= end; t += 1 hours) {
            vm.warp(t);
            uint256 price = priceAt(t);
            proposerStep();
            keeperStep(price);
            makerStep(price);
            // while an auction is open the maker watches every 10 minutes
            for (uint256 m = 10 minutes; m < 1 hours && vault.state().orderId != 0; m += 10 minutes) {
                vm.warp(t + m);
                makerStep(priceAt(t + m));
            }
            vm.warp(t);
            if ((t - T0) % (7 * DAY) == 0) {
                console.log("day", (t - T0) / DAY, "price (cents)", price / 1e16);
                console.log(
                    "   value per 100 shares (cents)", markedValue(price) * 100 ether / vault.totalSupply() / 1e16
                );
            }
        }
        vm.warp(end);
        uint256 finalPrice = priceAt(end);
        keeperStep(finalPrice);

        // Alice leaves with everything, in kind (or collateral for a settled series), marked at the final price.
        IPNVaultBase.State memory s = vault.state();
        SeriesKey memory c = vault.currentSeries();
        SeriesKey memory second = keyOf(address(weth), s.secondStrikeWad, s.secondMaturity);
        vm.prank(alice);
        (uint256 curOut, uint256 secondOut, uint256 collateralOut) = vault.withdraw(100 ether, alice);
        uint256 value = curOut * valueOf(c, true, finalPrice) / 1e18;
        if (secondOut != 0) {
            value += secondOut * valueOf(second, s.phase < IPNVaultBase.Phase.Selling, finalPrice) / 1e18;
        }
        value += collateralOut * finalPrice / 1e18;
        trackingBps = value * 10_000 / target;

        console.log("rolls", rolls, "fills", fills);
        console.log("re-entries", reentries, "final strike", c.strikeWad / 1e18);
        console.log("final price (cents)", finalPrice / 1e16);
        console.log("value (USD cents)", value / 1e16, "of target", target / 1e16);
        console.log("tracking (bps of target)", trackingBps);
        // the same dollars held in ETH: target / x0 ETH at the final price
        console.log("in ETH instead (bps of target)", finalPrice * 10_000 / price0);
    }
}

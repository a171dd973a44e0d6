// Parts of docs/simulation.md: crash days, Monte Carlo and the stated assumptions.

import {
  type CrashReplayResult,
  DEFAULT_GAS_UNITS,
  DEFAULT_MAKER,
  defaultCdpProvider,
  defaultExecution,
  dvolRealisedSpread,
  type GeneratorSpec,
  loadDailyPrices,
  loadGas,
  loadPriceCsv,
  logReturns,
  type MarketPath,
  markdownTable,
  num,
  POST_RULE,
  type PriceSeries,
  pct,
  type RemovedDay,
  runCrashReplay,
  runMonteCarlo,
  SHORT_TENOR,
  selectWindow,
  type TimeSeries,
  TRACKER_28D,
} from "../src/index.ts";

const STRATEGIES = [POST_RULE, TRACKER_28D, SHORT_TENOR];

export function removedDaysText(removed: readonly RemovedDay[]): string {
  const list = removed.map((d) => `${d.date} (${(100 * (Math.exp(d.logMove) - 1)).toFixed(1)}%)`).join(", ");
  return `"Without the ${removed.length} largest days" removes these UTC days' moves (the price is held flat through each and later prices are rescaled; implied volatility is left as it was): ${list}.`;
}

function crashTable(result: CrashReplayResult): string {
  const rows = result.pn.map((s) => {
    const ethHeld = s.valueAtOpen / result.price.open;
    return [
      s.label,
      pct(s.valueMin / s.valueAtOpen - 1),
      pct(s.valueAtClose / s.valueAtOpen - 1),
      num(s.rollsInDay.length),
      `${num(s.hedgeFlowEth, 1)} (${pct(s.hedgeFlowEth / ethHeld, 1)})`,
      num(s.worstHourHedgeFlowEth, 1),
    ];
  });
  const cdpRows = result.cdp.map((c) => {
    const share =
      c.collateralEth === undefined ? "" : ` (${pct(c.collateralForceSoldEth / c.collateralEth, 1)})`;
    const cascade = c.cascade === undefined ? "—" : `cascade: low −${pct(c.cascade.extraDrop, 1)} further`;
    return [
      `CDP book: ${c.label}`,
      cascade,
      "—",
      `${num(c.liquidations)} liquidations`,
      `${num(c.collateralForceSoldEth, 0)} force-sold${share}`,
      num(c.worstHourForceSoldEth, 0),
    ];
  });
  return markdownTable({
    columns: [
      "position ($100k P/N; whole CDP book)",
      "worst value vs open",
      "close vs open",
      "rolls",
      "ETH sold: P/N counterparty hedges, CDP forced sales (share)",
      "worst hour, ETH",
    ],
    rows: [...rows, ...cdpRows],
  });
}

export async function crashSection(params: {
  history: PriceSeries;
  data: (name: string) => string;
  dvol: TimeSeries;
}): Promise<string[]> {
  const tenMinute = loadPriceCsv(params.data("eth_usd_10min_crash_days_stablesims.csv"));
  const gas = loadGas(params.data("eth_gas_10min_crash_days_stablesims.csv"));
  const provider = defaultCdpProvider({ history: loadDailyPrices(params.data("eth_usd_1h_composite.csv")) });
  const out = ["## 6. Crash days at 10-minute resolution (auction, spread roll)", ""];
  for (const day of ["2020-03-12", "2021-05-19"]) {
    const runs = STRATEGIES.flatMap((policy) =>
      [600, 3_600, 86_400].map((check) => ({
        policy,
        execution: defaultExecution("auction", "spread"),
        checkEverySeconds: check,
      })),
    );
    const result = runCrashReplay({
      day,
      tenMinute,
      history: params.history,
      dvol: params.dvol,
      gas,
      runs,
      cdp: provider,
    });
    const p = result.price;
    out.push(
      `**${day}**: open ${num(p.open, 2)}, low ${num(p.low, 2)} (${pct(p.low / p.open - 1, 1)}), close ${num(p.close, 2)}. ${result.ivNote}; ${result.gasNote}. ${result.cdpNote}`,
      "",
      crashTable(result),
      "",
    );
    for (const c of result.cdp) out.push(...(c.notes ?? []).map((n) => `- ${n}`));
    if (result.cdp.length > 0) out.push("");
  }
  out.push(
    "CDP rows are whole books of 10,000 borrowers (src/cdp, calibrated on the Aave v2 liquidations; cascade: the book's own forced sales pushed through a linear market where $2M moves the price 1%, recovering with a 1-hour half-life, a stated assumption). The P/N rows are single $100,000 positions: compare the shares, not the ETH amounts.",
    "",
    "No P/N position is ever force-sold. What rolling does create is the counterparty's hedge: a roll moves the holder's delta (long ETH through the short put) to the maker, who sells that ETH. In a crash the rolls bunch up, so these flows are pro-cyclical too, but they are voluntary, spread over the holders' own check times and auctions, and bounded by the delta of puts near the money.",
    "",
  );
  return out;
}

export async function monteCarloSection(data: (name: string) => string): Promise<string[]> {
  const history = selectWindow(loadPriceCsv(data("eth_usd_1d_composite.csv")), {
    from: "2016-01-01",
    to: "2026-03-04",
  });
  const generators: { label: string; spec: GeneratorSpec }[] = [
    { label: "GBM σ 80%", spec: { kind: "gbm", mu: 0, sigma: 0.8 } },
    {
      label: "Merton σ 60%, 4 jumps/yr of −10% ± 15%",
      spec: { kind: "merton", mu: 0, sigma: 0.6, jumpsPerYear: 4, jumpMean: -0.1, jumpStd: 0.15 },
    },
    { label: "Student-t ν 3, σ 80%", spec: { kind: "student-t", mu: 0, sigma: 0.8, nu: 3 } },
    {
      label: "bootstrap of 2016–2026 daily returns, 10-day blocks",
      spec: { kind: "bootstrap", returns: logReturns(history.x), blockLength: 10 },
    },
  ];
  const rows: string[][] = [];
  for (const g of generators) {
    for (const policy of STRATEGIES) {
      const r = await runMonteCarlo({
        generator: g.spec,
        x0: 2000,
        steps: 365,
        stepSeconds: 86_400,
        paths: 2000,
        seed: 2026,
        iv: { kind: "realised", windowDays: 30, spread: 0.06, initialVol: 0.86 },
        policy,
        execution: defaultExecution("auction", "spread"),
        checkEverySeconds: 0,
      });
      const s = r.summary;
      rows.push([
        g.label,
        policy.name,
        pct(s.trackingError.p50),
        pct(s.trackingError.p95),
        pct(s.meanDrift.p50),
        pct(s.meanDrift.p5),
        pct(s.totalCost.p50),
        num(s.rolls.mean, 1),
        pct(s.worstDrawdown.p95, 1),
      ]);
    }
  }
  return [
    "## 7. Monte Carlo: one year, daily steps, 2,000 paths per cell (auction, spread roll, daily checks)",
    "",
    "Implied volatility on generated paths is trailing 30-day realised + 6 vol points. Seed 2026.",
    "",
    markdownTable({
      columns: [
        "generator",
        "strategy",
        "TE median",
        "TE p95",
        "net drift median",
        "net drift p5",
        "all costs median",
        "rolls (mean)",
        "drawdown p95",
      ],
      rows,
    }),
    "",
  ];
}

export function assumptions(path: MarketPath): string[] {
  const spread = dvolRealisedSpread(path, { label: "dvol", t: path.t, v: path.iv });
  const u = DEFAULT_GAS_UNITS;
  return [
    "## Modelling assumptions (stated honestly)",
    "",
    "- **Prices.** `data/eth_usd_1h_composite.csv`: Kraken ETH/USD to 2023-03, Binance ETH/USDT after (USDT treated as USD). Hourly gaps in thin early Kraken data are left as gaps. One-bar spikes that revert on the next bar (log move > 0.25, e.g. Kraken's 2017-05-07 22:00 print of 30 against ~89 elsewhere) are replaced by the previous close, because a median-of-feeds roller would not see them.",
    `- **Implied volatility.** Deribit DVOL (30-day ATM) where it exists (from 2021-03-24), using the latest daily close at or before the bar (no look-ahead). Before that: trailing 30-day realised volatility of UTC-day closes (plus the current day's move so far) + 6 vol points, the median of DVOL − RV30 over 2021–2026 (${(spread * 100).toFixed(1)} pts on this path's bars where both exist). One flat volatility for all strikes and tenors: **no skew**. Real 50%-moneyness puts trade at higher implied vol than ATM, so P holders would collect more premium and see larger mark swings than shown; before 2021 there was no liquid ETH options market to confirm these marks at all.`,
    "- **Marking.** Black-76 with zero rates (packages/core), σ of the bar; P = S − Put. A matured, unrolled P is worth min(1, S/x_M) ETH (does not happen with these rules unless checks are sparser than the lead time).",
    "- **Strategies.** post: S = x/2 on a 3-significant-figure strike grid, 60-day series, roll at x < 1.5·S or under 30 days left (so always 1–2 months); 28-day: S = x/2, 28-day series, roll at x < 1.5·S or under 7 days; short-tenor: S = 0.6·x, 4-day series, roll at x < 1.25·S or under 1 day. Maturities at 08:00 UTC. Checks at 00:00 UTC (daily) or on every hourly close.",
    `- **Execution.** AMM: one constant-product pool per series token of $10M a side, kept at fair value by arbitrage between rolls, 30 bps LP fee; the gross route sells P_A and buys P_B there, the spread route buys N_A and sells N_B (merge/split in the core). RFQ gross: ${10} bps half-spread on each full P leg. RFQ spread: a hedged maker charges ${DEFAULT_MAKER.volEdge * 100} vol point on the net vega of the call swap, ${DEFAULT_MAKER.deltaHedgeBps} bps to hedge the net delta, ½·|Γ|·x²·σ² over ${DEFAULT_MAKER.gammaHorizonDays} day for time/gamma risk, at least $${DEFAULT_MAKER.minFee}. Auction: 6 hours; the maker's edge rises linearly from −0.5× to +1.5× the RFQ charge; patient makers fill at 0.3× (so after 2.4 h, at the then-current price). These are parameters, not measurements: no P/N market exists yet.`,
    `- **Gas.** ${u.split.toLocaleString("en-US")} (split) and ${u.merge.toLocaleString("en-US")} (merge) are measured; an AMM swap ${u.ammSwap.toLocaleString("en-US")}, an order fill ${u.orderFill.toLocaleString("en-US")} and an atomic roll ${u.atomicRoll.toLocaleString("en-US")} are assumptions. Priced at a stated 20 gwei (section 5 varies it) and the ETH price of the bar; crash days use the measured 10-minute gas prices.`,
    "- **Position.** $100,000, rolled whole. Costs are log-return drags; AMM impact grows with the position (v²/R), the maker's charge linearly.",
    "- **Not modelled.** Skew and term structure of volatility; the settlement oracle's delay; maker inventory limits and correlation between many holders rolling at once; MEV; the USDT/USD basis after 2023.",
    "",
  ];
}

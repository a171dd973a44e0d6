// Backtest: the simulator's results (@pn/sim, through scripts/backtest-data.ts into /backtest.json) as charts:
// the 28-day policy's value against its flat target over 2016–2026, where its costs come from by execution venue,
// and the P/N position beside the liquidation-based (CDP) books through the crash days. Loaded on demand, with its
// data, so neither weighs on the first page load.
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { LineChart, type LineSeries } from "../components/charts/LineChart.tsx";
import {
  type BacktestData,
  type BacktestRun,
  type CostComparison,
  type CrashWindow,
  parseBacktestData,
} from "../lib/backtestData.ts";
import { formatNumber, formatPercent } from "../lib/format.ts";

const COLORS = {
  value: "#2a5bd7",
  target: "#1b2430",
  x: "#667085",
  strike: "#d9822b",
  pn: ["#2a5bd7", "#5b8def", "#9db8f5"],
  cdp: ["#b42318", "#e0662f", "#b08900"],
  price: "#98a2b3",
  slippage: "#2a5bd7",
  fees: "#d9822b",
  gas: "#98a2b3",
};

async function fetchBacktest(): Promise<BacktestData> {
  const response = await fetch("/backtest.json");
  if (!response.ok) throw new Error(`/backtest.json answered ${response.status}`);
  return parseBacktestData(await response.json());
}

const times = (run: BacktestRun) => run.day.map((d) => run.t0 + d * 86_400);
const usd = (v: number) => `$${formatNumber(v, 0)}`;

function Stat({ label, value, title }: { label: string; value: string; title?: string }) {
  return (
    <div title={title}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

function ValueAgainstTarget({ run }: { run: BacktestRun }) {
  const t = times(run);
  const s = run.summary;
  const value: LineSeries[] = [{ label: "position value", color: COLORS.value, t, y: run.value }];
  const market: LineSeries[] = [
    { label: "ETH/USD (x)", color: COLORS.x, t, y: run.x, width: 1.2 },
    { label: "strike held (S)", color: COLORS.strike, t, y: run.strike, width: 1.4 },
  ];
  return (
    <div className="card">
      <h2>Value against target</h2>
      <p className="muted">
        {run.label}: a ${formatNumber(run.notional, 0)} position in P, rolled by the rules (S ={" "}
        {run.policy.strikeFraction}·x, {run.policy.tenorDays}-day series, roll when x &lt;{" "}
        {run.policy.triggerMultiple}·S or {run.policy.rollLeadDays} days before maturity), marked daily
        against a flat ${formatNumber(run.notional, 0)} target.
      </p>
      <dl className="facts">
        <Stat label="Tracking error" value={`${formatPercent(s.trackingError, 2)}/yr`} />
        <Stat label="Net drift" value={`${formatPercent(s.meanDrift, 2)}/yr`} />
        <Stat label="All costs" value={`${formatPercent(s.costs.total, 2)}/yr`} />
        <Stat label="Worst drawdown" value={formatPercent(s.worstDrawdown, 1)} />
        <Stat label="Rolls" value={`${s.rolls} (${formatNumber(s.rollsPerYear, 1)}/yr)`} />
        <Stat label="End value" value={usd(s.endValue)} />
      </dl>
      <LineChart
        testId="chart-value"
        title="Position value against the flat target, 2016–2026"
        series={value}
        refs={[{ y: run.notional, label: "target" }]}
        ticks={run.rolls.map((r) => r.t)}
        ticksLabel="rolls"
        yLabel="USD"
        format={usd}
        timeFormat="date"
      />
      <LineChart
        testId="chart-x"
        title="ETH/USD and the strike held (log scale)"
        series={market}
        yLabel="USD per ETH (log)"
        format={usd}
        timeFormat="date"
        log
        height={200}
      />
      <p className="muted small">{run.pathNote}.</p>
    </div>
  );
}

function CostBreakdown({ run, costs }: { run: BacktestRun; costs: readonly CostComparison[] }) {
  const c = run.summary.costs;
  const max = Math.max(...costs.map((r) => r.costs.total), 1e-9);
  const parts = ["slippage", "fees", "gas"] as const;
  return (
    <div className="card">
      <h2>Cost breakdown</h2>
      <p className="muted">
        Log drags per year that add up: premium/drift − slippage − fees − gas = net drift. For {run.label}:{" "}
        {formatPercent(c.premiumDrift, 2)} − {formatPercent(c.slippage, 2)} − {formatPercent(c.fees, 2)} −{" "}
        {formatPercent(c.gas, 2)} = <strong>{formatPercent(run.summary.meanDrift, 2)}</strong>. The same
        policy through each venue and route:
      </p>
      <div className="cost-bars" data-testid="chart-costs">
        {costs.map((r) => (
          <div key={r.execution} className="cost-row">
            <span className="cost-label">{r.execution}</span>
            <span className="cost-track" title={`${formatPercent(r.costs.total, 2)}/yr`}>
              {parts.map((part) => (
                <span
                  key={part}
                  className="cost-part"
                  style={{ width: `${(r.costs[part] / max) * 100}%`, background: COLORS[part] }}
                />
              ))}
            </span>
            <span className="cost-total">
              {formatPercent(r.costs.total, 2)}
              {r.ruined && " · ruined"}
            </span>
          </div>
        ))}
        <ul className="chart-legend">
          {parts.map((part) => (
            <li key={part}>
              <span className="swatch block" style={{ background: COLORS[part] }} />
              {part}
            </li>
          ))}
        </ul>
      </div>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">Execution</th>
            <th scope="col">TE /yr</th>
            <th scope="col">Premium/drift</th>
            <th scope="col">Slippage</th>
            <th scope="col">Fees</th>
            <th scope="col">Gas</th>
            <th scope="col">All costs</th>
            <th scope="col">Net drift</th>
          </tr>
        </thead>
        <tbody>
          {costs.map((r) => (
            <tr key={r.execution}>
              <th scope="row">{r.execution}</th>
              <td>{formatPercent(r.trackingError, 2)}</td>
              <td>{formatPercent(r.costs.premiumDrift, 2)}</td>
              <td>{formatPercent(r.costs.slippage, 2)}</td>
              <td>{formatPercent(r.costs.fees, 2)}</td>
              <td>{formatPercent(r.costs.gas, 2)}</td>
              <td>{formatPercent(r.costs.total, 2)}</td>
              <td>{r.ruined ? "ruined" : formatPercent(r.meanDrift, 2)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function CrashDay({ crash }: { crash: CrashWindow }) {
  const t = crash.x.map((_, i) => crash.t0 + i * crash.barSeconds);
  const lines: LineSeries[] = [
    ...crash.pn.map((p, i) => ({
      label: `P/N ${p.check} checks`,
      color: COLORS.pn[i % COLORS.pn.length] ?? COLORS.value,
      t,
      y: p.relative,
      width: 2,
    })),
    ...crash.cdp.map((c, i) => ({
      label: `CDP ${c.label.replace(/ \(10,000 borrowers\)$/, "").replace(/ \(.*$/, "")}`,
      color: COLORS.cdp[i % COLORS.cdp.length] ?? COLORS.target,
      t,
      y: c.relative,
    })),
    { label: "ETH/USD", color: COLORS.price, t, y: crash.x.map((x) => x / crash.open), dashed: true },
  ];
  const pct = (v: number) => formatPercent(v - 1, 1);
  return (
    <>
      <p>
        ETH/USD opened at {formatNumber(crash.open, 2)}, touched {formatNumber(crash.low, 2)} (
        {formatPercent(crash.low / crash.open - 1, 1)}) and closed at {formatNumber(crash.close, 2)}.
      </p>
      <LineChart
        testId={`chart-crash-${crash.day}`}
        title={`P/N positions and CDP books through ${crash.day}, relative to the open`}
        series={lines}
        refs={[{ y: 1, label: "open" }]}
        yLabel="value / open"
        format={pct}
        tickFormat={(v) => formatPercent(v - 1, 0)}
        timeFormat="time"
      />
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">Position</th>
            <th scope="col">Worst vs open</th>
            <th scope="col">Close vs open</th>
            <th scope="col">Forced sales</th>
            <th scope="col">ETH sold (share)</th>
          </tr>
        </thead>
        <tbody>
          {crash.pn.map((p) => (
            <tr key={p.label}>
              <th scope="row">P/N, {p.label}</th>
              <td>{formatPercent(p.worstVsOpen, 1)}</td>
              <td>{formatPercent(p.closeVsOpen, 1)}</td>
              <td>none</td>
              <td title="the rolls' counterparties hedge: voluntary, at the holders' own check times">
                {formatPercent(p.hedgeShare, 1)} hedged by makers ({p.rolls} roll{p.rolls === 1 ? "" : "s"})
              </td>
            </tr>
          ))}
          {crash.cdp.map((c) => (
            <tr key={c.label}>
              <th scope="row">CDP book: {c.label}</th>
              <td>{formatPercent(Math.min(...c.relative) - 1, 1)} equity</td>
              <td>{formatPercent((c.relative.at(-1) ?? 1) - 1, 1)} equity</td>
              <td>{formatNumber(c.liquidations, 0)} liquidations</td>
              <td>
                {formatPercent(c.forceSoldShare, 1)} force-sold; cascade −
                {formatPercent(c.cascadeExtraDrop, 1)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted small">
        P/N rows: one $100,000 position each (index units). CDP rows: whole borrower books (aggregate equity),
        calibrated on Aave v2 liquidations; compare shapes and shares, not sizes. {crash.note}
      </p>
    </>
  );
}

function CrashWindows({ crashes }: { crashes: readonly CrashWindow[] }) {
  const [day, setDay] = useState(crashes[0]?.day ?? "");
  const crash = crashes.find((c) => c.day === day) ?? crashes[0];
  if (crash === undefined) return null;
  return (
    <div className="card">
      <h2>P/N against CDP through the crash windows</h2>
      <p className="muted">
        10-minute bars. A P holder is never liquidated: its value follows the index and it rolls at its own
        checks. A CDP book sells collateral into the fall.
      </p>
      <fieldset className="segmented" aria-label="Crash day">
        {crashes.map((c) => (
          <button key={c.day} type="button" aria-pressed={c.day === crash.day} onClick={() => setDay(c.day)}>
            {c.day}
          </button>
        ))}
      </fieldset>
      <CrashDay crash={crash} />
    </div>
  );
}

export function BacktestPage() {
  const data = useQuery({
    queryKey: ["backtest.json"],
    queryFn: fetchBacktest,
    staleTime: Number.POSITIVE_INFINITY,
  });
  return (
    <section data-testid="backtest">
      <div className="page-head">
        <h1>Backtest</h1>
        <p className="muted">
          The simulator's reports (@pn/sim): deterministic, from the project's price history.
        </p>
      </div>
      {data.error && <p className="error">Could not load the backtest data: {data.error.message}</p>}
      {data.data === undefined && !data.error && <p className="muted">Loading the backtest…</p>}
      {data.data && (
        <div className="backtest" data-testid="backtest-ready">
          <ValueAgainstTarget run={data.data.backtest} />
          <CostBreakdown run={data.data.backtest} costs={data.data.costs} />
          <CrashWindows crashes={data.data.crashes} />
          <p className="muted small">Source: {data.data.source}.</p>
        </div>
      )}
    </section>
  );
}

// The pricing model's inputs: volatility, and today's x per index (the devnet replay's where it has one, else an
// editable assumption).
import { useEffect, useId, useState } from "react";
import { useModel } from "../data/model.tsx";
import { formatNumber } from "../lib/format.ts";
import { replayDate } from "../lib/replay.ts";
import type { SeriesInfo } from "../lib/series.ts";

/** A number input that commits on blur or Enter, and ignores what is not a positive number. */
function NumberInput({ id, value, onCommit }: { id: string; value: number; onCommit(value: number): void }) {
  const [text, setText] = useState(String(value));
  useEffect(() => setText(String(value)), [value]);
  const commit = () => {
    const parsed = Number(text);
    if (Number.isFinite(parsed) && parsed > 0) onCommit(parsed);
    else setText(String(value));
  };
  return (
    <input
      id={id}
      inputMode="decimal"
      value={text}
      onChange={(e) => setText(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => e.key === "Enter" && commit()}
    />
  );
}

export function VolatilityControl() {
  const { sigma, setSigma } = useModel();
  const id = useId();
  return (
    <div className="control">
      <label htmlFor={id}>Volatility σ (%)</label>
      <NumberInput id={id} value={Math.round(sigma * 1000) / 10} onCommit={(v) => setSigma(v / 100)} />
    </div>
  );
}

export function IndexValueControl({ ticker, series }: { ticker: string; series: readonly SeriesInfo[] }) {
  const { xOf, setX, replay } = useModel();
  const id = useId();
  const { x, source, replayMissing } = xOf(ticker, series);
  if (source === "replay" && replay) {
    return (
      <div className="control" data-testid={`x-now-${ticker}`}>
        <label htmlFor={id}>
          x now ({ticker} per ETH){" "}
          <span className="badge replay" title="From the devnet's replay of ETH price history (/replay.json)">
            replay {replayDate(replay.timestamp)}
          </span>
        </label>
        <input id={id} value={formatNumber(x, 2)} readOnly data-testid={`x-now-${ticker}-value`} />
      </div>
    );
  }
  return (
    <div className="control" data-testid={`x-now-${ticker}`}>
      <label htmlFor={id}>
        x now ({ticker} per ETH){" "}
        {source === "assumed" ? (
          <span className="badge" title="No price source: assumed so that the median strike is 60% of x">
            assumed
          </span>
        ) : (
          <button type="button" className="link" onClick={() => setX(ticker, undefined)}>
            reset
          </button>
        )}
        {replayMissing && (
          <span
            className="badge muted"
            title={`The replay gives ETH/USD only; ${ticker}'s rules also need inputs the app does not have (the ECB rate, the CPI-U print)`}
          >
            replay: not available
          </span>
        )}
      </label>
      <NumberInput id={id} value={Math.round(x * 100) / 100} onCommit={(v) => setX(ticker, v)} />
    </div>
  );
}

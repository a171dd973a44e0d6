// The pricing model's inputs: volatility and, per index, today's x. There is no on-chain spot price (the oracle
// only answers after maturity). On the devnet the replay says what x is now (/replay.json: ETH/USD, so the USD
// index; EUR and CPI-U only when the file gives them). Elsewhere x is an input the user can edit; the default
// puts the median strike at 60% of x (the brief's S = 1500 at x = 2500). Settings are kept in localStorage.
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from "react";
import { wadToNumber } from "../lib/format.ts";
import type { ReplayStatus } from "../lib/replay.ts";
import type { SeriesInfo } from "../lib/series.ts";
import { useReplay } from "./replay.ts";

/** Where an index's x comes from: the devnet replay, the user's input, or the default assumption. */
export type XSource = "replay" | "set" | "assumed";

export type XNow = {
  x: number;
  source: XSource;
  /** A replay is running but gives no value for this index (EUR, CPI-U): x is the app's own. */
  replayMissing: boolean;
};

export type ModelSettings = {
  sigma: number;
  setSigma(sigma: number): void;
  /** Today's x for an index, and where it comes from. */
  xOf(ticker: string, series: readonly SeriesInfo[]): XNow;
  setX(ticker: string, x: number | undefined): void;
  /** The devnet replay's status; null without a replay, undefined until the first answer. */
  replay: ReplayStatus | null | undefined;
};

type Stored = { sigma: number; x: Record<string, number> };
const KEY = "pn.model";
const DEFAULT_SIGMA = 0.6;

function load(): Stored {
  try {
    const parsed: unknown = JSON.parse(window.localStorage.getItem(KEY) ?? "{}");
    if (typeof parsed !== "object" || parsed === null) return { sigma: DEFAULT_SIGMA, x: {} };
    const { sigma, x } = parsed as Partial<Stored>;
    return {
      sigma: typeof sigma === "number" && sigma > 0 && sigma < 10 ? sigma : DEFAULT_SIGMA,
      x: typeof x === "object" && x !== null ? x : {},
    };
  } catch {
    return { sigma: DEFAULT_SIGMA, x: {} };
  }
}

function save(value: Stored): void {
  try {
    window.localStorage.setItem(KEY, JSON.stringify(value));
  } catch {
    // Storage disabled: settings last until reload.
  }
}

/** The default x of an index: its median strike divided by 0.6. */
export function assumedX(series: readonly SeriesInfo[]): number {
  const strikes = series.map((s) => wadToNumber(s.key.strikeWad)).sort((a, b) => a - b);
  const median = strikes[Math.floor((strikes.length - 1) / 2)];
  return median === undefined ? 1 : median / 0.6;
}

const Context = createContext<ModelSettings | undefined>(undefined);

export function ModelProvider({ children }: { children: ReactNode }) {
  const [stored, setStored] = useState(load);
  const replay = useReplay();
  const update = useCallback((next: (s: Stored) => Stored) => {
    setStored((s) => {
      const value = next(s);
      save(value);
      return value;
    });
  }, []);
  const value = useMemo<ModelSettings>(
    () => ({
      sigma: stored.sigma,
      setSigma: (sigma) => update((s) => ({ ...s, sigma })),
      replay,
      xOf(ticker, series) {
        const replayed = replay?.values[ticker];
        if (replayed !== undefined) return { x: replayed, source: "replay", replayMissing: false };
        const replayMissing = replay !== null && replay !== undefined;
        const set = stored.x[ticker];
        return set !== undefined && set > 0
          ? { x: set, source: "set", replayMissing }
          : { x: assumedX(series), source: "assumed", replayMissing };
      },
      setX: (ticker, x) =>
        update((s) => {
          const { [ticker]: _, ...rest } = s.x;
          return { ...s, x: x === undefined ? rest : { ...rest, [ticker]: x } };
        }),
    }),
    [stored, update, replay],
  );
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useModel(): ModelSettings {
  const model = useContext(Context);
  if (model === undefined) throw new Error("useModel outside ModelProvider");
  return model;
}

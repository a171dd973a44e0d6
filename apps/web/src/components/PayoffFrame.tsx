// What the payoff charts (PayoffChart, RollPayoffChart) share: the SVG frame, the path of a curve, and the
// caption with its ETH / index unit switch.
import type { ReactNode } from "react";
import type { PayoffUnit } from "../lib/payoff.ts";

export const W = 520;
export const H = 230;
export const M = { top: 14, right: 16, bottom: 34, left: 52 };

export function pathOf(points: readonly { x: number; y: number }[]): string {
  return points.map((p, i) => `${i === 0 ? "M" : "L"}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join("");
}

export function PayoffCaption(p: {
  unit: PayoffUnit;
  setUnit(unit: PayoffUnit): void;
  ticker: string;
  children: ReactNode;
}) {
  return (
    <figcaption>
      <span>{p.children}</span>
      <fieldset className="segmented" aria-label="Payoff units">
        <button type="button" aria-pressed={p.unit === "eth"} onClick={() => p.setUnit("eth")}>
          ETH
        </button>
        <button type="button" aria-pressed={p.unit === "index"} onClick={() => p.setUnit("index")}>
          {p.ticker}
        </button>
      </fieldset>
    </figcaption>
  );
}

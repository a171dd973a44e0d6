// One CDP system's borrowers as a seller in the market loop: each step it liquidates, at its oracle's price, every
// position whose liquidation price lies above it, and sells the seized collateral. It records the per-step series
// the results report.

import type { MarketView, Seller } from "../cascade/engine.ts";
import { PriceHeap } from "./heap.ts";
import type { Population } from "./population.ts";
import { type CdpPreset, liquidate } from "./presets.ts";

/** Debt below this (USD) is closed outright rather than liquidated again (Aave's repeated halvings). */
const DUST_USD = 1;

export type BookSeries = {
  /** Liquidation events per step (an Aave position can be liquidated several times). */
  liquidations: Uint32Array;
  /** Collateral seized and sold, ETH. */
  soldEth: Float64Array;
  /** What that collateral fetched in the market, USD. */
  soldUsd: Float64Array;
  /** Borrowers' losses beyond the debt repaid, USD at the oracle price. */
  penaltyUsd: Float64Array;
  debtRepaidUsd: Float64Array;
  badDebtUsd: Float64Array;
  /** Borrowers' aggregate equity at the step's final price: collateral they still own x price - debt. */
  equityUsd: Float64Array;
  /** The price the liquidation checks read (the market price, or Maker's one-hour-old price). */
  oraclePrice: Float64Array;
};

export class CdpBook implements Seller {
  readonly preset: CdpPreset;
  readonly series: BookSeries;
  readonly #coll: Float64Array;
  readonly #debt: Float64Array;
  readonly #liqPrice: Float64Array;
  readonly #heap: PriceHeap;
  readonly #hit: Uint8Array;
  #borrowersLiquidated = 0;
  /** Collateral the borrowers own (open positions and surplus returned to them), ETH; and their open debt, USD. */
  #ownedEth = 0;
  #openDebt = 0;

  constructor(preset: CdpPreset, population: Population, steps: number) {
    this.preset = preset;
    this.#coll = Float64Array.from(population.collateralEth);
    this.#debt = Float64Array.from(population.debtUsd);
    const n = this.#coll.length;
    this.#liqPrice = new Float64Array(n);
    this.#heap = new PriceHeap(this.#liqPrice);
    this.#hit = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      this.#liqPrice[i] = (preset.liquidationRatio * (this.#debt[i] ?? 0)) / (this.#coll[i] ?? 1);
      this.#heap.push(i);
      this.#ownedEth += this.#coll[i] ?? 0;
      this.#openDebt += this.#debt[i] ?? 0;
    }
    this.series = {
      liquidations: new Uint32Array(steps),
      soldEth: new Float64Array(steps),
      soldUsd: new Float64Array(steps),
      penaltyUsd: new Float64Array(steps),
      debtRepaidUsd: new Float64Array(steps),
      badDebtUsd: new Float64Array(steps),
      equityUsd: new Float64Array(steps),
      oraclePrice: new Float64Array(steps),
    };
  }

  get borrowersLiquidated(): number {
    return this.#borrowersLiquidated;
  }

  react(view: MarketView): number {
    const price = this.preset.oracleLagSeconds > 0 ? view.priceAt(this.preset.oracleLagSeconds) : view.price;
    const s = this.series;
    const i = view.step;
    s.oraclePrice[i] = price;
    let sold = 0;
    while (this.#heap.size > 0 && this.#heap.topKey() > price) {
      const j = this.#heap.pop();
      const c = this.#coll[j] ?? 0;
      const d = this.#debt[j] ?? 0;
      const out = liquidate(this.preset, c, d, price);
      s.liquidations[i] = (s.liquidations[i] ?? 0) + 1;
      s.penaltyUsd[i] = (s.penaltyUsd[i] ?? 0) + out.penalty;
      s.debtRepaidUsd[i] = (s.debtRepaidUsd[i] ?? 0) + out.repaid;
      s.badDebtUsd[i] = (s.badDebtUsd[i] ?? 0) + out.badDebt;
      if (this.#hit[j] === 0) {
        this.#hit[j] = 1;
        this.#borrowersLiquidated++;
      }
      this.#ownedEth -= out.seized;
      const left = d - out.repaid;
      if (out.closed || left < DUST_USD) {
        this.#openDebt -= d;
        this.#coll[j] = 0;
        this.#debt[j] = 0;
      } else {
        this.#openDebt -= out.repaid;
        this.#coll[j] = c - out.seized;
        this.#debt[j] = left;
        this.#liqPrice[j] = (this.preset.liquidationRatio * left) / (c - out.seized);
        this.#heap.push(j);
      }
      sold += out.seized * this.preset.sellFraction;
    }
    return sold;
  }

  filled(step: number, eth: number, usd: number): void {
    this.series.soldEth[step] = (this.series.soldEth[step] ?? 0) + eth;
    this.series.soldUsd[step] = (this.series.soldUsd[step] ?? 0) + usd;
  }

  endStep(step: number, price: number): void {
    this.series.equityUsd[step] = this.#ownedEth * price - this.#openDebt;
  }
}

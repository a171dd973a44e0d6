// Price impact of forced sales. The market price is the exogenous price times a factor g <= 1; each sale of q ETH
// at price P lowers it, and g recovers towards 1 with a stated half-life (arbitrage from deeper venues). Depth D is
// stated as the USD sold (at the pre-trade price) that moves the price 1%, and stays constant in USD as the price
// falls. Two shapes:
//
//   linear:          dP/P = -dUSD / (100 D)      =>  P' = P / (1 + k),          k = q P / (100 D)
//                                                    proceeds = 100 D ln(1 + k)
//   constantProduct: a pool of Y = D / (1/sqrt(0.99) - 1) USD and X = Y / P ETH at price P
//                                                =>  P' = P (X / (X + q))^2,  proceeds = Y q / (X + q)
//
// Recovery: ln g <- ln g * 2^(-dt / halfLife) between steps (no recovery when the half-life is Infinity).

import { InvalidParameterError } from "../errors.ts";

export type ImpactModel =
  | { kind: "none" }
  | {
      kind: "linear" | "constantProduct";
      /** USD sold (at the pre-trade price) that moves the price down 1%. */
      depthUsdPer1Pct: number;
      /** Half-life of the recovery of the impact towards the exogenous price, seconds (default 3600). */
      recoveryHalfLifeSeconds?: number;
    };

/** USD notional that moves a constant-product pool's price by 1%, per USD of its USD reserve. */
const CP_DEPTH_PER_RESERVE = 1 / Math.sqrt(0.99) - 1;

export type Fill = { usd: number; priceAfter: number };

export type Impact = {
  /** Lets `seconds` pass: the impact recovers. */
  recover(seconds: number): void;
  /** The factor g = market / exogenous price. */
  factor(): number;
  /** Sells `eth` at market price `price` (= exogenous x g): returns the proceeds and the new price; updates g. */
  sell(eth: number, price: number): Fill;
};

export function validateImpact(model: ImpactModel): void {
  if (model.kind === "none") return;
  if (!(model.depthUsdPer1Pct > 0)) {
    throw new InvalidParameterError({
      field: "depthUsdPer1Pct",
      value: model.depthUsdPer1Pct,
      expected: "a positive USD amount (Infinity for no impact)",
    });
  }
  const h = model.recoveryHalfLifeSeconds ?? 3600;
  if (!(h > 0))
    throw new InvalidParameterError({
      field: "recoveryHalfLifeSeconds",
      value: h,
      expected: "a positive number of seconds, or Infinity",
    });
}

/** The fill of `eth` sold at `price` (negative `eth`: bought, `usd` then negative: paid). */
export function fillPrice(model: ImpactModel, eth: number, price: number): Fill {
  if (model.kind === "none" || eth === 0 || model.depthUsdPer1Pct === Number.POSITIVE_INFINITY) {
    return { usd: eth * price, priceAfter: price };
  }
  const depth = model.depthUsdPer1Pct;
  if (model.kind === "linear") {
    const k = (eth * price) / (100 * depth);
    return { usd: 100 * depth * Math.log1p(k), priceAfter: price / (1 + k) };
  }
  const y = depth / CP_DEPTH_PER_RESERVE;
  const x = y / price;
  const q = Math.max(eth, -0.99 * x); // a purchase cannot empty the pool's ETH
  return { usd: (y * q) / (x + q), priceAfter: price * (x / (x + q)) ** 2 };
}

export function createImpact(model: ImpactModel): Impact {
  validateImpact(model);
  let logG = 0;
  const halfLife = model.kind === "none" ? Number.POSITIVE_INFINITY : (model.recoveryHalfLifeSeconds ?? 3600);
  return {
    recover(seconds) {
      if (logG !== 0 && Number.isFinite(halfLife)) logG *= 2 ** (-seconds / halfLife);
    },
    factor: () => Math.exp(logG),
    sell(eth, price) {
      const fill = fillPrice(model, eth, price);
      if (fill.priceAfter !== price) logG += Math.log(fill.priceAfter / price);
      return fill;
    },
  };
}

// The hook between the crash replay and the CDP baseline (src/cdp) and cascade model (src/cascade): Maker, Liquity
// and Aave borrower books run through the day on the exogenous prices (forced sales, penalties, worst hour), and
// once more with their own forced sales pushing the price down through a market of stated depth (the cascade).

import { runCascade } from "../cascade/index.ts";
import type { ImpactModel } from "../cascade/market.ts";
import {
  AAVE_V2_CALIBRATION,
  type CdpPresetName,
  type DailyPrice,
  lookbackHigh,
  type PopulationParams,
  resolvePreset,
} from "../cdp/index.ts";
import type { CdpCrashProvider, CdpCrashSummary } from "./types.ts";

export type DefaultCdpOptions = {
  presets?: readonly CdpPresetName[];
  /** The market the forced sales hit (default DEFAULT_CASCADE_IMPACT). */
  impact?: ImpactModel;
  /** Daily prices before the day: buffers are measured from the calibrated look-back high, else the day's open. */
  history?: readonly DailyPrice[];
};

/** A stated assumption, not a measurement: $2M of selling moves the price 1%, recovering with a 1-hour half-life. */
export const DEFAULT_CASCADE_IMPACT: ImpactModel = {
  kind: "linear",
  depthUsdPer1Pct: 2_000_000,
  recoveryHalfLifeSeconds: 3600,
};

/** The CDP side of a crash day: one book per preset, each also run as a cascade. */
export function defaultCdpProvider(options: DefaultCdpOptions = {}): CdpCrashProvider {
  const impact = options.impact ?? DEFAULT_CASCADE_IMPACT;
  return ({ day, t, x }) => {
    const reference =
      options.history === undefined
        ? undefined
        : lookbackHigh(options.history, day, AAVE_V2_CALIBRATION.lookbackDays);
    const population: PopulationParams = reference === undefined ? {} : { referencePrice: reference };
    return (options.presets ?? ["maker", "liquity", "aave"]).map((name) =>
      bookSummary({ name, path: { t, x }, population, impact }),
    );
  };
}

function bookSummary(params: {
  name: CdpPresetName;
  path: { t: Float64Array; x: Float64Array };
  population: PopulationParams;
  impact: ImpactModel;
}): CdpCrashSummary {
  const preset = resolvePreset(params.name);
  const c = runCascade({
    path: params.path,
    books: [{ preset, population: params.population }],
    impact: params.impact,
  });
  const alone = c.exogenous[0];
  const fed = c.cascade[0];
  const depth =
    params.impact.kind === "none"
      ? "no impact"
      : `$${(params.impact.depthUsdPer1Pct / 1e6).toFixed(1)}M per 1%`;
  return {
    label: `${preset.label} (${(alone?.borrowers ?? 0).toLocaleString("en-US")} borrowers)`,
    liquidations: alone?.liquidations ?? 0,
    collateralForceSoldEth: alone?.collateralSoldEth ?? 0,
    collateralEth: alone?.collateralEth ?? 0,
    penaltyLoss: alone?.penaltyUsd ?? 0,
    worstHourForceSoldEth: alone?.worstHour.soldEth ?? 0,
    cascade: {
      exogenousLow: c.exogenousLow,
      cascadeLow: c.cascadeLow,
      amplification: c.amplification,
      extraDrop: c.extraDrop,
    },
    series: { t: Array.from(params.path.t), value: Array.from(alone?.steps.equityUsd ?? []) },
    notes: [
      `${preset.label}: book of ${Math.round(alone?.collateralEth ?? 0).toLocaleString("en-US")} ETH; ` +
        `${((alone?.liquidatedBeforeShare ?? 0) * 100).toFixed(1)}% already liquidated before the day. ` +
        `With its sales hitting a market of ${depth}, ${(fed?.liquidations ?? 0).toLocaleString("en-US")} liquidations ` +
        `sell ${Math.round(fed?.collateralSoldEth ?? 0).toLocaleString("en-US")} ETH and the low goes from ` +
        `${c.exogenousLow.toFixed(2)} to ${c.cascadeLow.toFixed(2)}. ${preset.note}`,
    ],
  };
}

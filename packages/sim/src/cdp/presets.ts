// Liquidation rules of the three reference CDP systems, reduced to what decides forced selling and penalties.
// Each preset states its simplifications in `note`; docs/cdp-baseline.md repeats them with the numbers.

import { InvalidParameterError } from "../errors.ts";

export type CdpPresetName = "maker" | "liquity" | "aave";

export type CdpPreset = {
  name: CdpPresetName;
  label: string;
  /**
   * A position is liquidatable when collateral value / debt falls below this (Maker 1.5, Liquity 1.1 = MCR,
   * Aave 1 / liquidation threshold = 1 / 0.83).
   */
  liquidationRatio: number;
  /** Share of the debt one liquidation repays: 1 closes the position, Aave's close factor is 0.5. */
  closeFactor: number;
  /** Collateral paid on top of the debt repaid, as a share of it: Maker's penalty 0.13, Aave's bonus 0.05. */
  penalty: number;
  /** Liquity: the whole collateral goes to the Stability Pool, whatever the debt (no surplus returned). */
  seizeAll: boolean;
  /** Age of the price the liquidation check reads: Maker's OSM delays its price by one hour. */
  oracleLagSeconds: number;
  /** Share of the seized collateral sold into the market in the same step (keepers, liquidators, SP depositors). */
  sellFraction: number;
  note: string;
};

export const MAKER: CdpPreset = {
  name: "maker",
  label: "Maker (150%, 13% penalty)",
  liquidationRatio: 1.5,
  closeFactor: 1,
  penalty: 0.13,
  seizeAll: false,
  oracleLagSeconds: 3600,
  sellFraction: 1,
  note:
    "Whole vault liquidated below 150% of the one-hour-delayed (OSM) price; collateral worth debt x 1.13 at that " +
    "price is auctioned and sold in the step, the rest returned. Auctions clear at the oracle price: the zero-bid " +
    "auctions of 2020-03-12 (keepers without DAI or gas) are not modelled, so Maker's losses are a lower bound.",
};

export const LIQUITY: CdpPreset = {
  name: "liquity",
  label: "Liquity v1 (110% MCR)",
  liquidationRatio: 1.1,
  closeFactor: 1,
  penalty: 0,
  seizeAll: true,
  oracleLagSeconds: 0,
  sellFraction: 1,
  note:
    "Trove liquidated below 110% (normal mode only: Recovery Mode, redistribution and the 200 LUSD / 0.5% gas " +
    "compensation are left out). The Stability Pool repays the debt and takes all the collateral; the borrower " +
    "loses collateral value minus debt (at most 10% of it). Depositors are not forced to sell: selling all of it " +
    "in the step makes Liquity's forced-sale figures an upper bound.",
};

export const AAVE: CdpPreset = {
  name: "aave",
  label: "Aave v2 (LT 83%, bonus 5%, close factor 50%)",
  liquidationRatio: 1 / 0.83,
  closeFactor: 0.5,
  penalty: 0.05,
  seizeAll: false,
  oracleLagSeconds: 0,
  sellFraction: 1,
  note:
    "Health factor = collateral x 0.83 / debt (WETH's threshold was 0.825 on v2, 0.83 on v3). Below 1 a liquidator " +
    "repays up to half the debt and takes that much collateral plus a 5% bonus, repeatedly while the position is " +
    "still below 1; the liquidator sells the collateral in the step.",
};

export const CDP_PRESETS: Readonly<Record<CdpPresetName, CdpPreset>> = {
  maker: MAKER,
  liquity: LIQUITY,
  aave: AAVE,
};

/** A preset by name, or the preset itself. */
export function resolvePreset(preset: CdpPreset | CdpPresetName): CdpPreset {
  if (typeof preset !== "string") return preset;
  const found = CDP_PRESETS[preset];
  if (found === undefined) {
    throw new InvalidParameterError({ field: "preset", value: preset, expected: "maker, liquity or aave" });
  }
  return found;
}

/** What one liquidation does to a position: all in ETH (collateral) and USD (debt), at the oracle price. */
export type LiquidationOutcome = {
  /** Debt repaid (USD). */
  repaid: number;
  /** Collateral taken from the borrower (ETH). */
  seized: number;
  /** The borrower's loss beyond the debt repaid: seized x price - repaid, never negative (USD). */
  penalty: number;
  /** Debt left without collateral behind it (USD): the protocol's (or Stability Pool's) loss. */
  badDebt: number;
  /** Whether the position is closed (its remaining collateral, if any, returned to the borrower). */
  closed: boolean;
};

/**
 * One liquidation of a position with `collateral` ETH and `debt` USD at oracle `price`, per the preset.
 * @example liquidate(MAKER, 1, 100, 140) // repaid 100, seized 113/140 ETH, penalty 13, closed
 */
export function liquidate(
  preset: CdpPreset,
  collateral: number,
  debt: number,
  price: number,
): LiquidationOutcome {
  const value = collateral * price;
  if (preset.seizeAll) {
    return {
      repaid: debt,
      seized: collateral,
      penalty: Math.max(0, value - debt),
      badDebt: Math.max(0, debt - value),
      closed: true,
    };
  }
  let repaid = preset.closeFactor * debt;
  let seized = (repaid * (1 + preset.penalty)) / price;
  if (seized >= collateral) {
    seized = collateral;
    repaid = value / (1 + preset.penalty);
  }
  const emptied = seized >= collateral;
  const closed = preset.closeFactor >= 1 || emptied;
  const badDebt = closed ? Math.max(0, debt - repaid) : 0;
  return { repaid, seized, penalty: Math.max(0, seized * price - repaid), badDebt, closed };
}

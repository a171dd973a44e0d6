// A roll policy as data, in the contracts' units (WAD multiples, seconds): when to roll, into which series, on
// which auction curve, and what the caller is paid. The vault's `Rules` struct converts to one (`vaultRollPolicy`);
// the daemon builds one from its epoch's random draws; the simulator uses the float form of the same rules.

import type { Address, Hex } from "viem";
import { WAD } from "../constants.ts";
import { InvalidRollPolicyError } from "./errors.ts";
import { WAD_PER_BPS } from "./vaultMath.ts";

/** Roll once x < triggerWad · S (a WAD multiple of the strike), or from `leadSeconds` before maturity on. */
export type TriggerLevels = { triggerWad: bigint; leadSeconds: bigint };

/** Strikes fall on a grid: `sigFigs` significant digits of the WAD integer (the vault), or multiples of `stepWad`. */
export type StrikeGrid = { sigFigs: bigint } | { stepWad: bigint };

export type StrikeRule = {
  /** The new strike is fractionWad · x (WAD), rounded down on the grid. */
  fractionWad: bigint;
  grid: StrikeGrid;
  /** Never below minStepWad · S of the current strike (rounded down on the grid). */
  minStepWad?: bigint;
  /** A price can only lower the strike (the vault's hint); without a price the strike stays. */
  lowerOnly?: boolean;
};

/** Maturities fall on `origin + n * period`, n ≥ 0. */
export type MaturityGrid = { origin: bigint; period: bigint };

export type MaturityRule = {
  /** Aim at now + tenor, rounded on the grid `up` (the vault: at least the tenor) or `down`. */
  tenorSeconds: bigint;
  aim: "up" | "down";
  /** Never sooner than now + minTenor (default: the tenor); always after the current maturity. */
  minTenorSeconds?: bigint;
  grid: MaturityGrid;
};

/** The roll auction: anchor ratio P_B per P_A, start and floor as WAD multiples of it, timing in seconds. */
export type AuctionRule = {
  /** `strikeRatio`: S_A / S_B (the vault); `fairRatio`: the Black-76 values' ratio P_A / P_B (the daemon). */
  anchor: "strikeRatio" | "fairRatio";
  startWad: bigint;
  floorWad: bigint;
  durationSeconds: bigint;
  /** 0: linear; else the exponential curve's half-life (dropped when not below the duration). */
  halfLifeSeconds: bigint;
  /** Seconds at the floor before the order expires (never past the maturity of what it sells). */
  patienceSeconds: bigint;
};

/** The caller's reward: min(amount · rewardBps / 1e4, rewardCap), taken from the amount rolled. */
export type RewardRule = { rewardBps: bigint; rewardCap: bigint };

/** Existing series qualify within `strikeTolerance` (relative) of the aimed strike, maturing ≥ now + minTenor. */
export type ListingRule = { strikeTolerance: number; minTenorSeconds: bigint };

export type RollPolicy = {
  trigger: TriggerLevels;
  /** Past these levels the roll is urgent (no waiting, straight to an atomic roll). */
  escalation?: TriggerLevels;
  /** A price-triggered roll waits this long after the previous roll started (`lastRollAt`). */
  minRollIntervalSeconds?: bigint;
  /** Wait this long after a trigger is first seen before acting (not when urgent). */
  delaySeconds?: bigint;
  strike: StrikeRule;
  maturity: MaturityRule;
  auction: AuctionRule;
  reward?: RewardRule;
  listing?: ListingRule;
};

/**
 * `IPNVaultBase.Rules`: a vault's policy, fixed at deployment, field for field as viem encodes the constructor's
 * `rules` and decodes `rules()` (docs/vault.md, "The rules"). Bps are 1/10,000; strikes and prices WAD index units
 * per collateral unit; times in seconds. The one definition: `@pn/sdk` re-exports it and fails to
 * typecheck when it and the vault ABI's tuple are not mutually assignable; the planner reads `VaultRollRules` below.
 */
export type VaultRules = {
  oracle: Address;
  indexId: Hex;
  strikeFractionBps: bigint;
  strikeSigFigs: bigint;
  minStrikeStepBps: bigint;
  maxRefAge: bigint;
  triggerBps: bigint;
  minRollInterval: bigint;
  tenor: bigint;
  maturityOrigin: bigint;
  maturityPeriod: bigint;
  rollLead: bigint;
  auctionDuration: bigint;
  auctionHalfLife: bigint;
  auctionPatience: bigint;
  rollStartBps: bigint;
  rollFloorBps: bigint;
  saleStartBps: bigint;
  saleFloorBps: bigint;
  rewardBps: bigint;
  rewardCap: bigint;
};

/**
 * The fields of the vault's rules that the roll planner reads (`vaultRollPolicy`, `previewTrigger`): all of
 * `VaultRules` but the oracle, the index and the re-entry sale's curve. A whole struct is one.
 */
export type VaultRollRules = Omit<VaultRules, "oracle" | "indexId" | "saleStartBps" | "saleFloorBps">;

/**
 * The brief's roll trigger: roll when x < 1.5·S (the index below 1.5 times the strike, i.e. the collateral ratio
 * x/S under 1.5). One number for every place that applies that rule: the vault's default `triggerBps`
 * (`DEFAULT_TRIGGER_BPS`), the simulator's presets of the rule and the web's distance to the trigger.
 */
export const DEFAULT_TRIGGER_MULTIPLE = 1.5;
/** `DEFAULT_TRIGGER_MULTIPLE` in the vault's bps (15,000): `triggerBps` of `IPNVaultBase.Rules`. */
export const DEFAULT_TRIGGER_BPS: bigint = multipleWad(DEFAULT_TRIGGER_MULTIPLE) / WAD_PER_BPS;

/** The vault's rules as a roll policy: every bps field scaled to a WAD multiple (exact, `WAD_PER_BPS`). */
export function vaultRollPolicy(r: VaultRollRules): RollPolicy {
  return {
    trigger: { triggerWad: r.triggerBps * WAD_PER_BPS, leadSeconds: r.rollLead },
    minRollIntervalSeconds: r.minRollInterval,
    strike: {
      fractionWad: r.strikeFractionBps * WAD_PER_BPS,
      grid: { sigFigs: r.strikeSigFigs },
      minStepWad: r.minStrikeStepBps * WAD_PER_BPS,
      lowerOnly: true,
    },
    maturity: {
      tenorSeconds: r.tenor,
      aim: "up",
      grid: { origin: r.maturityOrigin, period: r.maturityPeriod },
    },
    auction: {
      anchor: "strikeRatio",
      startWad: r.rollStartBps * WAD_PER_BPS,
      floorWad: r.rollFloorBps * WAD_PER_BPS,
      durationSeconds: r.auctionDuration,
      halfLifeSeconds: r.auctionHalfLife,
      patienceSeconds: r.auctionPatience,
    },
    reward: { rewardBps: r.rewardBps, rewardCap: r.rewardCap },
  };
}

/** A float multiple (1.5) as a WAD bigint (1.5e18), to the nearest wei. */
export function multipleWad(value: number): bigint {
  if (!(Number.isFinite(value) && value >= 0)) {
    throw new InvalidRollPolicyError({ field: "multiple", value, expected: "a finite number >= 0" });
  }
  return BigInt(Math.round(value * 1e18));
}

/** Checks a policy's domain; throws InvalidRollPolicyError naming the field to fix. Returns the policy. */
export function validateRollPolicy(policy: RollPolicy): RollPolicy {
  const check = (field: string, value: bigint, ok: boolean, expected: string) => {
    if (!ok) throw new InvalidRollPolicyError({ field, value, expected });
  };
  const { trigger, strike, maturity, auction } = policy;
  check("trigger.triggerWad", trigger.triggerWad, trigger.triggerWad > WAD, "> 1e18 (x above the strike)");
  check("trigger.leadSeconds", trigger.leadSeconds, trigger.leadSeconds >= 0n, ">= 0");
  const fraction = strike.fractionWad;
  check("strike.fractionWad", fraction, fraction > 0n && fraction < WAD, "in (0, 1e18)");
  check(
    "strike.fractionWad",
    fraction,
    fraction * trigger.triggerWad < WAD * WAD,
    "< 1e36 / triggerWad, or every roll triggers again at once",
  );
  const grid = "sigFigs" in strike.grid ? strike.grid.sigFigs : strike.grid.stepWad;
  check("strike.grid", grid, grid > 0n, "> 0");
  check("maturity.grid.period", maturity.grid.period, maturity.grid.period > 0n, "> 0 seconds");
  check(
    "maturity.tenorSeconds",
    maturity.tenorSeconds,
    maturity.tenorSeconds > trigger.leadSeconds,
    `> trigger.leadSeconds (${trigger.leadSeconds}), or a new series is due to roll at once`,
  );
  check("auction.floorWad", auction.floorWad, auction.floorWad > 0n, "> 0");
  check("auction.startWad", auction.startWad, auction.startWad > auction.floorWad, "> auction.floorWad");
  check("auction.durationSeconds", auction.durationSeconds, auction.durationSeconds > 0n, "> 0");
  return policy;
}

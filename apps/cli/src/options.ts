// Option parsing shared by the commands: zod schemas over commander's strings, with messages that name the flag.

import {
  defaultExecution,
  type ExecutionSpec,
  POLICY_PRESETS,
  type RollPolicy,
  type Route,
  type Venue,
  validatePolicy,
} from "@pn/sim";
import { z } from "zod";
import { CliUsageError } from "./errors.ts";

/** A number flag given as text, with bounds. */
export function numberFlag(options: { min?: number; max?: number; int?: boolean } = {}) {
  let schema = z.number({ error: "must be a number" }).finite();
  if (options.int === true) schema = schema.int("must be a whole number");
  if (options.min !== undefined) schema = schema.min(options.min, `must be at least ${options.min}`);
  if (options.max !== undefined) schema = schema.max(options.max, `must be at most ${options.max}`);
  return z
    .string()
    .transform((text) => (text.trim() === "" ? Number.NaN : Number(text)))
    .pipe(schema);
}

/** A comma-separated list of choices. */
export function listFlag<T extends string>(choices: readonly T[]) {
  return z
    .string()
    .transform((text) =>
      text
        .split(",")
        .map((s) => s.trim())
        .filter((s) => s !== ""),
    )
    .pipe(z.array(z.enum(choices as [T, ...T[]], { error: `must be one of ${choices.join(", ")}` })).min(1));
}

/** "daily" | "hourly" | "bar" | seconds → seconds (0 = every bar). */
export const checkFlag = z
  .string()
  .transform((text) => text.split(",").map((s) => s.trim()))
  .pipe(
    z.array(
      z.string().transform((s, ctx) => {
        const named: Record<string, number> = { daily: 86_400, hourly: 3_600, bar: 0, "10min": 600 };
        const value = named[s] ?? Number(s);
        if (!(Number.isFinite(value) && value >= 0)) {
          ctx.addIssue({
            code: "custom",
            message: `"${s}" is not daily, hourly, 10min, bar or a number of seconds`,
          });
          return z.NEVER;
        }
        return value;
      }),
    ),
  );

/** Parses raw options with a schema, or throws a CliUsageError listing every problem by flag. */
export function parseOptions<T extends z.ZodType>(schema: T, raw: unknown, command: string): z.output<T> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const key = String(issue.path[0] ?? "");
    const flag = key === "" ? "" : `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
    return `${flag}: ${issue.message}`;
  });
  throw new CliUsageError({ problems, command });
}

export const POLICY_NAMES = Object.keys(POLICY_PRESETS);
export const VENUE_NAMES: readonly Venue[] = ["amm", "rfq", "auction"];
export const ROUTE_NAMES: readonly Route[] = ["spread", "gross"];

export type PolicyOverrides = {
  strikeFraction?: number | undefined;
  trigger?: number | undefined;
  tenorDays?: number | undefined;
  leadDays?: number | undefined;
};

/** A preset policy with command-line overrides, validated. */
export function policyFrom(name: string, overrides: PolicyOverrides): RollPolicy {
  const preset = POLICY_PRESETS[name];
  if (preset === undefined)
    throw new CliUsageError({ problems: [`--policy: unknown policy ${name}`], command: "backtest" });
  return validatePolicy({
    ...preset,
    ...(overrides.strikeFraction === undefined ? {} : { strikeFraction: overrides.strikeFraction }),
    ...(overrides.trigger === undefined ? {} : { triggerMultiple: overrides.trigger }),
    ...(overrides.tenorDays === undefined ? {} : { tenorDays: overrides.tenorDays }),
    ...(overrides.leadDays === undefined ? {} : { rollLeadDays: overrides.leadDays }),
  });
}

export type ExecutionOverrides = {
  ammDepth?: number | undefined;
  ammFeeBps?: number | undefined;
  halfSpreadBps?: number | undefined;
  auctionHours?: number | undefined;
};

/** A default venue/route spec with command-line overrides. */
export function executionFrom(venue: Venue, route: Route, o: ExecutionOverrides): ExecutionSpec {
  const spec = defaultExecution(venue, route);
  if (spec.venue === "amm") {
    return { ...spec, depth: o.ammDepth ?? spec.depth, feeBps: o.ammFeeBps ?? spec.feeBps };
  }
  if (spec.venue === "rfq") return { ...spec, halfSpreadBps: o.halfSpreadBps ?? spec.halfSpreadBps };
  return {
    ...spec,
    halfSpreadBps: o.halfSpreadBps ?? spec.halfSpreadBps,
    durationHours: o.auctionHours ?? spec.durationHours,
  };
}

// Options every simulation command shares: policies, venues, routes, check frequencies, costs and output.

import type { Command } from "commander";
import { z } from "zod";
import { checkFlag, listFlag, numberFlag, POLICY_NAMES, ROUTE_NAMES, VENUE_NAMES } from "../options.ts";

export const runOptionsSchema = z.object({
  policy: listFlag(POLICY_NAMES),
  strikeFraction: numberFlag({ min: 0.01, max: 0.99 }).optional(),
  trigger: numberFlag({ min: 1 }).optional(),
  tenorDays: numberFlag({ min: 0.01 }).optional(),
  leadDays: numberFlag({ min: 0 }).optional(),
  venue: listFlag(VENUE_NAMES),
  route: listFlag(ROUTE_NAMES),
  check: checkFlag,
  ammDepth: numberFlag({ min: 1 }).optional(),
  ammFeeBps: numberFlag({ min: 0, max: 10_000 }).optional(),
  halfSpreadBps: numberFlag({ min: 0, max: 10_000 }).optional(),
  auctionHours: numberFlag({ min: 0 }).optional(),
  gasGwei: numberFlag({ min: 0 }),
  notional: numberFlag({ min: 0.000001 }),
  seed: numberFlag({ int: true, min: 0, max: 2 ** 32 - 1 }),
  out: z.string().optional(),
  name: z.string().regex(/^[\w.-]+$/, "must be a plain file name (letters, digits, . _ -)"),
  json: z.boolean().default(false),
  progress: z.boolean().default(true),
});

export function addRunOptions(
  command: Command,
  defaults: { policy: string; venue: string; route: string; check: string; name?: string },
): Command {
  return command
    .option("--policy <names>", `comma list of ${POLICY_NAMES.join(", ")}`, defaults.policy)
    .option("--strike-fraction <f>", "override: new strike as a fraction of the index (S' = f·x)")
    .option("--trigger <m>", "override: roll when x < m·S")
    .option("--tenor-days <d>", "override: maturity of a new series, days")
    .option("--lead-days <d>", "override: roll when fewer days are left")
    .option("--venue <names>", "comma list of amm, rfq, auction", defaults.venue)
    .option(
      "--route <names>",
      "comma list of spread (N-for-N roll) and gross (two full trades)",
      defaults.route,
    )
    .option("--check <freqs>", "comma list of daily, hourly, 10min, bar or seconds", defaults.check)
    .option("--amm-depth <value>", "AMM pool depth per side, index units (default 10,000,000)")
    .option("--amm-fee-bps <bps>", "AMM LP fee (default 30)")
    .option("--half-spread-bps <bps>", "gross-route quote half-spread per leg (default 10)")
    .option("--auction-hours <h>", "Dutch auction duration (default 6)")
    .option("--gas-gwei <gwei>", "stated gas price", "20")
    .option("--notional <value>", "starting position, index units", "100000")
    .option("--seed <n>", "seed of the daemon's jitter / the generators", "1")
    .option("--out <dir>", "write NAME.html, NAME.json and NAME.md into this directory")
    .option("--name <name>", "report file name", defaults.name ?? command.name())
    .option("--json", "print JSON on stdout instead of the markdown summary")
    .option("--no-progress", "no progress bar on stderr");
}

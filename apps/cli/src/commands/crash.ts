// `pn crash`: P/N positions through a 10-minute crash day, beside the liquidation-based (CDP) side.

import { type CrashRun, crashReport, loadDvol, loadGas, loadPriceCsv, runCrashReplay } from "@pn/sim";
import type { Command } from "commander";
import { z } from "zod";
import { executionFrom, numberFlag, parseOptions, policyFrom } from "../options.ts";
import { emit } from "../output.ts";
import { DEFAULT_FILES } from "../paths.ts";
import { cdpProvider } from "./cdp.ts";
import { addRunOptions, runOptionsSchema } from "./shared.ts";

const schema = runOptionsSchema.extend({
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a UTC date YYYY-MM-DD"),
  tenMinute: z.string(),
  history: z.string(),
  gasFile: z.string(),
  dvol: z.string(),
  leadInDays: numberFlag({ min: 1, max: 365 }),
  cdp: z.boolean().default(true),
});

export function registerCrash(program: Command): void {
  const command = program
    .command("crash")
    .description("Replay a crash day at 10-minute resolution: P/N positions against CDP liquidations.")
    .option("--day <date>", "crash day in the 10-minute file", "2020-03-12")
    .option("--ten-minute <file>", "10-minute price file", DEFAULT_FILES.tenMinute)
    .option("--history <file>", "hourly history for the lead-in and volatility", DEFAULT_FILES.hourly)
    .option("--gas-file <file>", "measured gas prices, or `none`", DEFAULT_FILES.gas)
    .option("--dvol <file>", "DVOL file, or `none`", DEFAULT_FILES.dvol)
    .option("--lead-in-days <d>", "days of hourly history the positions live through first", "10")
    .option("--no-cdp", "leave out the CDP side");
  addRunOptions(command, {
    policy: "post,28d,short",
    venue: "auction",
    route: "spread",
    check: "10min,hourly,daily",
  });
  command.action((raw: Record<string, unknown>) => crashAction(raw));
}

function crashAction(raw: Record<string, unknown>): void {
  const o = parseOptions(schema, raw, "crash");
  const runs: CrashRun[] = o.policy.flatMap((name) =>
    o.venue.flatMap((venue) =>
      o.route.flatMap((route) =>
        o.check.map((check) => ({
          policy: policyFrom(name, o),
          execution: executionFrom(venue, route, o),
          checkEverySeconds: check,
        })),
      ),
    ),
  );
  const provider = o.cdp ? cdpProvider(o.history) : undefined;
  const result = runCrashReplay({
    day: o.day,
    tenMinute: loadPriceCsv(o.tenMinute),
    history: loadPriceCsv(o.history, { despikeLogThreshold: 0.25 }),
    ...(o.dvol === "none" ? {} : { dvol: loadDvol(o.dvol) }),
    ...(o.gasFile === "none" ? {} : { gas: loadGas(o.gasFile) }),
    gasPriceGwei: o.gasGwei,
    leadInDays: o.leadInDays,
    runs,
    notional: o.notional,
    ...(provider === undefined ? {} : { cdp: provider }),
  });
  const summary = {
    ...result,
    price: { ...result.price, t: undefined, x: undefined },
    pn: result.pn.map(({ series: _s, ...rest }) => rest),
  };
  emit({ json: o.json, out: o.out, name: o.name, doc: crashReport(result), data: result, summary });
}

// `npm start` options, parsed and checked; every problem is one StartError line.
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { type Hex, isHex } from "viem";
import { repoRoot } from "../tools.ts";
import { parseDay } from "./replayData.ts";

export const USAGE =
  "Usage: npm start -- [--port <n>] [--web-port <n>] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--day-seconds <s>]\n" +
  "                    [--no-replay] [--no-web] [--no-keepers] [--once] [--out <file>]\n" +
  "       npm start -- --rpc <url> [--private-key <0x…>] [--out <file>]";

/**
 * What `npm start` prints on stdout once anvil, the contracts, the bots, the web app and the replay are all up:
 * the signal scripts (the browser tests' global setup) wait for.
 */
export const READY_LINE = "pn devnet running";

/** A problem the user can fix: printed as one line, exit 1. */
export class StartError extends Error {
  override name = "StartError";
}

export type StartOptions = {
  port: number;
  webPort: number;
  once: boolean;
  rpc: string | undefined;
  key: Hex | undefined;
  out: string;
  from: bigint;
  to: bigint;
  daySeconds: number;
  replay: boolean;
  web: boolean;
  keepers: boolean;
};

const spec = {
  port: { type: "string" },
  "web-port": { type: "string" },
  once: { type: "boolean", default: false },
  rpc: { type: "string" },
  "private-key": { type: "string" },
  out: { type: "string" },
  from: { type: "string", default: "2020-02-01" },
  to: { type: "string", default: "2020-07-01" },
  "day-seconds": { type: "string", default: "10" },
  "no-replay": { type: "boolean", default: false },
  "no-web": { type: "boolean", default: false },
  "no-keepers": { type: "boolean", default: false },
} as const;

function port(value: string | undefined, fallback: number, flag: string): number {
  const n = Number(value ?? fallback);
  if (!Number.isInteger(n) || n < 1 || n > 65_535) throw new StartError(`${flag} ${value} is not a port.`);
  return n;
}

function day(value: string, flag: string): bigint {
  const t = parseDay(value);
  if (t === undefined) throw new StartError(`${flag} ${value} is not a date: use YYYY-MM-DD.`);
  return t;
}

export function parseStartOptions(argv: readonly string[]): StartOptions {
  let values: ReturnType<typeof parseArgs<{ options: typeof spec; args: string[] }>>["values"];
  try {
    values = parseArgs({ options: spec, args: [...argv] }).values;
  } catch (err) {
    throw new StartError(`${err instanceof Error ? err.message : String(err)}.\n${USAGE}`);
  }
  if (values.rpc !== undefined && values.port !== undefined)
    throw new StartError("--port only applies without --rpc.");
  const key = values["private-key"];
  if (key !== undefined && values.rpc === undefined) throw new StartError("--private-key needs --rpc <url>.");
  if (key !== undefined && !(isHex(key) && key.length === 66))
    throw new StartError("--private-key must be 0x + 64 hex digits.");
  const from = day(values.from, "--from");
  const to = day(values.to, "--to");
  if (to <= from) throw new StartError(`--to ${values.to} must come after --from ${values.from}.`);
  const daySeconds = Number(values["day-seconds"]);
  if (!(daySeconds > 0 && daySeconds <= 86_400))
    throw new StartError(`--day-seconds ${values["day-seconds"]} must be a number of seconds above 0.`);
  return {
    port: port(values.port, 8545, "--port"),
    webPort: port(values["web-port"], 5173, "--web-port"),
    once: values.once,
    rpc: values.rpc,
    key: key as Hex | undefined,
    out: resolve(repoRoot, values.out ?? join(".devnet", "deployment.json")),
    from,
    to,
    daySeconds,
    replay: !values["no-replay"],
    web: !values["no-web"],
    keepers: !values["no-keepers"],
  };
}

// `pn oracle status [--index USD] [--timestamp …]`: the questions of the slow oracle (proposed ones, and the
// maturities of the deployment's series on it), with status, value, round, countdown to finality and next bond.

import { listQuestions } from "@pn/sdk";
import type { IndexConfig } from "@pn/sdk/node";
import type { Command } from "commander";
import type { Hex } from "viem";
import { isAddressEqual } from "viem";
import type { Context } from "../chain/context.ts";
import {
  describeCountdown,
  oracleAddress,
  type QuestionReport,
  reportQuestion,
  requireIndexConfig,
} from "../chain/oracle.ts";
import { listDeploymentSeries } from "../chain/series.ts";
import { emitResult, formatTime, table } from "../format.ts";
import { type IndexRef, parseIndex, parseInstant } from "../inputs.ts";
import type { CliIo } from "../io.ts";
import { addConnectionOptions, openContext, type ProtocolOptions } from "./protocol.ts";

type Options = ProtocolOptions & { index?: string; timestamp?: string; oracle?: string };

export function registerOracleStatus(oracle: Command, io: CliIo): void {
  const command = oracle
    .command("status")
    .description(
      "Questions of the slow oracle: status, value, round, countdown to finality, next dispute bond.",
    )
    .option("--index <ticker>", "only this index (USD, EUR, CPI-U or a bytes32 id)")
    .option(
      "--timestamp <time>",
      "only the question about this instant (date, ISO time with zone, or unix seconds)",
    )
    .option("--oracle <address>", "the SlowOracle (default: the deployment's)");
  addConnectionOptions(command, { signs: false }).action((options: Options) =>
    oracleStatusAction(io, options),
  );
}

/** (index, timestamp) pairs: proposed questions and the maturities of series on this oracle. */
async function questionKeys(
  ctx: Context,
  oracle: Hex,
  index: IndexRef | undefined,
  timestamp: bigint | undefined,
) {
  const [proposed, series] = await Promise.all([
    listQuestions(ctx.client, {
      oracle,
      fromBlock: ctx.startBlock,
      ...(index === undefined ? {} : { indexId: index.indexId }),
    }),
    listDeploymentSeries(ctx),
  ]);
  const keys = new Map<string, { indexId: Hex; timestamp: bigint }>();
  const add = (indexId: Hex, t: bigint) => {
    if (index !== undefined && indexId !== index.indexId) return;
    if (timestamp !== undefined && t !== timestamp) return;
    keys.set(`${indexId}:${t}`, { indexId, timestamp: t });
  };
  for (const q of proposed) add(q.indexId, q.timestamp);
  for (const s of series) if (isAddressEqual(s.key.oracle, oracle)) add(s.key.indexId, s.key.maturity);
  if (timestamp !== undefined && keys.size === 0)
    add(index?.indexId ?? parseIndex("--index", "USD").indexId, timestamp);
  return [...keys.values()].sort((a, b) =>
    a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : 0,
  );
}

async function oracleStatusAction(io: CliIo, options: Options): Promise<void> {
  const index = options.index === undefined ? undefined : parseIndex("--index", options.index);
  const timestamp =
    options.timestamp === undefined ? undefined : parseInstant("--timestamp", options.timestamp);
  const ctx = await openContext(io, options);
  const oracle = oracleAddress(ctx, options.oracle);
  if (index !== undefined) await requireIndexConfig(ctx, oracle, index.indexId);
  const [keys, now] = await Promise.all([questionKeys(ctx, oracle, index, timestamp), ctx.now()]);
  const configs = new Map<Hex, Promise<IndexConfig>>();
  const configOf = (indexId: Hex) => {
    const config = configs.get(indexId) ?? requireIndexConfig(ctx, oracle, indexId);
    configs.set(indexId, config);
    return config;
  };
  const questions: QuestionReport[] = [];
  for (const key of keys) {
    questions.push(await reportQuestion(ctx, { oracle, ...key, config: await configOf(key.indexId), now }));
  }
  const data = { oracle, chainTime: formatTime(now), questions };
  emitResult(io, options.json === true, data, () => human(data, now));
}

function human(data: { oracle: Hex; chainTime: string; questions: QuestionReport[] }, now: bigint): string {
  const header = `Slow oracle ${data.oracle}, chain time ${data.chainTime}`;
  if (data.questions.length === 0) {
    return `${header}: no questions yet (no proposals, and no series on this oracle).`;
  }
  const rows = data.questions.map((q) => [
    q.index,
    q.time,
    q.state,
    q.value ?? "-",
    `${q.round}/${q.maxRounds}`,
    describeCountdown(q, now),
    q.nextDisputeBond === null ? "-" : `${q.nextDisputeBond} ETH`,
  ]);
  return `${header}:\n\n${table(["index", "time", "status", "value", "round", "finality", "next dispute bond"], rows)}`;
}

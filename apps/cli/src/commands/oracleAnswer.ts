// `pn oracle propose|dispute <index> <timestamp> <value>`: answer a question with the index's base bond, or
// dispute the latest answer with the doubled bond. Bounds, timing, state and the ETH for the bond are checked
// before sending.

import { formatWad, indexLabel } from "@pn/core";
import { dispute, getQuestion, propose } from "@pn/sdk";
import type { IndexConfig } from "@pn/sdk/node";
import type { Command } from "commander";
import type { Address } from "viem";
import { requireEth } from "../chain/checks.ts";
import type { Context } from "../chain/context.ts";
import { describeCountdown, oracleAddress, reportQuestion, requireIndexConfig } from "../chain/oracle.ts";
import { hashOnly, sendTx } from "../chain/tx.ts";
import { InvalidArgumentError, PreconditionError } from "../errors.ts";
import { emitResult, formatAmount, formatDuration, formatTime } from "../format.ts";
import { type IndexRef, parseIndex, parseInstant, parsePositiveDecimal } from "../inputs.ts";
import type { CliIo } from "../io.ts";
import { addConnectionOptions, openContext, type ProtocolOptions } from "./protocol.ts";

type Options = ProtocolOptions & { oracle?: string };
type Kind = "propose" | "dispute";
type Question = { oracle: Address; index: IndexRef; timestamp: bigint; valueWad: bigint };

function register(kind: Kind, oracle: Command, io: CliIo): void {
  const command = oracle
    .command(kind)
    .description(
      kind === "propose"
        ? "Propose x for (index, timestamp), posting the index's base bond."
        : "Dispute the latest answer of (index, timestamp) with another value and the doubled bond.",
    )
    .argument("<index>", "index: USD, EUR, CPI-U or a bytes32 id")
    .argument(
      "<timestamp>",
      "the instant asked about (a maturity): date, ISO time with zone, or unix seconds",
    )
    .argument("<value>", "x: index units per ETH, e.g. 2400.5")
    .option("--oracle <address>", "the SlowOracle (default: the deployment's)");
  addConnectionOptions(command, { signs: true }).action(
    (index: string, timestamp: string, value: string, options: Options) =>
      answerAction({ kind, io, index, timestamp, value, options }),
  );
}

export const registerOraclePropose = (oracle: Command, io: CliIo) => register("propose", oracle, io);
export const registerOracleDispute = (oracle: Command, io: CliIo) => register("dispute", oracle, io);

function checkBounds(config: IndexConfig, valueWad: bigint, text: string): void {
  if (valueWad < config.minValueWad || valueWad > config.maxValueWad) {
    throw new InvalidArgumentError({
      argument: "value",
      value: text,
      problem: `is outside the index's bounds [${formatWad(config.minValueWad)}, ${formatWad(config.maxValueWad)}]`,
      fix: "Pass a value within the bounds the index was registered with.",
    });
  }
}

/** The bond this answer must post, after checking the question's state allows it. */
async function bondFor(
  ctx: Context,
  kind: Kind,
  q: Question,
  config: IndexConfig,
  now: bigint,
): Promise<bigint> {
  const state = await getQuestion(ctx.client, {
    oracle: q.oracle,
    indexId: q.index.indexId,
    timestamp: q.timestamp,
  });
  const name = `${q.index.label} at ${formatTime(q.timestamp)}`;
  if (kind === "propose") {
    if (q.timestamp >= now) {
      throw new PreconditionError({
        problem: `Too early: the question about ${name} opens only after that instant; chain time is ${formatTime(now)}.`,
        fix: `Propose in ${formatDuration(q.timestamp - now + 1n)} or later.`,
      });
    }
    if (state.status !== "None") {
      throw new PreconditionError({
        problem: `The question about ${name} already has an answer: x = ${formatWad(state.valueWad)}.`,
        fix:
          state.nextDisputeBond === 0n
            ? "It cannot be disputed now (`pn oracle status`)."
            : "To disagree, use `pn oracle dispute` while its challenge window is open.",
      });
    }
    return config.bond;
  }
  if (state.nextDisputeBond === 0n) {
    const why =
      state.status === "None"
        ? ["nobody has proposed an answer yet", "Use `pn oracle propose` instead."]
        : state.isFinal
          ? [
              `its answer is final (x = ${formatWad(state.finalValueWad)})`,
              "Nothing can be disputed any more; settle the series instead.",
            ]
          : ["it is with the arbiter", "Wait for the arbiter's answer (`pn oracle status`)."];
    throw new PreconditionError({
      problem: `The question about ${name} cannot be disputed: ${why[0]}.`,
      fix: why[1] ?? "",
    });
  }
  if (state.valueWad === q.valueWad) {
    throw new PreconditionError({
      problem: `The latest answer about ${name} already is ${formatWad(q.valueWad)}.`,
      fix: "A dispute must propose a different value.",
    });
  }
  return state.nextDisputeBond;
}

async function answerAction(params: {
  kind: Kind;
  io: CliIo;
  index: string;
  timestamp: string;
  value: string;
  options: Options;
}): Promise<void> {
  const { kind, io, options } = params;
  const index = parseIndex("index", params.index);
  const timestamp = parseInstant("timestamp", params.timestamp);
  const valueWad = parsePositiveDecimal("value", params.value);
  const ctx = await openContext(io, options);
  const wallet = ctx.wallet();
  const oracle = oracleAddress(ctx, options.oracle);
  const config = await requireIndexConfig(ctx, oracle, index.indexId);
  checkBounds(config, valueWad, params.value);
  const q: Question = { oracle, index, timestamp, valueWad };
  const bond = await bondFor(ctx, kind, q, config, await ctx.now());
  await requireEth(
    ctx,
    wallet.account.address,
    bond,
    `the ${kind === "propose" ? "proposal" : "dispute"} bond`,
  );
  const call = { oracle, indexId: index.indexId, timestamp, valueWad, bond };
  const { hash } = await sendTx(ctx, kind, () =>
    hashOnly(kind === "propose" ? propose(wallet, call) : dispute(wallet, call)),
  );
  const now = await ctx.now();
  const report = await reportQuestion(ctx, { oracle, indexId: index.indexId, timestamp, config, now });
  const data = { action: kind, ...report, bond: formatAmount(bond, 18), hash };
  emitResult(io, options.json === true, data, () =>
    [
      `${kind === "propose" ? "Proposed" : "Disputed with"} x = ${formatWad(valueWad)} for ${indexLabel(index.indexId)} at ${report.time}, bond ${data.bond} ETH (round ${report.round}/${report.maxRounds}).`,
      `  ${report.state}: ${describeCountdown(report, now)}`,
      `  next dispute bond: ${report.nextDisputeBond === null ? "none possible now" : `${report.nextDisputeBond} ETH`}`,
      `  tx ${hash}`,
    ].join("\n"),
  );
}

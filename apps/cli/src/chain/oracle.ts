// The slow oracle as the CLI shows it: which oracle, and where a question stands in words (status, countdown to
// finality, next bond), from the SDK's reads.

import { formatWad, indexLabel } from "@pn/core";
import { type GetQuestionReturnType, getIndexConfig, getQuestion } from "@pn/sdk";
import type { IndexConfig } from "@pn/sdk/node";
import type { Address, Hex } from "viem";
import { PreconditionError } from "../errors.ts";
import { formatAmount, formatDuration, formatTime } from "../format.ts";
import { parseAddress } from "../inputs.ts";
import type { Context } from "./context.ts";

/** The slow oracle: --oracle, else the deployment's. */
export function oracleAddress(ctx: Context, flag: string | undefined): Address {
  if (flag !== undefined) return parseAddress("--oracle", flag);
  const { oracle, devOracle } = ctx.deployment.contracts;
  if (oracle !== undefined) return oracle;
  throw new PreconditionError({
    problem: `The deployment ${ctx.deploymentPath} has no slow oracle${devOracle === undefined ? "" : ` (only a DevOracle at ${devOracle}, whose deployer reports values directly)`}.`,
    fix: "Pass --oracle <address> of a SlowOracle, or add contracts.oracle to the deployment file.",
  });
}

/** The index's settings, or an error saying it is not registered. */
export async function requireIndexConfig(ctx: Context, oracle: Address, indexId: Hex): Promise<IndexConfig> {
  const config = await getIndexConfig(ctx.client, { oracle, indexId });
  if (config !== undefined) return config;
  throw new PreconditionError({
    problem: `Index ${indexLabel(indexId)} is not registered on the oracle ${oracle}.`,
    fix: "Check the index (USD, EUR, CPI-U or a bytes32 id) and --oracle; registration is permissionless (registerIndex).",
  });
}

export type QuestionState =
  | "upcoming"
  | "awaiting proposal"
  | "challenge window open"
  | "escalated to arbiter"
  | "final";

export type QuestionReport = {
  index: string;
  indexId: Hex;
  timestamp: bigint;
  time: string;
  state: QuestionState;
  /** As stored on chain (None, Proposed, Escalated, Finalized). */
  status: GetQuestionReturnType["status"];
  value: string | null;
  round: number;
  maxRounds: number;
  /** Seconds until the answer is final (at the latest, when escalated); null when final or not proposed. */
  finalInSeconds: bigint | null;
  finalAt: string | null;
  /** What the next dispute must post (ETH), null when none is possible now. */
  nextDisputeBond: string | null;
  /** How the final answer came to be, once final. */
  finality: "window passed" | "arbiter" | "fallback" | null;
};

function finalAtOf(q: GetQuestionReturnType, config: IndexConfig): bigint | null {
  if (q.isFinal || q.status === "None") return null;
  if (q.status === "Escalated") return q.arbitrationDeadline;
  return q.answeredAt + BigInt(config.challengeWindow);
}

function finalityOf(q: GetQuestionReturnType): QuestionReport["finality"] {
  if (!q.isFinal) return null;
  if (q.arbitrated) return "arbiter";
  return q.escalatedAt !== 0n ? "fallback" : "window passed";
}

/** Reads one question and describes it relative to the chain's time. */
export async function reportQuestion(
  ctx: Context,
  params: { oracle: Address; indexId: Hex; timestamp: bigint; config: IndexConfig; now: bigint },
): Promise<QuestionReport> {
  const { oracle, indexId, timestamp, config, now } = params;
  const q = await getQuestion(ctx.client, { oracle, indexId, timestamp });
  const finalAt = finalAtOf(q, config);
  const state: QuestionState = q.isFinal
    ? "final"
    : q.status === "None"
      ? timestamp >= now
        ? "upcoming"
        : "awaiting proposal"
      : q.status === "Escalated"
        ? "escalated to arbiter"
        : "challenge window open";
  return {
    index: indexLabel(indexId),
    indexId,
    timestamp,
    time: formatTime(timestamp),
    state,
    status: q.status,
    value: q.status === "None" ? null : formatWad(q.isFinal ? q.finalValueWad : q.valueWad),
    round: q.round,
    maxRounds: config.maxRounds,
    finalInSeconds: finalAt === null ? null : finalAt > now ? finalAt - now : 0n,
    finalAt: finalAt === null ? null : formatTime(finalAt),
    nextDisputeBond: q.nextDisputeBond === 0n ? null : formatAmount(q.nextDisputeBond, 18),
    finality: finalityOf(q),
  };
}

/** "final in 1h 59m (2026-…)" and the like. */
export function describeCountdown(r: QuestionReport, now: bigint): string {
  if (r.state === "final") return `final (${r.finality})`;
  if (r.state === "upcoming") return `opens in ${formatDuration(r.timestamp - now)}`;
  if (r.state === "awaiting proposal") return "anyone may propose now";
  const prefix = r.state === "escalated to arbiter" ? "final at the latest in" : "final in";
  return `${prefix} ${formatDuration(r.finalInSeconds ?? 0n)} (${r.finalAt})`;
}

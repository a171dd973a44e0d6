// The proposer/disputer job: for each question on the configured SlowOracle, once M has passed, propose the
// keeper's x; dispute an answer further than the tolerance from it (posting the doubled bond, up to a limit);
// finalize once the window or the arbitration deadline has passed; then settle the question's series and withdraw
// the keeper's credited bonds.

import { indexIdFromTicker, tickerFromIndexId } from "@pn/core";
import { type Address, getAddress, type Hex, isHex } from "viem";
import { KeeperError } from "../framework/errors.ts";
import type { ItemResult, Job, JobContext } from "../framework/job.ts";
import {
  chainTime,
  disputeAction,
  finalizeAction,
  type IndexConfigView,
  type OracleRef,
  proposeAction,
  readCredits,
  readLatestAnswerer,
  readNextDisputeBond,
  readQuestion,
  readSettlement,
  readSettlementById,
  STATUS,
  settleAction,
  withdrawAction,
} from "./chain.ts";
import { type Decision, decide } from "./decide.ts";
import { closeQuestion, discoverQuestions, type Question } from "./discovery.ts";
import { cachedIndexValue, type IndexInputs, type IndexValueOf } from "./indexValue.ts";
import { verifyRules } from "./rules.ts";

export type OracleIndex = IndexInputs & { toleranceBps: bigint; maxBondWei: bigint; rulesHash: Hex };

export type OracleJobParameters = {
  slowOracle: Address;
  core?: Address;
  fromBlock: bigint;
  chunkBlocks: bigint;
  indices: readonly OracleIndex[];
  staticQuestions: readonly { ticker: string; timestamp: number }[];
  settleSeries: boolean;
  withdrawCredits: boolean;
  /** How long a computed x is reused before the sources are asked again. */
  valueTtlMs: number;
  /** Longest rest for a question that cannot change soon (not matured, bond refused, index not configured). */
  maxRestMs: number;
};

const restMs = (seconds: bigint, maxMs: number) => Math.min(maxMs, Math.max(0, Number(seconds) * 1000));

export function createOracleJob(p: OracleJobParameters): Job<Question> {
  const byId = new Map(p.indices.map((i) => [indexIdFromTicker(i.ticker), i]));
  const configs = new Map<Hex, IndexConfigView>();
  const indexValueOf = cachedIndexValue(p.valueTtlMs);
  const refOf = (ctx: JobContext): OracleRef => ({ client: ctx.publicClient, oracle: p.slowOracle });

  return {
    name: "oracle",
    async start(ctx) {
      for (const index of p.indices) {
        const indexId = indexIdFromTicker(index.ticker);
        configs.set(indexId, await verifyRules(refOf(ctx), index, ctx.log));
      }
      registerCheckers(ctx, refOf(ctx), p.core);
    },
    discover: (ctx) =>
      discoverQuestions({
        client: ctx.publicClient,
        state: ctx.state,
        slowOracle: p.slowOracle,
        ...(p.core === undefined ? {} : { core: p.core }),
        fromBlock: p.fromBlock,
        chunkBlocks: p.chunkBlocks,
        staticQuestions: p.staticQuestions,
      }),
    keyOf: (q) => `${tickerFromIndexId(q.indexId) ?? q.indexId}@${q.timestamp}`,
    async handle(ctx, q) {
      const index = byId.get(q.indexId);
      const config = configs.get(q.indexId);
      if (index === undefined || config === undefined) {
        ctx.log.warn("no rules configured for this index; not answering", { indexId: q.indexId });
        return { outcome: "waiting", cooldownMs: p.maxRestMs };
      }
      const decision = await decideFor(ctx, { ref: refOf(ctx), q, index, config, indexValueOf });
      return act(ctx, { p, ref: refOf(ctx), q, index, decision });
    },
  };
}

type DecideForParameters = {
  ref: OracleRef;
  q: Question;
  index: OracleIndex;
  config: IndexConfigView;
  indexValueOf: IndexValueOf;
};

/** Reads what the decision needs, computing x only when the question can still be proposed or disputed. */
async function decideFor(
  ctx: JobContext,
  { ref, q, index, config, indexValueOf }: DecideForParameters,
): Promise<Decision> {
  const [now, question] = await Promise.all([
    chainTime(ctx.publicClient),
    readQuestion(ref, q.indexId, q.timestamp),
  ]);
  const base = {
    now,
    timestamp: q.timestamp,
    question,
    index: config,
    toleranceBps: index.toleranceBps,
    maxBondWei: index.maxBondWei,
  };
  const first = decide(base);
  if (first.kind !== "needValue") return first;
  const valueWad = await indexValueOf(index, q.timestamp, ctx.log);
  if (question.status === STATUS.None) return decide({ ...base, valueWad });
  const [answerer, nextDisputeBond] = await Promise.all([
    readLatestAnswerer(ref, q.indexId, q.timestamp, question.round),
    readNextDisputeBond(ref, q.indexId, q.timestamp),
  ]);
  const latestIsOurs = getAddress(answerer) === getAddress(ctx.account);
  return decide({ ...base, valueWad, latestIsOurs, nextDisputeBond });
}

type ActParameters = {
  p: OracleJobParameters;
  ref: OracleRef;
  q: Question;
  index: OracleIndex;
  decision: Decision;
};

async function act(ctx: JobContext, a: ActParameters): Promise<ItemResult> {
  const { ref, q, decision } = a;
  const where = { ticker: a.index.ticker, timestamp: q.timestamp };
  switch (decision.kind) {
    case "wait": {
      const now = await chainTime(ctx.publicClient);
      // Waiting on other people (a dispute, the arbiter) is re-checked every tick; on the clock, rested.
      const rest = decision.restUntil === undefined ? 0 : restMs(decision.restUntil - now, a.p.maxRestMs);
      ctx.log.debug("waiting", { ...where, reason: decision.reason });
      return { outcome: "waiting", cooldownMs: rest };
    }
    case "refuse":
      ctx.log.warn("not acting: bond above the limit", { ...where, reason: decision.reason });
      return { outcome: "waiting", cooldownMs: a.p.maxRestMs };
    case "propose":
      ctx.log.info("proposing", { ...where, valueWad: decision.valueWad, bond: decision.bond });
      await ctx.sender.send(proposeAction(ref, { indexId: q.indexId, timestamp: q.timestamp, ...decision }));
      return { outcome: "acted" };
    case "dispute":
      ctx.log.info("disputing", {
        ...where,
        valueWad: decision.valueWad,
        bond: decision.bond,
        round: decision.round,
      });
      await ctx.sender.send(disputeAction(ref, { indexId: q.indexId, timestamp: q.timestamp, ...decision }));
      return { outcome: "acted" };
    case "finalize":
      ctx.log.info("finalizing", where);
      await ctx.sender.send(finalizeAction(ref, { indexId: q.indexId, timestamp: q.timestamp }));
      return { outcome: "acted" };
    default:
      return afterFinal(ctx, a);
  }
}

/** Settles the question's series and withdraws credits; closes the question when nothing is left. */
async function afterFinal(ctx: JobContext, a: ActParameters): Promise<ItemResult> {
  const { p, ref, q } = a;
  let pending = false;
  if (p.settleSeries && p.core !== undefined) {
    for (const key of q.series) {
      if ((await readSettlement(ctx.publicClient, p.core, key)) !== 0n) continue;
      ctx.log.info("settling series", {
        ticker: a.index.ticker,
        timestamp: q.timestamp,
        strikeWad: key.strikeWad,
      });
      const out = await ctx.sender.send(settleAction(ctx.publicClient, p.core, key));
      pending ||= out.status !== "confirmed" && out.status !== "already-done";
    }
  }
  if (p.withdrawCredits && (await readCredits(ref, ctx.account)) > 0n) {
    ctx.log.info("withdrawing credits", { ticker: a.index.ticker, timestamp: q.timestamp });
    const out = await ctx.sender.send(
      withdrawAction(ref, { indexId: q.indexId, timestamp: q.timestamp, account: ctx.account }),
    );
    pending ||= out.status !== "confirmed" && out.status !== "already-done";
  }
  if (pending || ctx.dryRun) return { outcome: "acted" };
  closeQuestion({ state: ctx.state, fromBlock: p.fromBlock }, q);
  ctx.log.info("question closed", { ticker: a.index.ticker, timestamp: q.timestamp });
  return { outcome: "done" };
}

/** A bytes32 parameter of a recorded intent. */
function hexParam(params: Record<string, string>, name: string): Hex {
  const value = params[name];
  if (value === undefined || !isHex(value)) {
    throw new KeeperError(`A recorded intent has no valid ${name} (${value ?? "missing"}).`, {
      fix: "The state file was edited or written by another version; remove that intent from it.",
    });
  }
  return value;
}

/** How to tell, at reconciliation, whether each kind of recorded action is done on chain. */
function registerCheckers(ctx: JobContext, ref: OracleRef, core: Address | undefined): void {
  const question = (params: Record<string, string>) =>
    readQuestion(ref, hexParam(params, "indexId"), BigInt(params.timestamp ?? "0"));
  ctx.sender.registerChecker("propose", async (params) => (await question(params)).status !== STATUS.None);
  ctx.sender.registerChecker(
    "dispute",
    async (params) => (await question(params)).round >= Number(params.round ?? 0),
  );
  ctx.sender.registerChecker(
    "finalize",
    async (params) => (await question(params)).status === STATUS.Finalized,
  );
  ctx.sender.registerChecker("withdraw", async () => (await readCredits(ref, ctx.account)) === 0n);
  if (core === undefined) return;
  ctx.sender.registerChecker(
    "settle",
    async (params) => (await readSettlementById(ctx.publicClient, core, hexParam(params, "seriesId"))) !== 0n,
  );
}

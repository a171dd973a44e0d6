// Finds the questions to answer: every (indexId, maturity) of a PNCore series whose oracle is the configured
// SlowOracle (from SeriesCreated events, scanned in chunks from a cursor kept in the state file), plus the
// config's static list. Questions that are final, settled and withdrawn are marked closed and not revisited.

import { indexIdFromTicker, type SeriesKey } from "@pn/core";
import { pnCoreAbi } from "@pn/sdk";
import { type Address, getAddress, type Hex, isAddress, isHex } from "viem";
import { getBlockNumber, getContractEvents } from "viem/actions";
import { z } from "zod";
import type { KeeperPublicClient } from "../framework/rpc.ts";
import type { StateStore } from "../framework/state.ts";

export const ORACLE_JOB = "oracle";

export type Question = { indexId: Hex; timestamp: bigint; series: SeriesKey[] };

const hex = z.custom<Hex>((v) => typeof v === "string" && isHex(v));
const address = z.custom<Address>((v) => typeof v === "string" && isAddress(v));
const seriesSchema = z.object({
  collateral: address,
  oracle: address,
  indexId: hex,
  strikeWad: z.string(),
  maturity: z.string(),
});
const questionSchema = z.object({
  indexId: hex,
  timestamp: z.string(),
  series: z.array(seriesSchema),
  closed: z.boolean(),
});
const oracleStateSchema = z.object({
  nextBlock: z.string(),
  questions: z.record(z.string(), questionSchema),
});
type StoredQuestion = z.infer<typeof questionSchema>;
type OracleState = z.infer<typeof oracleStateSchema>;

export const questionKey = (indexId: Hex, timestamp: bigint) => `${indexId}:${timestamp}`;

export type DiscoveryParameters = {
  client: KeeperPublicClient;
  state: StateStore;
  slowOracle: Address;
  core?: Address;
  fromBlock: bigint;
  chunkBlocks: bigint;
  staticQuestions: readonly { ticker: string; timestamp: number }[];
};

function loadState(p: DiscoveryParameters): OracleState {
  return p.state.job(ORACLE_JOB, oracleStateSchema, { nextBlock: p.fromBlock.toString(), questions: {} });
}

function saveState(p: DiscoveryParameters, s: OracleState): void {
  p.state.setJob(ORACLE_JOB, s);
}

function toStored(key: SeriesKey): z.infer<typeof seriesSchema> {
  return { ...key, strikeWad: key.strikeWad.toString(), maturity: key.maturity.toString() };
}

function fromStored(q: StoredQuestion): Question {
  return {
    indexId: q.indexId,
    timestamp: BigInt(q.timestamp),
    series: q.series.map((s) => ({
      collateral: s.collateral,
      oracle: s.oracle,
      indexId: s.indexId,
      strikeWad: BigInt(s.strikeWad),
      maturity: BigInt(s.maturity),
    })),
  };
}

function addSeries(s: OracleState, key: SeriesKey): void {
  const k = questionKey(key.indexId, key.maturity);
  const q = s.questions[k] ?? {
    indexId: key.indexId,
    timestamp: key.maturity.toString(),
    series: [],
    closed: false,
  };
  const stored = toStored(key);
  if (!q.series.some((x) => JSON.stringify(x) === JSON.stringify(stored))) q.series.push(stored);
  s.questions[k] = q;
}

/** Scans new SeriesCreated events up to the latest block, saving progress after each chunk. */
async function scan(p: DiscoveryParameters, s: OracleState): Promise<void> {
  if (p.core === undefined) return;
  const latest = await getBlockNumber(p.client, { cacheTime: 0 });
  for (let from = BigInt(s.nextBlock); from <= latest; from += p.chunkBlocks) {
    const to = from + p.chunkBlocks - 1n < latest ? from + p.chunkBlocks - 1n : latest;
    const events = await getContractEvents(p.client, {
      address: p.core,
      abi: pnCoreAbi,
      eventName: "SeriesCreated",
      fromBlock: from,
      toBlock: to,
      strict: true,
    });
    for (const { args } of events) {
      if (getAddress(args.oracle) !== getAddress(p.slowOracle)) continue;
      addSeries(s, {
        collateral: getAddress(args.collateral),
        oracle: getAddress(args.oracle),
        indexId: args.indexId,
        strikeWad: args.strikeWad,
        maturity: args.maturity,
      });
    }
    s.nextBlock = (to + 1n).toString();
    saveState(p, s);
  }
}

/** The open questions: discovered from events since the last scan, plus the static list. */
export async function discoverQuestions(p: DiscoveryParameters): Promise<Question[]> {
  const s = loadState(p);
  const before = JSON.stringify(s);
  await scan(p, s);
  for (const { ticker, timestamp } of p.staticQuestions) {
    const k = questionKey(indexIdFromTicker(ticker), BigInt(timestamp));
    s.questions[k] ??= {
      indexId: indexIdFromTicker(ticker),
      timestamp: String(timestamp),
      series: [],
      closed: false,
    };
  }
  if (JSON.stringify(s) !== before) saveState(p, s);
  return Object.values(s.questions)
    .filter((q) => !q.closed)
    .map(fromStored);
}

/** Marks a question closed: nothing is left to do for it. */
export function closeQuestion(p: Pick<DiscoveryParameters, "state" | "fromBlock">, q: Question): void {
  const s = p.state.job(ORACLE_JOB, oracleStateSchema, { nextBlock: p.fromBlock.toString(), questions: {} });
  const stored = s.questions[questionKey(q.indexId, q.timestamp)];
  if (stored === undefined) return;
  stored.closed = true;
  p.state.setJob(ORACLE_JOB, s);
}

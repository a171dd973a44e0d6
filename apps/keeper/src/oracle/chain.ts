// Typed reads of the SlowOracle and PNCore, and the oracle job's transactions as sender actions. Every action
// carries a stable key and an on-chain "already done" check, so repeating it after a crash is harmless.

import { type SeriesKey, seriesId } from "@pn/core";
import { pnCoreAbi, slowOracleAbi } from "@pn/sdk";
import type { Address, Hex } from "viem";
import { getBlock, readContract } from "viem/actions";
import type { KeeperPublicClient } from "../framework/rpc.ts";
import type { TxAction } from "../framework/sender.ts";

/** QuestionStatus in ISlowOracle.sol. */
export const STATUS = { None: 0, Proposed: 1, Escalated: 2, Finalized: 3 } as const;

export type QuestionView = {
  status: number;
  round: number;
  valueWad: bigint;
  answeredAt: bigint;
  escalatedAt: bigint;
  arbitrated: boolean;
};

export type IndexConfigView = {
  rulesHash: Hex;
  bond: bigint;
  challengeWindow: bigint;
  arbitrationWindow: bigint;
  maxRounds: number;
  arbiter: Address;
  minValueWad: bigint;
  maxValueWad: bigint;
};

export type OracleRef = { client: KeeperPublicClient; oracle: Address };

export async function readQuestion(ref: OracleRef, indexId: Hex, timestamp: bigint): Promise<QuestionView> {
  const q = await readContract(ref.client, {
    address: ref.oracle,
    abi: slowOracleAbi,
    functionName: "question",
    args: [indexId, timestamp],
  });
  return { ...q, answeredAt: BigInt(q.answeredAt), escalatedAt: BigInt(q.escalatedAt) };
}

export async function readIndexConfig(ref: OracleRef, indexId: Hex): Promise<IndexConfigView> {
  const c = await readContract(ref.client, {
    address: ref.oracle,
    abi: slowOracleAbi,
    functionName: "indexConfig",
    args: [indexId],
  });
  return { ...c, challengeWindow: BigInt(c.challengeWindow), arbitrationWindow: BigInt(c.arbitrationWindow) };
}

export async function readLatestAnswerer(
  ref: OracleRef,
  indexId: Hex,
  timestamp: bigint,
  round: number,
): Promise<Address> {
  const [answerer] = await readContract(ref.client, {
    address: ref.oracle,
    abi: slowOracleAbi,
    functionName: "answer",
    args: [indexId, timestamp, BigInt(round)],
  });
  return answerer;
}

export function readNextDisputeBond(ref: OracleRef, indexId: Hex, timestamp: bigint): Promise<bigint> {
  return readContract(ref.client, {
    address: ref.oracle,
    abi: slowOracleAbi,
    functionName: "nextDisputeBond",
    args: [indexId, timestamp],
  });
}

export function readCredits(ref: OracleRef, account: Address): Promise<bigint> {
  return readContract(ref.client, {
    address: ref.oracle,
    abi: slowOracleAbi,
    functionName: "credits",
    args: [account],
  });
}

/** The chain's clock: the latest block's timestamp (what the next transaction will at least see). */
export async function chainTime(client: KeeperPublicClient): Promise<bigint> {
  return (await getBlock(client, { blockTag: "latest" })).timestamp;
}

export function readSettlement(client: KeeperPublicClient, core: Address, key: SeriesKey): Promise<bigint> {
  return readSettlementById(client, core, seriesId(key));
}

export function readSettlementById(client: KeeperPublicClient, core: Address, id: Hex): Promise<bigint> {
  return readContract(client, { address: core, abi: pnCoreAbi, functionName: "settlementOf", args: [id] });
}

const questionParams = (indexId: Hex, timestamp: bigint) => ({ indexId, timestamp: timestamp.toString() });

export function proposeAction(
  ref: OracleRef,
  p: { indexId: Hex; timestamp: bigint; valueWad: bigint; bond: bigint },
): TxAction {
  return {
    key: `propose:${p.indexId}:${p.timestamp}`,
    kind: "propose",
    params: { ...questionParams(p.indexId, p.timestamp), valueWad: p.valueWad.toString() },
    call: {
      address: ref.oracle,
      abi: slowOracleAbi,
      functionName: "propose",
      args: [p.indexId, p.timestamp, p.valueWad],
      value: p.bond,
    },
    isDone: async () => (await readQuestion(ref, p.indexId, p.timestamp)).status !== STATUS.None,
  };
}

/** Disputes round `round` (the dispute that creates round `round`). Done once the question is past that round. */
export function disputeAction(
  ref: OracleRef,
  p: { indexId: Hex; timestamp: bigint; valueWad: bigint; bond: bigint; round: number },
): TxAction {
  return {
    key: `dispute:${p.indexId}:${p.timestamp}:${p.round}`,
    kind: "dispute",
    params: {
      ...questionParams(p.indexId, p.timestamp),
      round: String(p.round),
      valueWad: p.valueWad.toString(),
    },
    call: {
      address: ref.oracle,
      abi: slowOracleAbi,
      functionName: "dispute",
      args: [p.indexId, p.timestamp, p.valueWad],
      value: p.bond,
    },
    isDone: async () => {
      const q = await readQuestion(ref, p.indexId, p.timestamp);
      return q.round >= p.round || q.status === STATUS.Finalized;
    },
  };
}

export function finalizeAction(ref: OracleRef, p: { indexId: Hex; timestamp: bigint }): TxAction {
  return {
    key: `finalize:${p.indexId}:${p.timestamp}`,
    kind: "finalize",
    params: questionParams(p.indexId, p.timestamp),
    call: {
      address: ref.oracle,
      abi: slowOracleAbi,
      functionName: "finalize",
      args: [p.indexId, p.timestamp],
    },
    isDone: async () => (await readQuestion(ref, p.indexId, p.timestamp)).status === STATUS.Finalized,
  };
}

/** Withdraws credits after question (indexId, timestamp) was finalized. Done when nothing is credited. */
export function withdrawAction(
  ref: OracleRef,
  p: { indexId: Hex; timestamp: bigint; account: Address },
): TxAction {
  return {
    key: `withdraw:${p.indexId}:${p.timestamp}`,
    kind: "withdraw",
    params: { ...questionParams(p.indexId, p.timestamp), account: p.account },
    call: { address: ref.oracle, abi: slowOracleAbi, functionName: "withdraw", args: [] },
    isDone: async () => (await readCredits(ref, p.account)) === 0n,
  };
}

export function settleAction(client: KeeperPublicClient, core: Address, key: SeriesKey): TxAction {
  const id = seriesId(key);
  return {
    key: `settle:${id}`,
    kind: "settle",
    params: { seriesId: id, core },
    call: { address: core, abi: pnCoreAbi, functionName: "settle", args: [toSolidityKey(key)] },
    isDone: async () => (await readSettlement(client, core, key)) !== 0n,
  };
}

/** The SeriesKey tuple as viem encodes it (uint40 maturity as a number). */
export function toSolidityKey(key: SeriesKey) {
  return {
    collateral: key.collateral,
    oracle: key.oracle,
    indexId: key.indexId,
    strikeWad: key.strikeWad,
    maturity: Number(key.maturity),
  };
}

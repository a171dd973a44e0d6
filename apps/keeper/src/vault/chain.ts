// The roll keeper's reads of a vault (its state, views and `previewTrigger`, all at one block), of the slow
// oracle's final values that may serve as a strike reference, and its three calls as sender actions. Every action
// carries the vault state it was decided on: its key names that state, and its done-check is "the state moved on".

import { decodeRevertData, pnVaultAbi, slowOracleAbi } from "@pn/sdk";
import type { Address, Hex } from "viem";
import { getBlock, getBlockNumber, getContractEvents, readContract } from "viem/actions";
import type { KeeperPublicClient } from "../framework/rpc.ts";
import type { TxAction } from "../framework/sender.ts";
import type { TriggerPreview, VaultView } from "./decide.ts";

export type VaultRef = { client: KeeperPublicClient; vault: Address };

/** The parts of the rules the keeper uses. */
export type VaultRulesView = {
  oracle: Address;
  indexId: Hex;
  maxRefAge: bigint;
  rewardBps: bigint;
  rewardCap: bigint;
};

export async function readRules(ref: VaultRef): Promise<VaultRulesView> {
  const r = await readContract(ref.client, { address: ref.vault, abi: pnVaultAbi, functionName: "rules" });
  return {
    oracle: r.oracle,
    indexId: r.indexId,
    maxRefAge: r.maxRefAge,
    rewardBps: r.rewardBps,
    rewardCap: r.rewardCap,
  };
}

/** The stored state's identity: what changes when a roll starts, an auction closes or the vault re-enters. */
export type StateMark = {
  phase: number;
  strikeWad: bigint;
  maturity: bigint;
  lastRollAt: bigint;
  orderId: bigint;
  secondMaturity: bigint;
};

export const markOf = (m: StateMark): string =>
  [m.phase, m.strikeWad, m.maturity, m.lastRollAt, m.orderId, m.secondMaturity].join(":");

type StoredState = {
  phase: number;
  strikeWad: bigint;
  maturity: number;
  lastRollAt: number;
  orderId: number;
  secondMaturity: number;
};

const markFrom = (s: StoredState): StateMark => ({
  phase: s.phase,
  strikeWad: s.strikeWad,
  maturity: BigInt(s.maturity),
  lastRollAt: BigInt(s.lastRollAt),
  orderId: BigInt(s.orderId),
  secondMaturity: BigInt(s.secondMaturity),
});

export async function readMark(ref: VaultRef): Promise<StateMark> {
  return markFrom(
    await readContract(ref.client, { address: ref.vault, abi: pnVaultAbi, functionName: "state" }),
  );
}

/** The vault at the latest block: state, holdings, `nextRoll`, `canClose`, `canReenter`, and the block. */
export async function readVault(
  ref: VaultRef,
): Promise<{ view: VaultView; mark: StateMark; blockNumber: bigint }> {
  const block = await getBlock(ref.client, { blockTag: "latest" });
  const at = { address: ref.vault, abi: pnVaultAbi, blockNumber: block.number } as const;
  const [
    s,
    [curAmount, , secondAmount],
    [scheduledAt, signalBelowWad, signalAllowedAt],
    canClose,
    canReenter,
  ] = await Promise.all([
    readContract(ref.client, { ...at, functionName: "state" }),
    readContract(ref.client, { ...at, functionName: "holdings" }),
    readContract(ref.client, { ...at, functionName: "nextRoll" }),
    readContract(ref.client, { ...at, functionName: "canClose" }),
    readContract(ref.client, { ...at, functionName: "canReenter" }),
  ]);
  const mark = markFrom(s);
  const view: VaultView = {
    now: block.timestamp,
    phase: s.phase,
    strikeWad: s.strikeWad,
    maturity: mark.maturity,
    secondMaturity: mark.secondMaturity,
    orderId: mark.orderId,
    deadline: BigInt(s.deadline),
    curAmount,
    secondAmount,
    canClose,
    canReenter,
    nextRoll: { scheduledAt, signalBelowWad, signalAllowedAt },
  };
  return { view, mark, blockNumber: block.number };
}

/** `previewTrigger(hintWad, refTimestamp)` at `blockNumber`, its revert data decoded. */
export async function previewTrigger(
  ref: VaultRef,
  p: { hintWad: bigint; refTimestamp: bigint; blockNumber: bigint },
): Promise<TriggerPreview> {
  const [plan, err] = await readContract(ref.client, {
    address: ref.vault,
    abi: pnVaultAbi,
    functionName: "previewTrigger",
    args: [p.hintWad, p.refTimestamp],
    blockNumber: p.blockNumber,
  });
  if (err === "0x") {
    return {
      ok: true,
      reason: plan.reason,
      strikeWad: plan.strikeWad,
      maturity: plan.maturity,
      amount: plan.amount,
      reward: plan.reward,
    };
  }
  const decoded = decodeRevertData(err);
  return { ok: false, errorName: decoded?.errorName, errorArgs: decoded?.args ?? [err] };
}

/** Questions of `indexId` proposed on `oracle` in `[fromBlock, toBlock]`: their timestamps. */
export async function readProposed(
  client: KeeperPublicClient,
  p: { oracle: Address; indexId: Hex; fromBlock: bigint; toBlock: bigint },
): Promise<bigint[]> {
  const events = await getContractEvents(client, {
    address: p.oracle,
    abi: slowOracleAbi,
    eventName: "Proposed",
    args: { indexId: p.indexId },
    fromBlock: p.fromBlock,
    toBlock: p.toBlock,
    strict: true,
  });
  return events.map((e) => e.args.timestamp);
}

export const latestBlock = (client: KeeperPublicClient) => getBlockNumber(client, { cacheTime: 0 });

/*//////////////////////////////////////////////////////////////
                             ACTIONS
//////////////////////////////////////////////////////////////*/

/** The done-check every vault action shares: the vault's state is no longer the one the action was decided on. */
export async function stateMovedOn(ref: VaultRef, mark: string): Promise<boolean> {
  return markOf(await readMark(ref)) !== mark;
}

const call = (vault: Address, functionName: string, args: readonly unknown[]) => ({
  address: vault,
  abi: pnVaultAbi,
  functionName,
  args,
});

/** `closeAuction()`, once per auction (`vault-close:<vault>:<orderId>`). */
export function closeAction(ref: VaultRef, mark: StateMark): TxAction {
  const m = markOf(mark);
  return {
    key: `vault-close:${ref.vault}:${mark.orderId}`,
    kind: "vault-close",
    params: { vault: ref.vault, mark: m },
    call: call(ref.vault, "closeAuction", []),
    isDone: () => stateMovedOn(ref, m),
  };
}

/** `reenter()`, once per vault state (`vault-reenter:<vault>:<state>`). */
export function reenterAction(ref: VaultRef, mark: StateMark): TxAction {
  const m = markOf(mark);
  return {
    key: `vault-reenter:${ref.vault}:${m}`,
    kind: "vault-reenter",
    params: { vault: ref.vault, mark: m },
    call: call(ref.vault, "reenter", []),
    isDone: () => stateMovedOn(ref, m),
  };
}

/** `triggerRoll(hintWad, refTimestamp)`, once per vault state (`vault-trigger:<vault>:<state>`). */
export function triggerAction(
  ref: VaultRef,
  mark: StateMark,
  p: { hintWad: bigint; refTimestamp: bigint },
): TxAction {
  const m = markOf(mark);
  return {
    key: `vault-trigger:${ref.vault}:${m}`,
    kind: "vault-trigger",
    params: {
      vault: ref.vault,
      mark: m,
      hintWad: p.hintWad.toString(),
      refTimestamp: p.refTimestamp.toString(),
    },
    call: call(ref.vault, "triggerRoll", [p.hintWad, p.refTimestamp]),
    isDone: () => stateMovedOn(ref, m),
  };
}

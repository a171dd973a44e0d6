// The vault roll-trigger job. At start it reads each configured vault's rules and registers the sender's
// done-checks. Each tick it takes the hint (its price sources at chain time) and, for every vault: reads the state
// and the keeper views at one block, asks `previewTrigger` (with and, on a scheduled roll, without a slow-oracle
// reference), decides (decide.ts) and sends at most one call: `closeAuction`, `reenter` or `triggerRoll`. Each call
// is keyed by the vault state it was decided on, so it is sent at most once, across restarts too.

import { VAULT_PHASE, VAULT_PHASES } from "@pn/core";
import { getAddress } from "viem";
import { estimateContractGas, getBalance, getBlock, getGasPrice } from "viem/actions";
import type { ItemResult, Job, JobContext } from "../framework/job.ts";
import { decodeRevert } from "../framework/revert.ts";
import type { TxAction } from "../framework/sender.ts";
import { modelX, type PriceInputs } from "../mm/model.ts";
import {
  closeAction,
  latestBlock,
  previewTrigger,
  readProposed,
  readRules,
  readVault,
  reenterAction,
  type StateMark,
  stateMovedOn,
  triggerAction,
  type VaultRef,
  type VaultRulesView,
} from "./chain.ts";
import { type DecideInput, type Decision, decide, type VaultView } from "./decide.ts";
import { loadVaultState, saveReferences } from "./state.ts";

export type VaultJobSettings = {
  vaults: readonly `0x${string}`[];
  prices: PriceInputs;
  useReference: boolean;
  referenceWaitSeconds: bigint;
  fromBlock: bigint;
  chunkBlocks: bigint;
  maxRestSeconds: bigint;
  profitability: { enabled: boolean; minRatio: number; alwaysClose: boolean };
  minBalanceWei: bigint;
};

/** One vault to look at this tick, with the tick's hint (0: no fresh price). */
export type VaultItem = { vault: `0x${string}`; hintWad: bigint; now: bigint };

const SENT = new Set(["confirmed", "already-done", "dry-run"]);

export function createVaultJob(s: VaultJobSettings): Job<VaultItem> {
  const rules = new Map<string, VaultRulesView>();
  const refOf = (ctx: JobContext, vault: `0x${string}`): VaultRef => ({ client: ctx.publicClient, vault });
  return {
    name: "vault",
    async start(ctx) {
      for (const vault of s.vaults) rules.set(vault.toLowerCase(), await readRules(refOf(ctx, vault)));
      for (const kind of ["vault-close", "vault-reenter", "vault-trigger"]) {
        ctx.sender.registerChecker(kind, (params) =>
          stateMovedOn(refOf(ctx, getAddress(params.vault ?? "0x")), params.mark ?? ""),
        );
      }
      const balance = await getBalance(ctx.publicClient, { address: ctx.account });
      if (balance < s.minBalanceWei)
        ctx.log.warn("the keeper's ETH is below minBalanceEth: calls may fail for gas", { balance });
      ctx.log.info("vault keeper ready", {
        vaults: s.vaults,
        profitabilityCheck: s.profitability.enabled,
        useReference: s.useReference,
      });
    },
    async discover(ctx) {
      const block = await getBlock(ctx.publicClient, { blockTag: "latest" });
      const stale = "the hint is 0 (scheduled rolls only)";
      const hintWad = (await modelX(s.prices, block.timestamp, ctx.log, stale)) ?? 0n;
      ctx.log.debug("hint", { now: block.timestamp, hintWad });
      return s.vaults.map((vault) => ({ vault, hintWad, now: block.timestamp }));
    },
    keyOf: (item) => item.vault,
    async handle(ctx, item) {
      const ref = refOf(ctx, item.vault);
      const r = rules.get(item.vault.toLowerCase()) ?? (await readRules(ref));
      const { view, mark, blockNumber } = await readVault(ref);
      const input: DecideInput = {
        view,
        hintWad: item.hintWad,
        trigger: await previewTrigger(ref, { hintWad: item.hintWad, refTimestamp: 0n, blockNumber }),
        reward: { rewardBps: r.rewardBps, rewardCap: r.rewardCap },
        maxRestSeconds: s.maxRestSeconds,
        referenceWaitSeconds: s.referenceWaitSeconds,
      };
      const refTimestamp = await referenceFor(ctx, s, r, view);
      if (refTimestamp !== undefined) {
        input.reference = {
          refTimestamp,
          preview: await previewTrigger(ref, { hintWad: item.hintWad, refTimestamp, blockNumber }),
        };
      }
      let decision = decide(input);
      if (s.profitability.enabled && decision.kind !== "wait") {
        decision = decide({
          ...input,
          profitability: {
            minRatio: s.profitability.minRatio,
            alwaysClose: s.profitability.alwaysClose,
            gasCostWei: await gasCostOf(ctx, ref, mark, decision),
          },
        });
      }
      return act(ctx, { ref, mark, view, decision });
    },
  };
}

/**
 * On a scheduled roll with `maxRefAge > 0`: the latest candidate reference in `[now - maxRefAge, now)`, from the
 * questions proposed on the vault's index (the oracle's `Proposed` events, scanned from a cursor kept in the state
 * file) and the maturity of the series the vault last rolled from (a question the oracle must answer anyway).
 * `previewTrigger` then says whether it is final.
 */
async function referenceFor(
  ctx: JobContext,
  s: VaultJobSettings,
  r: VaultRulesView,
  view: VaultView,
): Promise<bigint | undefined> {
  if (!s.useReference || r.maxRefAge === 0n || view.phase !== VAULT_PHASE.Holding) return undefined;
  if (view.now < view.nextRoll.scheduledAt || view.now >= view.maturity) return undefined;
  const key = `${r.oracle}:${r.indexId}`;
  const cursor = BigInt(loadVaultState(ctx.state).references[key]?.nextBlock ?? s.fromBlock);
  const latest = await latestBlock(ctx.publicClient);
  const found: bigint[] = [];
  for (let from = cursor; from <= latest; from += s.chunkBlocks) {
    const to = from + s.chunkBlocks - 1n < latest ? from + s.chunkBlocks - 1n : latest;
    found.push(
      ...(await readProposed(ctx.publicClient, {
        oracle: r.oracle,
        indexId: r.indexId,
        fromBlock: from,
        toBlock: to,
      })),
    );
  }
  const timestamps = saveReferences(ctx, key, { nextBlock: latest + 1n, found });
  const candidates = [...timestamps.map(BigInt), view.secondMaturity];
  // An instant equal to now counts: the series last rolled from often matures exactly when the next scheduled roll
  // opens (a roll lead of one grid period), and its answer, once final, is the reference to wait for.
  const recent = candidates.filter((t) => t > 0n && t <= view.now && view.now - t <= r.maxRefAge);
  return recent.sort((a, b) => (a < b ? -1 : 1)).at(-1);
}

/** The call a decision sends. */
function actionFor(ref: VaultRef, mark: StateMark, decision: Decision): TxAction | undefined {
  switch (decision.kind) {
    case "close":
      return closeAction(ref, mark);
    case "reenter":
      return reenterAction(ref, mark);
    case "trigger":
      return triggerAction(ref, mark, decision);
    default:
      return undefined;
  }
}

/** Estimated gas cost (wei) of the call `decision` would send; none when the estimate fails. */
async function gasCostOf(
  ctx: JobContext,
  ref: VaultRef,
  mark: StateMark,
  decision: Decision,
): Promise<{ close?: bigint; reenter?: bigint; trigger?: bigint }> {
  const action = actionFor(ref, mark, decision);
  if (action === undefined || decision.kind === "wait") return {};
  const { call } = action;
  try {
    const [gas, price] = await Promise.all([
      estimateContractGas(ctx.publicClient, {
        address: call.address,
        abi: call.abi,
        functionName: call.functionName,
        args: call.args,
        account: ctx.account,
      }),
      getGasPrice(ctx.publicClient),
    ]);
    return { [decision.kind]: gas * price };
  } catch (error) {
    ctx.log.warn("gas estimate failed; the profitability check is skipped for this call", {
      ...decodeRevert(error),
      error,
    });
    return {};
  }
}

/** Sends the decided call (at most one per vault state) and logs what it did. */
async function act(
  ctx: JobContext,
  p: { ref: VaultRef; mark: StateMark; view: VaultView; decision: Decision },
): Promise<ItemResult> {
  const { decision, view } = p;
  const where = { phase: VAULT_PHASES[view.phase], strikeWad: view.strikeWad, maturity: view.maturity };
  const action = actionFor(p.ref, p.mark, decision);
  if (action === undefined || decision.kind === "wait") {
    const reason = decision.kind === "wait" ? decision.reason : "nothing to send";
    ctx.log.debug("vault waiting", { ...where, reason });
    const rest = decision.kind === "wait" ? decision.restSeconds : 0n;
    return { outcome: "waiting", cooldownMs: Number(rest) * 1000, note: reason };
  }
  ctx.log.info(`vault: ${decision.kind}`, { ...where, ...decision, key: action.key });
  const out = await ctx.sender.send(action);
  if (!SENT.has(out.status)) return { outcome: "acted", note: out.status };
  ctx.log.info(`vault: ${decision.kind} ${out.status}`, {
    key: action.key,
    ...("hash" in out ? { hash: out.hash } : {}),
  });
  return { outcome: "acted" };
}

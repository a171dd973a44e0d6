// The transaction sender. It never sends the same action twice:
// 1. an action has a key (`propose:<indexId>:<timestamp>`); while an intent for the key is in flight, the sender
//    only reconciles it, and once one is confirmed it never sends the key again;
// 2. before sending, the action's own on-chain check runs (`isDone`: e.g. "the question is already proposed");
// 3. the call is simulated (eth_call), then its gas estimated; a revert at either step (the chain may move between
//    them) is logged with its decoded custom error and nothing is recorded or sent;
// 4. the transaction is signed locally and recorded — nonce, hash and signed bytes — in the state file before it
//    is broadcast. After a crash, reconciliation (reconcile.ts) re-broadcasts those exact bytes or reads their
//    outcome; it never signs a second transaction for an intent whose nonce is still open.

import {
  type Abi,
  type Account,
  type Address,
  BaseError,
  ContractFunctionRevertedError,
  ExecutionRevertedError,
  encodeFunctionData,
  type Hash,
  type Hex,
  keccak256,
} from "viem";
import {
  getTransactionCount,
  prepareTransactionRequest,
  signTransaction,
  simulateContract,
  waitForTransactionReceipt,
} from "viem/actions";
import { ActionGaveUpError, SimulationRevertedError } from "./errors.ts";
import type { Logger } from "./log.ts";
import {
  broadcast,
  isInFlight,
  logReceipt,
  type ReconcileContext,
  reconcileIntent,
  updateIntent,
} from "./reconcile.ts";
import { decodeRevert } from "./revert.ts";
import { isRpcUnavailable, type KeeperPublicClient, type KeeperWalletClient } from "./rpc.ts";
import type { Intent, StateStore } from "./state.ts";

/** A contract call, typed loosely so one sender serves every job; jobs build it from their typed ABIs. */
export type ContractCall = {
  address: Address;
  abi: Abi;
  functionName: string;
  args: readonly unknown[];
  value?: bigint;
};

/** One thing a job wants done on chain. */
export type TxAction = {
  /** Idempotency key: one action, one key (`propose:<indexId>:<timestamp>`, `dispute:<…>:<round>`). */
  key: string;
  /** The kind, for on-chain checks at reconciliation (`propose`, `dispute`, ...). */
  kind: string;
  /** What the kind's check needs, as strings (kept in the state file). */
  params: Record<string, string>;
  call: ContractCall;
  /** Reads the chain: true when the action's effect is already there (done by us or anyone else). */
  isDone?: () => Promise<boolean>;
};

export type SendOutcome =
  | { status: "confirmed"; hash: Hash; fresh: boolean }
  | { status: "reverted"; hash: Hash }
  | { status: "rejected"; reason: string }
  | { status: "pending"; hash: Hash }
  | { status: "already-done" }
  | { status: "dry-run" };

/** Checks, by intent kind, whether an intent's action is already done on chain (used when reconciling). */
export type DoneCheckers = Record<string, (params: Record<string, string>) => Promise<boolean>>;

/** What jobs see of the sender (a test double implements just this). */
export type Sender = {
  readonly account: Account;
  send(action: TxAction): Promise<SendOutcome>;
  reconcileAll(): Promise<{ inFlight: number; settled: number }>;
  registerChecker(kind: string, check: (params: Record<string, string>) => Promise<boolean>): void;
};

export type TxSenderParameters = {
  publicClient: KeeperPublicClient;
  walletClient: KeeperWalletClient;
  state: StateStore;
  log: Logger;
  dryRun: boolean;
  /** How long `send` waits for the receipt before returning `pending` (the intent stays recorded). */
  confirmTimeoutMs: number;
  /** On-chain attempts (reverted or dropped) per key before giving up. */
  maxAttempts: number;
  pollingIntervalMs?: number;
  /** Test seam: runs after the intent is recorded and before it is broadcast (throw to simulate a crash). */
  afterRecord?: (intent: Intent) => void | Promise<void>;
};

export class TxSender implements Sender {
  readonly account: Account;
  readonly #p: TxSenderParameters;
  readonly #checkers: DoneCheckers = {};

  constructor(parameters: TxSenderParameters) {
    this.#p = parameters;
    this.account = parameters.walletClient.account;
  }

  get #ctx(): ReconcileContext {
    return { publicClient: this.#p.publicClient, state: this.#p.state, log: this.#p.log };
  }

  /** Registers the on-chain check for intents of `kind` (jobs do this at start). */
  registerChecker(kind: string, check: (params: Record<string, string>) => Promise<boolean>): void {
    this.#checkers[kind] = check;
  }

  /**
   * Reconciles every in-flight intent with the chain; run at start, before any job acts, and at every tick. Logs,
   * for each intent that failed or was dropped, whether its action is nonetheless done on chain.
   */
  async reconcileAll(): Promise<{ inFlight: number; settled: number }> {
    const open = this.#p.state.intents().filter(isInFlight);
    let settled = 0;
    for (const intent of open) {
      try {
        if (await this.#reconcileOne(intent)) settled++;
      } catch (error) {
        if (isRpcUnavailable(error)) throw error;
        this.#p.log.error("reconciling an intent failed; it stays recorded", { key: intent.key, error });
      }
    }
    if (open.length > 0) this.#p.log.info("reconciled intents", { inFlight: open.length - settled, settled });
    return { inFlight: open.length - settled, settled };
  }

  /** True when the intent is no longer in flight. */
  async #reconcileOne(intent: Intent): Promise<boolean> {
    const next = await reconcileIntent(this.#ctx, intent);
    if (isInFlight(next)) return false;
    if (next.status !== "confirmed") {
      const check = this.#checkers[next.kind];
      const done = check === undefined ? undefined : await check(next.params);
      this.#p.log.info("reconciled a failed intent", {
        key: next.key,
        status: next.status,
        doneOnChain: done,
      });
    }
    return true;
  }

  /** Sends `action` at most once; see the file comment. Throws `SimulationRevertedError` on a simulated revert. */
  async send(action: TxAction): Promise<SendOutcome> {
    const existing = this.#p.state.intent(action.key);
    if (existing !== undefined) {
      const current = await reconcileIntent(this.#ctx, existing);
      if (isInFlight(current)) return { status: "pending", hash: current.hash };
      if (current.status === "confirmed") return { status: "confirmed", hash: current.hash, fresh: false };
    }
    if (action.isDone !== undefined && (await action.isDone())) {
      this.#p.log.info("action already done on chain; not sending", { key: action.key });
      return { status: "already-done" };
    }
    const attempts = existing?.attempts ?? 0;
    if (attempts >= this.#p.maxAttempts) throw new ActionGaveUpError({ key: action.key, attempts });
    await this.#simulate(action);
    if (this.#p.dryRun) {
      this.#p.log.info("dry run: would send", { key: action.key, ...describe(action.call) });
      return { status: "dry-run" };
    }
    const intent = await this.#signAndRecord(action, attempts + 1);
    await this.#p.afterRecord?.(intent);
    return this.#broadcastAndWait(intent);
  }

  async #simulate(action: TxAction): Promise<void> {
    const { call } = action;
    try {
      await simulateContract(this.#p.publicClient, {
        account: this.account,
        address: call.address,
        abi: call.abi,
        functionName: call.functionName,
        args: call.args,
        value: call.value ?? 0n,
      });
    } catch (error) {
      if (isRpcUnavailable(error)) throw error;
      const revert = decodeRevert(error);
      this.#p.log.warn("simulation reverted; not sending", { key: action.key, ...revert });
      throw new SimulationRevertedError({ key: action.key, revert, cause: error });
    }
  }

  /** The next nonce: past both the node's pending count and every intent still in flight. */
  async #nextNonce(): Promise<number> {
    const address = this.account.address;
    const pending = await getTransactionCount(this.#p.publicClient, { address, blockTag: "pending" });
    const ours = this.#p.state
      .intents()
      .filter((i) => isInFlight(i) && i.from.toLowerCase() === address.toLowerCase())
      .map((i) => i.nonce + 1);
    return Math.max(pending, ...ours);
  }

  async #signAndRecord(action: TxAction, attempt: number): Promise<Intent> {
    const { call } = action;
    const data = encodeFunctionData({ abi: call.abi, functionName: call.functionName, args: call.args });
    const value = call.value ?? 0n;
    const nonce = await this.#nextNonce();
    const wallet = this.#p.walletClient;
    const request = await prepareTransactionRequest(wallet, {
      account: this.account,
      chain: wallet.chain,
      to: call.address,
      data,
      value,
      nonce,
    }).catch((error: unknown) => {
      // The chain moved between the simulation and the gas estimate (e.g. a block or a replay's time jump): the
      // same outcome as a reverted simulation, and nothing is recorded or sent.
      if (isRpcUnavailable(error) || !isExecutionRevert(error)) throw error;
      const revert = decodeRevert(error);
      this.#p.log.warn("gas estimate reverted; not sending", { key: action.key, ...revert });
      throw new SimulationRevertedError({ key: action.key, revert, cause: error });
    });
    const raw: Hex = await signTransaction(wallet, {
      ...request,
      account: this.account,
      chain: wallet.chain,
    });
    const now = new Date().toISOString();
    const intent = this.#p.state.putIntent({
      key: action.key,
      kind: action.kind,
      params: action.params,
      from: this.account.address,
      to: call.address,
      data,
      value: value.toString(),
      nonce,
      hash: keccak256(raw),
      raw,
      status: "signed",
      attempts: attempt,
      createdAt: now,
      updatedAt: now,
    });
    this.#p.log.info("intent recorded", { key: intent.key, nonce, hash: intent.hash, attempt });
    return intent;
  }

  async #broadcastAndWait(recorded: Intent): Promise<SendOutcome> {
    const { result, reason } = await broadcast(this.#ctx, recorded.raw);
    let intent = recorded;
    if (result === "rejected") {
      updateIntent(this.#ctx, intent, "dropped");
      this.#p.log.error("the node rejected the transaction", { key: intent.key, reason });
      return { status: "rejected", reason: reason ?? "unknown" };
    }
    if (result === "nonce-used") intent = await reconcileIntent(this.#ctx, intent);
    else intent = updateIntent(this.#ctx, intent, "sent");
    this.#p.log.info("tx sent", { key: intent.key, hash: intent.hash, nonce: intent.nonce });
    return this.#wait(intent);
  }

  async #wait(intent: Intent): Promise<SendOutcome> {
    const hash = intent.hash;
    if (!isInFlight(intent))
      return intent.status === "confirmed"
        ? { status: "confirmed", hash, fresh: true }
        : { status: "reverted", hash };
    try {
      const receipt = await waitForTransactionReceipt(this.#p.publicClient, {
        hash,
        timeout: this.#p.confirmTimeoutMs,
        pollingInterval: this.#p.pollingIntervalMs ?? 250,
      });
      const status = receipt.status === "success" ? "confirmed" : "reverted";
      updateIntent(this.#ctx, intent, status, receipt.blockNumber);
      await logReceipt(this.#ctx, intent, receipt, `tx ${status}`);
      return status === "confirmed" ? { status, hash, fresh: true } : { status, hash };
    } catch (error) {
      if (isRpcUnavailable(error)) throw error;
      this.#p.log.warn("tx not yet mined; will reconcile next tick", { key: intent.key, hash });
      return { status: "pending", hash };
    }
  }
}

function describe(call: ContractCall): Record<string, unknown> {
  return { to: call.address, functionName: call.functionName, args: call.args, value: call.value ?? 0n };
}

/** True when `error` is the node refusing the call because it reverts (not a network or signing failure). */
function isExecutionRevert(error: unknown): boolean {
  return (
    error instanceof BaseError &&
    error.walk((e) => e instanceof ExecutionRevertedError || e instanceof ContractFunctionRevertedError) !==
      null
  );
}

// Parity: the same seeded random sequence of operations (several actors, a few series, time warps, DevOracle
// reports, settle, redeem, transfers and deliberately invalid operations) runs on anvil against the real
// contracts and in the TypeScript handlers. After every operation the outcome (success, or the error name and
// arguments) and the whole observable state (supplies, collateral, settlement, balances, WETH balances and
// allowances) must be equal, and the handlers' invariant checks (PN-1, PN-2, PN-3, PN-7) must pass.

import { indexIdFromTicker, type SeriesKey, seriesId, WAD } from "@pn/core";
import { deployCore, deployDevOracle, type PnWriteClient } from "@pn/sdk";
import { type Anvil, startAnvil } from "@pn/sdk/testing";
import {
  type Address,
  createPublicClient,
  createTestClient,
  createWalletClient,
  http,
  publicActions,
} from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { foundry } from "viem/chains";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  applyOperation,
  balancesOf,
  type CoreOperation,
  CoreRevertError,
  type CoreState,
  checkCoreInvariants,
  collateralOf,
  createCoreState,
  settlementOf,
  suppliesOf,
  tokenBalanceOf,
} from "../src/handlers/index.ts";
import { createRng } from "../src/rng.ts";
import { type ChainEnv, normaliseArgs, type Outcome, readChainState, runOnChain } from "./parity-chain.ts";
import { describeStep, nextStep, type OpContext, type ParityStep } from "./parity-ops.ts";

const MNEMONIC = "test test test test test test test test test test test junk";
const DEFAULT_SEED = 20260612;
/** `PARITY_SEED=<n>` replays another sequence (the coverage check below is for the default seed only). */
const SEED = Number(process.env.PARITY_SEED ?? DEFAULT_SEED);
const STEPS = 500;
const DAY = 86_400n;

let anvil: Anvil;
let env: ChainEnv;
let reader: PnWriteClient;
let actors: Address[];
let state: CoreState;
let keys: SeriesKey[];
let liveKeys: SeriesKey[];
let setNextTimestamp: (t: bigint) => Promise<void>;

beforeAll(async () => {
  anvil = await startAnvil({ timestamp: 1_790_000_000n });
  const transport = http(anvil.rpcUrl, { batch: true });
  const accounts = [0, 1, 2, 3].map((addressIndex) => mnemonicToAccount(MNEMONIC, { addressIndex }));
  const clients = accounts.map((account) =>
    createWalletClient({ account, chain: foundry, transport, pollingInterval: 20 }).extend(publicActions),
  );
  const [deployer] = clients;
  if (deployer === undefined) throw new Error("no deployer");
  const publicClient = createPublicClient({ chain: foundry, transport });
  const { core, weth } = await deployCore({ walletClient: deployer, publicClient });
  const { oracle } = await deployDevOracle({ walletClient: deployer, publicClient });
  actors = accounts.map((a) => a.address);
  env = { core, weth, clients: new Map(clients.map((c) => [c.account.address.toLowerCase(), c])) };
  reader = deployer;
  const test = createTestClient({ mode: "anvil", chain: foundry, transport });
  // eth_call (the SDK's simulation) runs on the latest block and the transaction on the pending one: mine an
  // empty block at t, then pin the next block to t too, so both see block.timestamp == t (anvil allows equal).
  setNextTimestamp = async (timestamp) => {
    await test.setNextBlockTimestamp({ timestamp });
    await test.mine({ blocks: 1 });
    await test.setNextBlockTimestamp({ timestamp });
  };

  const start = (await publicClient.getBlock()).timestamp + 10n;
  state = createCoreState({
    core,
    weth,
    timestamp: start,
    oracles: [{ oracle, reporter: deployer.account.address }],
  });
  const usd = indexIdFromTicker("USD");
  const key = (strike: bigint, days: bigint, collateral: Address = weth): SeriesKey => ({
    collateral,
    oracle,
    indexId: usd,
    strikeWad: strike * WAD,
    maturity: start + days * DAY,
  });
  // Three WETH series, one on a contract that is not an ERC-20 (the oracle): split fails or is not native.
  liveKeys = [key(1500n, 2n), key(2500n, 4n), key(1800n, 7n), key(2000n, 5n, oracle)];
  const eoa = actors[1] ?? weth;
  const invalid = [
    key(0n, 2n),
    { ...key(1500n, 2n), maturity: start - 1n },
    key(1500n, 2n, eoa),
    key(1500n, 2n, "0x0000000000000000000000000000000000000000"),
  ];
  keys = [...liveKeys, ...invalid];
});
afterAll(() => anvil?.stop());

function runInModel(op: CoreOperation): Outcome {
  try {
    applyOperation(state, op);
    return { ok: true };
  } catch (error) {
    if (error instanceof CoreRevertError)
      return { ok: false, name: error.contractError, args: normaliseArgs(error.args) };
    throw error;
  }
}

function modelState(): Record<string, string> {
  const out: Record<string, string> = {};
  const holders = [...actors, env.core, env.weth];
  for (const key of liveKeys) {
    const id = seriesId(key);
    const { pSupply, nSupply } = suppliesOf(state, id);
    out[`${id}:supplies`] = `${pSupply},${nSupply}`;
    out[`${id}:collateral`] = `${collateralOf(state, id)}`;
    out[`${id}:x`] = `${settlementOf(state, id)}`;
    for (const h of holders) {
      const { p, n } = balancesOf(state, id, h);
      out[`${id}:${h.toLowerCase()}`] = `${p},${n}`;
    }
  }
  for (const h of holders) {
    out[`weth:${h.toLowerCase()}`] = `${tokenBalanceOf(state, env.weth, h)}`;
    out[`allowance:${h.toLowerCase()}`] =
      `${state.allowances.get(`${env.weth}/${h}/${env.core}`.toLowerCase()) ?? 0n}`;
  }
  return out;
}

describe("handlers ↔ contracts parity", () => {
  it(`replays ${STEPS} seeded random operations with equal outcomes and state`, async () => {
    const rng = createRng(SEED);
    const ctx: OpContext = { state, actors, keys, liveKeys };
    const log: string[] = [];
    const outcomes = new Map<string, number>();
    const steps: ParityStep[] = liveKeys.map((key) => ({
      type: "createSeries",
      sender: actors[0] ?? env.core,
      key,
    }));
    for (let i = 0; i < STEPS; i++) {
      const step = steps[i] ?? nextStep(rng, ctx);
      log.push(`${i}: ${describeStep(step)}`);
      const t = state.timestamp + (step.type === "warp" ? step.seconds : 1n);
      state.timestamp = t;
      await setNextTimestamp(t);
      if (step.type === "warp") continue;

      const chain = await runOnChain(env, step);
      const model = runInModel(step);
      const where = `step ${log.slice(-8).join("\n")}`;
      expect(model, where).toEqual(chain);
      const label = model.ok ? `${step.type} ok` : `${step.type} ${model.name}`;
      outcomes.set(label, (outcomes.get(label) ?? 0) + 1);

      const holders = [...actors, env.core, env.weth];
      const onChain = await readChainState(reader, env, {
        ids: liveKeys.map(seriesId),
        holders,
        wethHolders: holders,
      });
      expect(modelState(), where).toEqual(onChain);
      expect(
        checkCoreInvariants(state).filter((r) => !r.ok),
        where,
      ).toEqual([]);
    }
    const seen = [...outcomes.keys()];
    if (process.env.PARITY_DEBUG)
      console.log(
        [...outcomes]
          .sort()
          .map(([k, v]) => `${k}: ${v}`)
          .join("\n"),
      );
    // The sequence must reach the interesting paths, or it proves little.
    if (SEED !== DEFAULT_SEED) return;
    for (const must of [
      "split ok",
      "merge ok",
      "settle ok",
      "redeem ok",
      "transfer ok",
      "settle OracleNotFinal",
      "settle AlreadySettled",
      "settle InvalidSettlementValue",
      "redeem NotSettled",
      "split SeriesMatured",
      "merge InsufficientBalance",
      "split TransferFromFailed",
    ]) {
      expect(seen, `outcome "${must}" never happened; outcomes: ${seen.join(", ")}`).toContain(must);
    }
  });
});

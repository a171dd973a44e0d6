// End to end on anvil: a vault keeper's triggerRoll is front-run between its simulation and its mining (another
// account triggers the same roll right after the keeper recorded its signed transaction), so it is mined and
// reverts. The keeper logs why — the vault's custom error, its arguments and the SDK's hint, replayed from the
// state before the block — and sends nothing more for that vault state.

import { pnVaultAbi } from "@pn/sdk";
import { readContract, sendTransaction } from "viem/actions";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accounts, advance, never } from "./helpers/devnet.ts";
import { DAY, vaultEvents } from "./vaultHarness.ts";
import {
  inProcessVaultKeeper,
  keeper,
  startVaultKeeperNet,
  type VaultKeeperNet,
} from "./vaultKeeperHarness.ts";

const rival = accounts[5] ?? never();

describe("e2e: a vault keeper transaction that reverts on chain", () => {
  let v: VaultKeeperNet;
  const stops: (() => void)[] = [];
  beforeAll(async () => {
    v = await startVaultKeeperNet();
  });
  afterAll(async () => {
    for (const stop of stops) stop();
    await v?.m.net.stop();
  });

  it("logs the decoded revert (error name, arguments, hint) of its front-run triggerRoll", async () => {
    const { m, vault } = v;
    const s = await readContract(m.net.publicClient, {
      address: vault,
      abi: pnVaultAbi,
      functionName: "state",
    });
    const now = (await m.net.publicClient.getBlock()).timestamp;
    await advance(m.net, BigInt(s.maturity) - 7n * DAY - now + 60n);
    const k = await inProcessVaultKeeper(v.config, {
      // Between recording and broadcasting, someone else sends the very same call.
      afterRecord: async (intent) => {
        await m.net.confirm(
          await sendTransaction(m.net.wallet(rival), {
            account: rival,
            chain: null,
            to: intent.to,
            data: intent.data,
          }),
        );
      },
    });
    stops.push(k.stop);
    await k.keeper.tick();
    const [started] = await vaultEvents(m.net.publicClient, {
      vault,
      eventName: "RollStarted",
      fromBlock: m.startBlock,
    });
    expect(started?.args.caller).toBe(rival.address);
    const nonce = () => m.net.publicClient.getTransactionCount({ address: keeper.address });
    expect(await nonce()).toBe(1);
    const reverted = k.lines.find((l) => l.msg === "tx reverted");
    expect(reverted).toMatchObject({
      key: expect.stringMatching(/^vault-trigger:/),
      errorName: "NotHolding",
      errorArgs: [1], // Rolling
      reason: "NotHolding(1): the vault is not holding a single series.",
      hint: "the vault is not holding a single series.",
      fix: "Wait for the roll to finish.",
      replayedAt: "the block before",
    });
    expect(reverted?.level).toBe("warn");
    expect(k.state.intents().map((i) => i.status)).toEqual(["reverted"]);

    // The vault state moved on: the next ticks send nothing.
    await k.keeper.tick();
    await k.keeper.tick();
    expect(await nonce()).toBe(1);
  });
});

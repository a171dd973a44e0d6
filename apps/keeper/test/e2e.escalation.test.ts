// End to end on anvil, escalation paths:
// (b) the arbiter never answers: after the arbitration deadline the latest answer is final, every bond comes back,
//     and holders redeem;
// (c) a griefer disputes every round up to maxRounds; the keeper answers each time; the committee votes the
//     honest x; the keeper gets its bonds back plus the reward. Prints the time to finality.

import { nPayout, parseWad, pPayout, WAD } from "@pn/core";
import { committeeArbiterAbi, devWethAbi, pnCoreAbi, slowOracleAbi } from "@pn/sdk";
import type { Account, Address } from "viem";
import { getBlock, getContractEvents, readContract, writeContract } from "viem/actions";
import { afterEach, describe, expect, it } from "vitest";
import { toSolidityKey } from "../src/oracle/chain.ts";
import {
  accounts,
  advance,
  createAndSplit,
  type Devnet,
  defaultSettings,
  deployProtocol,
  never,
  startDevnet,
  USD,
} from "./helpers/devnet.ts";
import {
  type InProcessKeeper,
  inProcessKeeper,
  M,
  tempDir,
  writeKeeperConfig,
  X_AT_M,
} from "./helpers/keeper.ts";

const holder = accounts[3] ?? never();
const griefer = accounts[2] ?? never();
const keeperAddress = accounts[1]?.address ?? never();
const S = parseWad("3000");
const AMOUNT = WAD;
const WRONG = parseWad("5000");

let net: Devnet | undefined;
let keeper: InProcessKeeper | undefined;
afterEach(async () => {
  keeper?.stop();
  await net?.stop();
});

async function setup(maxRounds: number) {
  const devnet = await startDevnet({ timestamp: M - 7200n });
  net = devnet;
  const protocol = await deployProtocol(devnet, { ...defaultSettings, maxRounds });
  const key = await createAndSplit(devnet, {
    ...protocol,
    strikeWad: S,
    maturity: M,
    holder,
    amount: AMOUNT,
  });
  await advance(devnet, 7200 + 60);
  const config = writeKeeperConfig({
    rpcUrl: devnet.anvil.rpcUrl,
    oracle: protocol.oracle,
    core: protocol.core,
    dir: tempDir(),
  });
  keeper = await inProcessKeeper(config);
  return { devnet, protocol, key, keeper };
}

const question = (devnet: Devnet, oracle: Address) =>
  readContract(devnet.publicClient, {
    address: oracle,
    abi: slowOracleAbi,
    functionName: "question",
    args: [USD, M],
  });

async function disputeAs(devnet: Devnet, oracle: Address, account: Account, valueWad: bigint) {
  const bond = await readContract(devnet.publicClient, {
    address: oracle,
    abi: slowOracleAbi,
    functionName: "nextDisputeBond",
    args: [USD, M],
  });
  await devnet.confirm(
    await writeContract(devnet.wallet(account), {
      address: oracle,
      abi: slowOracleAbi,
      functionName: "dispute",
      args: [USD, M, valueWad],
      value: bond,
    }),
  );
}

async function redeemBoth(
  devnet: Devnet,
  protocol: { core: Address; weth: Address },
  key: Parameters<typeof toSolidityKey>[0],
) {
  const weth = () =>
    readContract(devnet.publicClient, {
      address: protocol.weth,
      abi: devWethAbi,
      functionName: "balanceOf",
      args: [holder.address],
    });
  const before = await weth();
  await devnet.confirm(
    await writeContract(devnet.wallet(holder), {
      address: protocol.core,
      abi: pnCoreAbi,
      functionName: "redeem",
      args: [toSolidityKey(key), AMOUNT, AMOUNT, holder.address],
    }),
  );
  return (await weth()) - before;
}

describe("e2e (b): the arbiter never answers", () => {
  it("after the deadline the latest answer is final, bonds come back, holders redeem", async () => {
    const { devnet, protocol, key, keeper: k } = await setup(1);
    await devnet.confirm(
      await writeContract(devnet.wallet(griefer), {
        address: protocol.oracle,
        abi: slowOracleAbi,
        functionName: "propose",
        args: [USD, M, WRONG],
        value: defaultSettings.bondWei,
      }),
    );
    await k.keeper.tick(); // disputes: round 1 = maxRounds, so the question escalates
    expect((await question(devnet, protocol.oracle)).status).toBe(2);
    await k.keeper.tick(); // waits for the arbiter
    expect(k.lines.some((l) => l.msg === "waiting" && l.reason === "escalated: the arbiter decides")).toBe(
      true,
    );

    await advance(devnet, defaultSettings.arbitrationWindow + 1);
    await k.keeper.tick(); // finalize by fallback
    await k.keeper.tick(); // settle + withdraw
    const finalized = await getContractEvents(devnet.publicClient, {
      address: protocol.oracle,
      abi: slowOracleAbi,
      eventName: "Finalized",
      fromBlock: protocol.startBlock,
      strict: true,
    });
    expect(finalized.map((e) => [e.args.valueWad, e.args.byFallback])).toEqual([[X_AT_M, true]]);
    const credited = await getContractEvents(devnet.publicClient, {
      address: protocol.oracle,
      abi: slowOracleAbi,
      eventName: "BondCredited",
      fromBlock: protocol.startBlock,
      strict: true,
    });
    expect(credited.map((e) => [e.args.account, e.args.amount])).toEqual([
      [griefer.address, defaultSettings.bondWei],
      [keeperAddress, 2n * defaultSettings.bondWei],
    ]);
    expect(await redeemBoth(devnet, protocol, key)).toBe(
      pPayout(AMOUNT, S, X_AT_M) + nPayout(AMOUNT, S, X_AT_M),
    );
  });
});

describe("e2e (c): griefing up to maxRounds, then the committee", () => {
  it("answers every round, the committee votes the honest x, the keeper is repaid with the reward", async () => {
    const maxRounds = 4;
    const { devnet, protocol, key, keeper: k } = await setup(maxRounds);
    const wallStart = performance.now();
    await k.keeper.tick(); // proposes the honest x
    const proposedAt = (await question(devnet, protocol.oracle)).answeredAt;
    for (let round = 1; round < maxRounds; round += 2) {
      await advance(devnet, defaultSettings.challengeWindow - 10); // the griefer waits for the window's last seconds
      await disputeAs(devnet, protocol.oracle, griefer, WRONG + BigInt(round));
      await k.keeper.tick(); // the keeper answers: round + 1
      expect((await question(devnet, protocol.oracle)).round).toBe(round + 1);
    }
    expect((await question(devnet, protocol.oracle)).status).toBe(2); // escalated by the keeper's last dispute

    await advance(devnet, 300); // the committee takes five minutes
    for (const member of [accounts[4], accounts[5]]) {
      await devnet.confirm(
        await writeContract(devnet.wallet(member ?? never()), {
          address: protocol.arbiter,
          abi: committeeArbiterAbi,
          functionName: "vote",
          args: [USD, M, X_AT_M],
        }),
      );
    }
    const finalAt = (await getBlock(devnet.publicClient)).timestamp;
    await k.keeper.tick(); // finalize
    await k.keeper.tick(); // settle + withdraw
    const wallMs = performance.now() - wallStart;

    const [isFinal, x] = await readContract(devnet.publicClient, {
      address: protocol.oracle,
      abi: slowOracleAbi,
      functionName: "finalValue",
      args: [USD, M],
    });
    expect([isFinal, x]).toEqual([true, X_AT_M]);
    const b = defaultSettings.bondWei;
    const withdrawn = await getContractEvents(devnet.publicClient, {
      address: protocol.oracle,
      abi: slowOracleAbi,
      eventName: "Withdrawn",
      fromBlock: protocol.startBlock,
      strict: true,
    });
    // Right rounds 0, 2, 4 posted b + 4b + 16b; the griefer's 2b + 8b are wrong, half of them is the reward.
    // Rewards are pro rata per round, each rounded down (dust to the sink): at most one wei short per round.
    expect(withdrawn.map((e) => e.args.account)).toEqual([keeperAddress]);
    const paid = withdrawn[0]?.args.amount ?? 0n;
    expect(26n * b - paid).toBeGreaterThanOrEqual(0n);
    expect(26n * b - paid).toBeLessThanOrEqual(3n);
    expect(await redeemBoth(devnet, protocol, key)).toBe(
      pPayout(AMOUNT, S, X_AT_M) + nPayout(AMOUNT, S, X_AT_M),
    );

    const chainSeconds = finalAt - BigInt(proposedAt);
    console.log(
      `griefing: ${maxRounds} rounds + committee: final ${chainSeconds} s (${(Number(chainSeconds) / 60).toFixed(1)} min) of chain time after the proposal; keeper wall time ${wallMs.toFixed(0)} ms`,
    );
    expect(chainSeconds).toBeLessThanOrEqual(
      BigInt((maxRounds + 1) * defaultSettings.challengeWindow + defaultSettings.arbitrationWindow),
    );
  });
});

// End to end on anvil (a): another account proposes a wrong x; the keeper disputes with the honest x, finalizes after
// the window, settles the series and withdraws its bond plus reward; the holder redeems P and N for exactly
// min(1, S/x) and max(0, 1 - S/x) per unit. A dry run first logs the dispute and sends nothing.

import { nPayout, parseWad, pPayout, seriesId, WAD } from "@pn/core";
import { devWethAbi, pnCoreAbi, slowOracleAbi } from "@pn/sdk";
import { getBalance, getTransactionCount, readContract, writeContract } from "viem/actions";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
const other = accounts[2] ?? never();
const keeperAddress = accounts[1]?.address ?? never();
const S = parseWad("3000");
const AMOUNT = 2n * WAD;

describe("e2e (a): a wrong proposal is disputed and corrected", () => {
  let net: Devnet;
  let keeper: InProcessKeeper;
  let protocol: Awaited<ReturnType<typeof deployProtocol>>;

  beforeAll(async () => {
    net = await startDevnet({ timestamp: M - 7200n });
    protocol = await deployProtocol(net, { ...defaultSettings, maxRounds: 3 });
  });
  afterAll(async () => {
    keeper?.stop();
    await net?.stop();
  });

  it("disputes, finalizes the honest x, settles, and holders redeem the right amounts", async () => {
    const key = await createAndSplit(net, { ...protocol, strikeWad: S, maturity: M, holder, amount: AMOUNT });
    await advance(net, 7200 + 60);
    const wrong = parseWad("4500");
    await net.confirm(
      await writeContract(net.wallet(other), {
        address: protocol.oracle,
        abi: slowOracleAbi,
        functionName: "propose",
        args: [USD, M, wrong],
        value: defaultSettings.bondWei,
      }),
    );
    // A dry run computes and logs the dispute but sends nothing.
    const dry = await inProcessKeeper(
      writeKeeperConfig({
        rpcUrl: net.anvil.rpcUrl,
        oracle: protocol.oracle,
        core: protocol.core,
        dir: tempDir(),
      }),
      { dryRun: true },
    );
    await dry.keeper.tick();
    dry.stop();
    expect(dry.lines.find((l) => l.msg === "dry run: would send")).toMatchObject({
      functionName: "dispute",
      args: [USD, M.toString(), X_AT_M.toString()],
      value: (2n * defaultSettings.bondWei).toString(),
    });
    expect(await getTransactionCount(net.publicClient, { address: keeperAddress })).toBe(0);

    const keeperBalance0 = await getBalance(net.publicClient, { address: keeperAddress });
    keeper = await inProcessKeeper(
      writeKeeperConfig({
        rpcUrl: net.anvil.rpcUrl,
        oracle: protocol.oracle,
        core: protocol.core,
        dir: tempDir(),
      }),
    );

    await keeper.keeper.tick();
    const q1 = await readContract(net.publicClient, {
      address: protocol.oracle,
      abi: slowOracleAbi,
      functionName: "question",
      args: [USD, M],
    });
    expect(q1.round).toBe(1);
    expect(q1.valueWad).toBe(X_AT_M);

    await advance(net, defaultSettings.challengeWindow + 1);
    await keeper.keeper.tick(); // finalize
    await keeper.keeper.tick(); // settle + withdraw
    const [isFinal, x] = await readContract(net.publicClient, {
      address: protocol.oracle,
      abi: slowOracleAbi,
      functionName: "finalValue",
      args: [USD, M],
    });
    expect([isFinal, x]).toEqual([true, X_AT_M]);
    const settled = await readContract(net.publicClient, {
      address: protocol.core,
      abi: pnCoreAbi,
      functionName: "settlementOf",
      args: [seriesId(key)],
    });
    expect(settled).toBe(X_AT_M);
    const credits = await readContract(net.publicClient, {
      address: protocol.oracle,
      abi: slowOracleAbi,
      functionName: "credits",
      args: [keeperAddress],
    });
    expect(credits).toBe(0n);
    // The keeper posted 2 bonds' worth and got it back plus half the proposer's bond, minus gas.
    const keeperBalance1 = await getBalance(net.publicClient, { address: keeperAddress });
    expect(keeperBalance1 - keeperBalance0).toBeGreaterThan(defaultSettings.bondWei / 2n - WAD / 100n);
    expect(keeper.lines.some((l) => l.msg === "question closed")).toBe(true);

    const weth = async () =>
      readContract(net.publicClient, {
        address: protocol.weth,
        abi: devWethAbi,
        functionName: "balanceOf",
        args: [holder.address],
      });
    const before = await weth();
    const redeem = (p: bigint, n: bigint) =>
      writeContract(net.wallet(holder), {
        address: protocol.core,
        abi: pnCoreAbi,
        functionName: "redeem",
        args: [toSolidityKey(key), p, n, holder.address],
      });
    await net.confirm(await redeem(AMOUNT, 0n));
    const afterP = await weth();
    expect(afterP - before).toBe(pPayout(AMOUNT, S, X_AT_M));
    await net.confirm(await redeem(0n, AMOUNT));
    expect((await weth()) - afterP).toBe(nPayout(AMOUNT, S, X_AT_M));
    expect(pPayout(AMOUNT, S, X_AT_M)).toBe((AMOUNT * S) / X_AT_M);
  });
});

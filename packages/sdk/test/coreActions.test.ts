// The SDK's core actions end to end on a real anvil: create, split (ETH and ERC-20), merge, settle, redeem,
// discovery, and a revert decoded into a PnContractError.
import { indexIdFromTicker, nPayout, pPayout, type SeriesKey, seriesId } from "@pn/core";
import {
  createPublicClient,
  createTestClient,
  createWalletClient,
  http,
  parseEther,
  publicActions,
} from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { foundry } from "viem/chains";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createSeries,
  deployCore,
  deployDevOracle,
  devOracleAbi,
  devWethAbi,
  getPosition,
  getSeries,
  listSeries,
  merge,
  PnContractError,
  type PnWriteClient,
  redeem,
  settle,
  split,
} from "../src/index.ts";
import { type Anvil, startAnvil } from "../src/testing/index.ts";

const MNEMONIC = "test test test test test test test test test test test junk";
const START = 1_790_000_000n;
let anvil: Anvil;
let client: PnWriteClient;
let core: `0x${string}`;
let weth: `0x${string}`;
let key: SeriesKey;

beforeAll(async () => {
  anvil = await startAnvil({ timestamp: START });
  const walletClient = createWalletClient({
    account: mnemonicToAccount(MNEMONIC),
    chain: foundry,
    transport: http(anvil.rpcUrl),
  });
  const publicClient = createPublicClient({ chain: foundry, transport: http(anvil.rpcUrl) });
  client = walletClient.extend(publicActions);
  ({ core, weth } = await deployCore({ walletClient, publicClient }));
  const { oracle } = await deployDevOracle({ walletClient, publicClient });
  key = {
    collateral: weth,
    oracle,
    indexId: indexIdFromTicker("USD"),
    strikeWad: parseEther("1500"),
    maturity: START + 7n * 86_400n,
  };
});
afterAll(() => anvil?.stop());

describe("core actions", () => {
  it("creates, splits, merges, settles and redeems", async () => {
    const created = await createSeries(client, { core, key });
    expect(created.id).toBe(seriesId(key));
    await client.waitForTransactionReceipt({ hash: created.hash });
    const me = client.account.address;

    await client.waitForTransactionReceipt({
      hash: await split(client, { core, key, amount: parseEther("3"), native: true }),
    });
    const approve = await client.writeContract({
      address: weth,
      abi: devWethAbi,
      functionName: "deposit",
      value: parseEther("1"),
    });
    await client.waitForTransactionReceipt({ hash: approve });
    await client.waitForTransactionReceipt({
      hash: await client.writeContract({
        address: weth,
        abi: devWethAbi,
        functionName: "approve",
        args: [core, parseEther("1")],
      }),
    });
    await client.waitForTransactionReceipt({
      hash: await split(client, { core, key, amount: parseEther("1") }),
    });
    await client.waitForTransactionReceipt({
      hash: await merge(client, { core, key, amount: parseEther("1") }),
    });
    expect(await getPosition(client, { core, id: created.id, owner: me })).toEqual({
      p: parseEther("3"),
      n: parseEther("3"),
    });

    const listed = await listSeries(client, { core, oracle: key.oracle });
    expect(listed.map((s) => s.id)).toEqual([created.id]);
    expect(listed[0]?.key).toEqual(key);

    const testClient = createTestClient({ mode: "anvil", chain: foundry, transport: http(anvil.rpcUrl) });
    await testClient.setNextBlockTimestamp({ timestamp: key.maturity });
    const x = parseEther("1200");
    await client.waitForTransactionReceipt({
      hash: await client.writeContract({
        address: key.oracle,
        abi: devOracleAbi,
        functionName: "report",
        args: [key.indexId, key.maturity, x],
      }),
    });
    const settled = await settle(client, { core, key });
    expect(settled.xWad).toBe(x);
    await client.waitForTransactionReceipt({ hash: settled.hash });

    const p = parseEther("3");
    const n = parseEther("1");
    const redeemed = await redeem(client, { core, key, pAmount: p, nAmount: n });
    expect(redeemed.payout).toBe(pPayout(p, key.strikeWad, x) + nPayout(n, key.strikeWad, x));
    await client.waitForTransactionReceipt({ hash: redeemed.hash });
    expect((await getSeries(client, { core, key })).pSupply).toBe(0n);
  });

  it("throws a PnContractError named like the contract's error", async () => {
    const error = await split(client, { core, key, amount: 1n, native: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PnContractError);
    expect((error as PnContractError).errorName).toBe("SeriesMatured");
    expect((error as PnContractError).args[1]).toBe(key.maturity);
  });
});

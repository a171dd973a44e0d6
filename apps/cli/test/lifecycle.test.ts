// pn end to end on anvil with the real contracts: create → split (ETH and WETH, with its exact approval) →
// positions → quote → merge → (warp, DevOracle report) → settle → redeem, checked against the chain.

import { indexIdFromTicker, seriesId } from "@pn/core";
import { getPosition, pnCoreAbi } from "@pn/sdk";
import { erc20Abi, parseEther } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { account, type Chain, json, startChain } from "./harness.ts";

const SERIES = "USD-1500-20261231";
const MATURITY = 1_798_675_200n; // 2026-12-31T00:00:00Z
let chain: Chain;
let id: `0x${string}`;

beforeAll(async () => {
  chain = await startChain();
});
afterAll(() => chain?.stop());

type Created = { id: `0x${string}`; name: string; pSymbol: string; pToken: `0x${string}` };
type Positions = {
  owner: string;
  positions: {
    series: string;
    p: string;
    n: string;
    valueCollateral: number;
    valueIndex: number;
    xOverS: number;
    x: { value: string; source: string };
  }[];
};

describe("pn protocol commands, end to end", () => {
  it("creates a series and lists it", async () => {
    const created = json<Created>(
      await chain.pn(["series", "create", "--strike", "1500", "--maturity", "2026-12-31", "--json"]),
    );
    const key = {
      collateral: chain.weth,
      oracle: chain.devOracle,
      indexId: indexIdFromTicker("USD"),
      strikeWad: parseEther("1500"),
      maturity: MATURITY,
    };
    expect(created).toMatchObject({ name: SERIES, id: seriesId(key), pSymbol: `P-${SERIES}` });
    id = created.id;
    const symbol = await chain.publicClient.readContract({
      address: created.pToken,
      abi: erc20Abi,
      functionName: "symbol",
    });
    expect(symbol).toBe(`P-${SERIES}`);

    const listed = await chain.pn(["series", "list"]);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/USD-1500-20261231\s+0x[0-9a-f]{64}\s+1500\s+2026-12-31T00:00:00Z\s+open/);
    const asJson = json<{ series: { id: string; strike: string; settlement: null; pSupply: string }[] }>(
      await chain.pn(["series", "list", "--json"]),
    );
    expect(asJson.series).toEqual([
      expect.objectContaining({ id: created.id, strike: "1500", settlement: null, pSupply: "0" }),
    ]);
  });

  it("splits native ETH, and WETH after approving exactly the amount", async () => {
    const me = account(0).address;
    const eth = await chain.pn(["split", `P-${SERIES}`, "2", "--eth"]);
    expect(eth.code).toBe(0);
    expect(eth.stdout).toContain(`Split 2 ETH into 2 P-${SERIES} + 2 N-${SERIES}.`);
    expect(eth.stderr).toMatch(/split: sent 0x[0-9a-f]{64}, waiting for confirmation…/);

    await chain.wrap(account(0), parseEther("1.25"));
    const nonce = await chain.nonce();
    const weth = json<{ approvalHash: string | null; position: { p: string } }>(
      await chain.pn(["split", SERIES, "1.25", "--json"]),
    );
    expect(weth.approvalHash).toMatch(/^0x[0-9a-f]{64}$/);
    expect(weth.position.p).toBe("3.25");
    expect(await chain.nonce()).toBe(nonce + 2); // approve + split
    const allowance = await chain.publicClient.readContract({
      address: chain.weth,
      abi: erc20Abi,
      functionName: "allowance",
      args: [me, chain.core],
    });
    expect(allowance).toBe(0n); // exactly the amount was approved, and spent

    const held = await chain.publicClient.readContract({
      address: chain.core,
      abi: pnCoreAbi,
      functionName: "collateralOf",
      args: [id],
    });
    expect(held).toBe(parseEther("3.25"));
  });

  it("shows positions and quotes at a given x and σ", async () => {
    const positions = json<Positions>(await chain.pn(["positions", "--x", "2500", "--json"]));
    expect(positions.positions).toHaveLength(1);
    const [row] = positions.positions;
    expect(row).toMatchObject({ series: SERIES, p: "3.25", n: "3.25", x: { value: "2500", source: "--x" } });
    expect(row?.valueCollateral).toBeCloseTo(3.25, 9); // a pair is worth one ETH
    expect(row?.valueIndex).toBeCloseTo(3.25 * 2500, 6);
    expect(row?.xOverS).toBeCloseTo(2500 / 1500, 12);

    const quote = json<{
      p: { eth: number; index: number };
      n: { eth: number; index: number; greeks: { delta: number } };
      x: { source: string };
    }>(await chain.pn(["quote", SERIES, "--x", "1499", "--vol", "0.8", "--json"]));
    expect(quote.p.eth + quote.n.eth).toBeCloseTo(1, 12);
    expect(quote.p.index + quote.n.index).toBeCloseTo(1499, 9);
    expect(quote.n.greeks.delta).toBeGreaterThan(0.5);

    const assumed = await chain.pn(["quote", SERIES]);
    expect(assumed.code).toBe(0);
    expect(assumed.stdout).toMatch(
      /x = [\d.]+ USD per ETH \(assumed: last daily close in data\/eth_usd_1d_composite\.csv/,
    );
    expect(assumed.stdout).toMatch(/σ = 80\.0% \(default; pass --vol/);
  });

  it("merges pairs back into ETH", async () => {
    const before = await chain.publicClient.getBalance({ address: account(0).address });
    const merged = await chain.pn(["merge", SERIES, "0.25", "--eth"]);
    expect(merged.code).toBe(0);
    expect(merged.stdout).toContain("you now hold 3 P and 3 N");
    expect(await chain.publicClient.getBalance({ address: account(0).address })).toBeGreaterThan(
      before + parseEther("0.24"),
    );
  });

  it("settles after maturity from the DevOracle and redeems P and N", async () => {
    const early = await chain.pn(["settle", SERIES]);
    expect(early.code).toBe(1);
    expect(early.stderr).toMatch(/matures at 2026-12-31T00:00:00Z \(in \d+d/);

    await chain.warp(MATURITY + 10n);
    const notFinal = await chain.pn(["settle", SERIES]);
    expect(notFinal.code).toBe(1);
    expect(notFinal.stderr).toContain("error: settle failed: OracleNotFinal(");
    expect(notFinal.stderr).toContain("Wait for the challenge window");

    await chain.report(indexIdFromTicker("USD"), MATURITY, parseEther("2000"));
    const settled = await chain.pn(["settle", SERIES, "--json"]);
    expect(json<{ settlement: string }>(settled).settlement).toBe("2000");

    // P pays min(1, 1500/2000) = 0.75, N pays 0.25 per token.
    const p = json<{ payout: string; expectedPayout: string }>(
      await chain.pn(["redeem", SERIES, "--p", "2", "--json"]),
    );
    expect(p).toMatchObject({ payout: "1.5", expectedPayout: "1.5" });
    const [afterP] = json<Positions>(await chain.pn(["positions", "--json"])).positions;
    expect(afterP).toMatchObject({
      p: "1",
      n: "3",
      valueCollateral: 1.5,
      valueIndex: 3000,
      x: { source: "settlement" },
    });
    const rest = json<{ p: string; n: string; payout: string }>(
      await chain.pn(["redeem", SERIES, "--eth", "--json"]),
    );
    expect(rest).toMatchObject({ p: "1", n: "3", payout: "1.5" });
    const listed = json<{ series: { pSupply: string; settlement: string }[] }>(
      await chain.pn(["series", "list", "--json"]),
    );
    expect(listed.series[0]).toMatchObject({ pSupply: "0", settlement: "2000" });
    const owner = account(0).address;
    expect(await getPosition(chain.publicClient, { core: chain.core, id, owner })).toEqual({ p: 0n, n: 0n });
  });
});

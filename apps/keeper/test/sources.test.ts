// Price sources against known data: CSV replay vs rows of the data files, the ECB and CPI files, an HTTP JSON API
// served on 127.0.0.1, and a constant-product pool (MockV2Pair) on anvil read at historical blocks.

import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { resolve } from "node:path";
import { CPI_BASE_MILLI, parseWad, WAD } from "@pn/core";
import type { Abi, Address, Hex } from "viem";
import { deployContract, writeContract } from "viem/actions";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SourceError } from "../src/framework/errors.ts";
import { connectChain, createClients } from "../src/framework/rpc.ts";
import { CsvReplaySource } from "../src/sources/csvReplay.ts";
import { decimalText, parseExactJson, readPath } from "../src/sources/exactJson.ts";
import { CpiCsvSource, EcbCsvSource } from "../src/sources/fxCpi.ts";
import { HttpJsonSource } from "../src/sources/httpJson.ts";
import { lastBlockAtOrBefore, PoolPriceSource, poolPriceWad } from "../src/sources/poolPrice.ts";
import { accounts, advance, never, repoRoot, startDevnet } from "./helpers/devnet.ts";
import { M } from "./helpers/keeper.ts";

const data = (file: string) => resolve(repoRoot, "data", file);
const HOUR = 3600n;

/** The row of `file` whose first column is `label`, read independently of the source under test. */
function row(file: string, label: string): string[] {
  const line = readFileSync(data(file), "utf8")
    .split("\n")
    .find((l) => l.startsWith(`${label},`));
  return line?.split(",") ?? never();
}

describe("CsvReplaySource", () => {
  const binance = new CsvReplaySource({
    name: "binance",
    file: data("ethusdt_1h_binance.csv"),
    barSeconds: HOUR,
  });
  const daily = new CsvReplaySource({
    name: "yahoo-1d",
    file: data("eth_usd_1d_yahoo.csv"),
    barSeconds: 86_400n,
  });

  it("returns the close of the hourly candle ending at M (the one opening at M - 1h)", async () => {
    const r = row("ethusdt_1h_binance.csv", "2025-10-10T23:00:00Z");
    expect(await binance.priceAt(M)).toEqual({ priceWad: parseWad(r[5] ?? ""), endsAt: M });
    expect(r[5]).toBe("3829.72");
  });

  it("off the hour, returns the last candle ending before M", async () => {
    const r = row("ethusdt_1h_binance.csv", "2025-10-10T22:00:00Z");
    expect(await binance.priceAt(M - 1n)).toEqual({ priceWad: parseWad(r[5] ?? ""), endsAt: M - HOUR });
  });

  it("uses a daily candle only when it ends exactly at M (00:00 UTC)", async () => {
    const r = row("eth_usd_1d_yahoo.csv", "2025-10-10");
    expect(await daily.priceAt(M)).toEqual({ priceWad: parseWad(r[5] ?? ""), endsAt: M });
    expect(await daily.priceAt(M + HOUR)).toBeUndefined();
  });

  it("has nothing before its first candle, and reports a missing column with the columns it has", async () => {
    expect(await binance.priceAt(1_500_000_000n)).toBeUndefined();
    const bad = new CsvReplaySource({ name: "bad", file: data("eurusd_daily_ecb.csv"), barSeconds: HOUR });
    await expect(bad.priceAt(M)).rejects.toThrow(/no column "unix" \(columns: date, usd_per_eur\)/);
  });
});

describe("EcbCsvSource and CpiCsvSource", () => {
  it("read exact rates and prints", () => {
    const ecb = new EcbCsvSource({ file: data("eurusd_daily_ecb.csv") });
    expect(ecb.rates().find((r) => r.date === "2022-09-28")?.usdPerEurWad).toBe(parseWad("0.9565"));
    const cpi = new CpiCsvSource({ file: data("us_cpi_u_monthly.csv") });
    expect(cpi.cpiMilli("2020-01")).toBe(CPI_BASE_MILLI);
    expect(cpi.cpiMilli("2022-06")).toBe(296_311n);
  });

  it("says what to do about a missing CPI print (2025-10 was never published)", () => {
    const cpi = new CpiCsvSource({ file: data("us_cpi_u_monthly.csv") });
    expect(() => cpi.cpiMilli("2025-10")).toThrow(SourceError);
    expect(() => cpi.cpiMilli("2025-10")).toThrow(/Add the BLS print/);
  });
});

describe("exact JSON", () => {
  it("keeps every digit of a number and expands exponents exactly", () => {
    const json = parseExactJson('{"a":[{"p":2512.123456789012345678},{"p":"1.5"}],"e":1.25e3,"t":1e-7}');
    expect(decimalText(readPath(json, "a.0.p"))).toBe("2512.123456789012345678");
    expect(decimalText(readPath(json, "a.-1.p"))).toBe("1.5");
    expect(decimalText(readPath(json, "e"))).toBe("1250");
    expect(decimalText(readPath(json, "t"))).toBe("0.0000001");
    expect(readPath(json, "a.5.p")).toBeUndefined();
  });
});

describe("HttpJsonSource", () => {
  let server: Server;
  let base = "";
  const requests: string[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      requests.push(req.url ?? "");
      const url = new URL(req.url ?? "/", "http://x");
      if (url.pathname === "/down") return res.writeHead(503).end("maintenance");
      const start = Number(url.searchParams.get("start") ?? "0");
      // Binance-style klines: [openTimeMs, open, high, low, close, ...], the close as a string; plus a float.
      const body = `{"klines":[[${start},"3855.08","3917.91","3791.81","3829.72"]],"float":3840.9604000000001}`;
      res.writeHead(200, { "content-type": "application/json" }).end(body);
    });
    await new Promise<void>((res) => server.listen(0, "127.0.0.1", res));
    const address = server.address();
    base = `http://127.0.0.1:${typeof address === "object" && address !== null ? address.port : 0}`;
  });
  afterAll(() => new Promise<void>((res) => server.close(() => res())));

  it("fills the URL template and reads the close and the candle time exactly", async () => {
    const source = new HttpJsonSource({
      name: "local",
      url: `${base}/klines?start={candleOpenMs}&end={candleEnd}&at={timestamp}`,
      pricePath: "klines.0.4",
      openTimePath: "klines.0.0",
      timeUnit: "ms",
    });
    expect(await source.priceAt(M + 5n)).toEqual({ priceWad: parseWad("3829.72"), endsAt: M });
    expect(requests.at(-1)).toBe(`/klines?start=${(M - HOUR) * 1000n}&end=${M}&at=${M + 5n}`);
  });

  it("parses a JSON number from its source text, not through a float", async () => {
    const source = new HttpJsonSource({ name: "float", url: `${base}/x?start=0`, pricePath: "float" });
    expect((await source.priceAt(M))?.priceWad).toBe(parseWad("3840.9604000000001"));
  });

  it("reports an HTTP error or a wrong path as a SourceError naming the source", async () => {
    const down = new HttpJsonSource({ name: "down", url: `${base}/down`, pricePath: "p" });
    await expect(down.priceAt(M)).rejects.toThrow(/Price source down: GET .* answered 503: maintenance/);
    const wrong = new HttpJsonSource({
      name: "wrong",
      url: `${base}/x?start=0`,
      pricePath: "klines.0.4",
      endsAtPath: "nope",
    });
    await expect(wrong.priceAt(M)).rejects.toThrow(/no integer time at nope/);
    expect(
      await new HttpJsonSource({ name: "none", url: `${base}/x`, pricePath: "missing" }).priceAt(M),
    ).toBeUndefined();
  });
});

describe("PoolPriceSource", () => {
  it("reads the pool's price as of the last block at or before M, in either token order", async () => {
    const net = await startDevnet({ timestamp: M - 3n * HOUR });
    try {
      const artifact = JSON.parse(
        readFileSync(resolve(repoRoot, "contracts/out/MockV2Pair.sol/MockV2Pair.json"), "utf8"),
      ) as {
        abi: Abi;
        bytecode: { object: Hex };
      };
      const deployer = net.wallet(accounts[0] ?? never());
      const weth: Address = "0x00000000000000000000000000000000000000e1";
      const usdc: Address = "0x00000000000000000000000000000000000000a1";
      const deploy = async (token0: Address, token1: Address) =>
        (
          await net.confirm(
            await deployContract(deployer, {
              ...artifact,
              bytecode: artifact.bytecode.object,
              args: [token0, token1],
            }),
          )
        ).contractAddress ?? never();
      const pairWethFirst = await deploy(weth, usdc);
      const pairUsdcFirst = await deploy(usdc, weth);
      const setReserves = async (pair: Address, r0: bigint, r1: bigint) =>
        net.confirm(
          await writeContract(deployer, {
            address: pair,
            abi: artifact.abi,
            functionName: "setReserves",
            args: [r0, r1],
          }),
        );
      // Before M: 100 WETH against 250,000 USDC (6 decimals) = 2500 per ETH. After M: 3000.
      await setReserves(pairWethFirst, 100n * WAD, 250_000n * 10n ** 6n);
      await setReserves(pairUsdcFirst, 250_000n * 10n ** 6n, 100n * WAD);
      await advance(net, 3 * 3600 + 600);
      await setReserves(pairWethFirst, 100n * WAD, 300_000n * 10n ** 6n);

      const rpc = { rpcUrl: net.anvil.rpcUrl, timeoutMs: 2000, retryCount: 0 };
      const { publicClient } = createClients({
        ...rpc,
        chain: await connectChain(rpc),
        account: accounts[0] ?? never(),
      });
      const source = (pair: Address) =>
        new PoolPriceSource({ name: "pool", client: publicClient, pair, baseToken: weth, quoteDecimals: 6 });
      const atM = await lastBlockAtOrBefore(publicClient, M);
      expect(await source(pairWethFirst).priceAt(M)).toEqual({
        priceWad: 2500n * WAD,
        endsAt: atM?.timestamp,
      });
      expect(await source(pairUsdcFirst).priceAt(M)).toEqual({
        priceWad: 2500n * WAD,
        endsAt: atM?.timestamp,
      });
      expect((await source(pairWethFirst).priceAt(M + 4n * HOUR))?.priceWad).toBe(3000n * WAD);
      expect(await source(pairWethFirst).priceAt(M - 10n * HOUR)).toBeUndefined(); // before the chain began
    } finally {
      await net.stop();
    }
  });

  it("scales by the decimals and rounds down", () => {
    expect(poolPriceWad({ base: 3n * WAD, quote: 10n * WAD, baseDecimals: 18, quoteDecimals: 18 })).toBe(
      (10n * WAD) / 3n,
    );
    expect(poolPriceWad({ base: 10n ** 8n, quote: 2n * 10n ** 6n, baseDecimals: 8, quoteDecimals: 6 })).toBe(
      2n * WAD,
    );
  });
});

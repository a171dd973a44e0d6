// The market-maker job. At start it resolves the configured series on the core (keys, P and N tokens; WETH
// series only, since it pays in ETH) and registers the sender's done-checks. Each tick it takes x from its price
// sources at chain time, scans new asks of others on its tokens, and yields two kinds of item: every watched ask
// (filled once its price crosses the model's, `fill:<id>`), then every quoted token (re-quoted when the model
// moved beyond the threshold, `quote:<series>:<P|N>:<epoch>:<bid|ask>`). Fills come first so quotes see the
// inventory they leave. With discovery on, series created after start (a vault's next series) join the world
// before the asks are scanned, so the vault's roll auction into a new series is seen in the block it is posted.

import { type Side, seriesId, seriesSymbol } from "@pn/core";
import { type ListedSeries, listSeries, pnCoreAbi } from "@pn/sdk";
import type { Address } from "viem";
import { getBlock, getBlockNumber, readContract } from "viem/actions";
import { KeeperError } from "../framework/errors.ts";
import type { Job, JobContext } from "../framework/job.ts";
import { filledByUs, readAsksPosted, readOrder, readTokenBalance } from "./chain.ts";
import { discoverSkipReason } from "./discover.ts";
import { type FillItem, handleFill, legOf } from "./filling.ts";
import { type MmSeries, modelX, type Snapshot } from "./model.ts";
import { handleQuote, type QuoteItem } from "./quoting.ts";
import { type MmSettings, type MmWorld, refOf } from "./settings.ts";
import { loadMmState, updateMmState } from "./state.ts";

export type MmItem = QuoteItem | FillItem;

/** A configured series is missing or is not a WETH series. */
export class MmSeriesError extends KeeperError {
  override name = "MmSeriesError";
  constructor({ id, problem }: { id: string; problem: string }) {
    super(`Series ${id} cannot be made: ${problem}.`, {
      fix: "List the core's series with `pn series list` and configure ids of WETH series that exist.",
    });
  }
}

/** A listed series as the maker works on it. */
function mmSeriesOf(found: ListedSeries, volatility: number, sides: readonly Side[]): MmSeries {
  return {
    id: seriesId(found.key),
    key: found.key,
    name: seriesSymbol(found.key, "P").slice(2),
    pToken: found.pToken,
    nToken: found.nToken,
    volatility,
    sides,
  };
}

async function resolveSeries(ctx: JobContext, s: MmSettings): Promise<MmWorld> {
  const weth = await readContract(ctx.publicClient, {
    address: s.core,
    abi: pnCoreAbi,
    functionName: "WETH",
  });
  const listed = await listSeries(ctx.publicClient, { core: s.core, fromBlock: s.fromBlock });
  const series: MmSeries[] = s.seriesConfig.map((c) => {
    const found = listed.find((l) => l.id.toLowerCase() === c.id.toLowerCase());
    if (found === undefined) throw new MmSeriesError({ id: c.id, problem: "the core has no such series" });
    if (found.key.collateral.toLowerCase() !== weth.toLowerCase()) {
      throw new MmSeriesError({ id: c.id, problem: "its collateral is not the core's WETH" });
    }
    return mmSeriesOf(found, c.volatility ?? s.volatility, c.sides);
  });
  return { series, weth };
}

/**
 * With discovery on: adds the series created in `[from, latest]` that the maker can price (discover.ts: WETH, one
 * of `discover.indices`, the configured oracle if any) and does not work on yet. Returns the next block to look from.
 */
async function discoverSeries(
  ctx: JobContext,
  s: MmSettings,
  world: MmWorld,
  p: { from: bigint; latest: bigint },
): Promise<bigint> {
  if (!s.discover.enabled || p.from > p.latest) return p.from;
  const listed = await listSeries(ctx.publicClient, { core: s.core, fromBlock: p.from });
  const known = new Set(world.series.map((x) => x.id.toLowerCase()));
  const filter = { ...s.discover, weth: world.weth };
  for (const found of listed) {
    if (found.blockNumber > p.latest || known.has(found.id.toLowerCase())) continue;
    const skip = discoverSkipReason(found.key, filter);
    if (skip !== undefined) {
      ctx.log.debug("series not discovered", { id: found.id, reason: skip });
      continue;
    }
    const series = mmSeriesOf(found, s.volatility, s.discover.sides);
    world.series.push(series);
    known.add(series.id.toLowerCase());
    ctx.log.info("series discovered", { name: series.name, id: series.id, sides: series.sides });
  }
  return p.latest + 1n;
}

/**
 * Adds new asks of others on the maker's tokens (wanting WETH or another of its tokens) to the watch list, saving
 * the cursor after each chunk; returns the list (in a dry run nothing is saved and the scan starts over next tick).
 */
async function scanAsks(ctx: JobContext, s: MmSettings, world: MmWorld, latest: bigint): Promise<string[]> {
  const st = loadMmState(ctx.state, s.fromBlock);
  if (!s.fills.enabled) return [];
  const ref = refOf(ctx, s);
  const me = ctx.account.toLowerCase();
  const ours = (token: Address) => legOf(world, token) !== undefined;
  const wanted = (token: Address) => token.toLowerCase() === world.weth.toLowerCase() || ours(token);
  for (let from = BigInt(st.nextBlock); from <= latest; from += s.chunkBlocks) {
    const to = from + s.chunkBlocks - 1n < latest ? from + s.chunkBlocks - 1n : latest;
    const found = (await readAsksPosted(ref, from, to))
      .filter(({ args }) => args.maker.toLowerCase() !== me && ours(args.token) && wanted(args.want))
      .map(({ args }) => args.orderId.toString());
    const candidates = [...new Set([...st.candidates, ...found])];
    const nextBlock = (to + 1n).toString();
    updateMmState(ctx, s.fromBlock, (saved) => {
      saved.candidates = [...new Set([...saved.candidates, ...found])];
      saved.nextBlock = nextBlock;
    });
    st.candidates = candidates;
    st.nextBlock = nextBlock;
  }
  return st.candidates;
}

/** How to tell, when reconciling a failed intent, whether its effect is on chain anyway. */
function registerCheckers(ctx: JobContext, s: MmSettings): void {
  const ref = refOf(ctx, s);
  const id = (params: Record<string, string>) => BigInt(params.orderId ?? "0");
  ctx.sender.registerChecker("cancel", async (params) => !(await readOrder(ref, id(params))).open);
  ctx.sender.registerChecker(
    "fill",
    async (params) =>
      (await filledByUs(ref, id(params), s.fromBlock)) || !(await readOrder(ref, id(params))).open,
  );
  ctx.sender.registerChecker(
    "split",
    async (params) =>
      (await readTokenBalance(ref, (params.token ?? "0x") as `0x${string}`)) >= BigInt(params.needed ?? "0"),
  );
}

export function createMmJob(s: MmSettings): Job<MmItem> {
  let world: MmWorld | undefined;
  // Series discovery re-reads the core's SeriesCreated events from `fromBlock` at every start.
  let seriesFrom = s.fromBlock;
  const need = (): MmWorld => {
    if (world === undefined)
      throw new KeeperError("The mm job was not started.", { fix: "Call start() first." });
    return world;
  };
  return {
    name: "mm",
    async start(ctx) {
      world = await resolveSeries(ctx, s);
      registerCheckers(ctx, s);
      ctx.log.info("market maker ready", {
        market: s.market,
        series: world.series.map((x) => ({
          name: x.name,
          id: x.id,
          sides: x.sides,
          volatility: x.volatility,
        })),
      });
    },
    async discover(ctx) {
      const w = need();
      const block = await getBlock(ctx.publicClient, { blockTag: "latest" });
      const snapshot: Snapshot = {
        now: block.timestamp,
        xWad: await modelX(s.prices, block.timestamp, ctx.log),
      };
      ctx.log.debug("model", { now: snapshot.now, xWad: snapshot.xWad });
      // One bound for both scans, so an ask on a series created in the same block is never skipped.
      const latest = await getBlockNumber(ctx.publicClient, { cacheTime: 0 });
      seriesFrom = await discoverSeries(ctx, s, w, { from: seriesFrom, latest });
      const candidates = await scanAsks(ctx, s, w, latest);
      const fills: FillItem[] = candidates.map((id) => ({ kind: "fill", orderId: BigInt(id), snapshot }));
      const quotes: QuoteItem[] = w.series.flatMap((series) =>
        series.sides.map((side) => ({ kind: "quote" as const, series, side, snapshot })),
      );
      return [...fills, ...quotes];
    },
    keyOf: (item) =>
      item.kind === "fill" ? `fill:${item.orderId}` : `quote:${item.series.name}:${item.side}`,
    handle: (ctx, item) =>
      item.kind === "fill" ? handleFill(ctx, s, need(), item) : handleQuote(ctx, s, need(), item),
  };
}

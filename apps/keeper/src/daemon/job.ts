// The daemon as a keeper job. At start: the secret seed (config, else stored, else made and stored), the
// position (the stored one, else the configured series at epoch 0), the sender's done-checks. Each tick: one item,
// the position, with chain time and x from the user's sources; handling it first re-checks recent transactions
// for reorgs, then runs the roll machine with this epoch's private draws.

import type { Hex } from "viem";
import { getBlock } from "viem/actions";
import { KeeperError } from "../framework/errors.ts";
import type { Job, JobContext } from "../framework/job.ts";
import type { KeeperPublicClient } from "../framework/rpc.ts";
import { createSource } from "../sources/factory.ts";
import { balanceOf, type DaemonRef, listCandidates, readOrder } from "./chain.ts";
import type { DaemonSection } from "./config.ts";
import { DaemonSeriesError } from "./errors.ts";
import { drawThresholds, newSeed } from "./jitter.ts";
import { runMachine } from "./machine.ts";
import { type PriceInputs, readX } from "./price.ts";
import { toSeriesRef } from "./records.ts";
import { checkReorgs } from "./reorg.ts";
import type { DaemonStore } from "./store.ts";
import type { DaemonWorld } from "./transition.ts";
import { dryRunView, liveView } from "./view.ts";

export type DaemonItem = { now: bigint; head: bigint; xWad: bigint | undefined };

export type DaemonJobDeps = {
  section: DaemonSection;
  /** The SQLite store the runtime opened (the same one the sender records intents in). */
  store: () => DaemonStore;
  publicClient: KeeperPublicClient;
  resolvePath: (path: string) => string;
};

function seedOf(ctx: JobContext, section: DaemonSection, view: DaemonWorld["view"]): Hex {
  if (section.seed !== undefined) return section.seed;
  const stored = view.meta("seed");
  if (stored !== undefined) return stored as Hex;
  const seed = newSeed();
  view.setMeta("seed", seed);
  if (ctx.dryRun) ctx.log.warn("dry run without a stored seed: its random thresholds are not the real run's");
  else ctx.log.info("made a new secret seed for the jitter (kept in the state database)");
  return seed;
}

async function initPosition(ctx: JobContext, w: DaemonWorld): Promise<void> {
  const stored = w.view.position();
  const configured = w.section.series.toLowerCase();
  if (stored !== undefined) {
    if (stored.epoch === 0 && stored.series.id.toLowerCase() !== configured)
      ctx.log.warn("the state's position differs from daemon.series; the state wins", {
        stored: stored.series.id,
      });
    return;
  }
  const found = (await listCandidates(w.ref)).find((s) => s.id.toLowerCase() === configured);
  if (found === undefined) throw new DaemonSeriesError({ id: w.section.series });
  const series = toSeriesRef(found);
  w.view.save({
    position: { epoch: 0, series, since: new Date().toISOString() },
    event: { epoch: 0, state: "position", detail: { series: series.id } },
  });
}

function registerCheckers(ctx: JobContext, ref: DaemonRef): void {
  ctx.sender.registerChecker("cancel", async (p) => !(await readOrder(ref, BigInt(p.orderId ?? "0"))).open);
  ctx.sender.registerChecker(
    "roll",
    async (p) => (await balanceOf(ref, (p.tokenIn ?? "0x") as `0x${string}`)) === 0n,
  );
}

export function createDaemonJob(deps: DaemonJobDeps): Job<DaemonItem> {
  const { section } = deps;
  const prices: PriceInputs = {
    sources: section.sources.map((c) =>
      createSource(c, { client: deps.publicClient, resolvePath: deps.resolvePath }),
    ),
    minSources: section.minSources,
    maxAgeSeconds: BigInt(section.maxPriceAgeSeconds),
  };
  let world: DaemonWorld | undefined;
  const need = (): DaemonWorld => {
    if (world === undefined)
      throw new KeeperError("The daemon job was not started.", { fix: "Call start()." });
    return world;
  };
  return {
    name: "daemon",
    async start(ctx) {
      const store = deps.store();
      const view = ctx.dryRun ? dryRunView(store, ctx.log) : liveView(store);
      const ref: DaemonRef = {
        client: ctx.publicClient,
        core: section.core,
        market: section.market,
        router: section.router,
        account: ctx.account,
        fromBlock: BigInt(section.fromBlock),
      };
      world = { ref, section, view, seed: seedOf(ctx, section, view) };
      await initPosition(ctx, world);
      registerCheckers(ctx, ref);
      const position = view.position();
      const roll = position === undefined ? undefined : store.roll(position.epoch);
      ctx.log.info("daemon ready", {
        account: ctx.account,
        series: position?.series.id,
        epoch: position?.epoch,
        roll: roll?.state ?? "idle",
        sources: prices.sources.map((s) => s.name),
      });
    },
    async discover(ctx) {
      const block = await getBlock(ctx.publicClient, { blockTag: "latest" });
      const reading = await readX(prices, block.timestamp, ctx.log);
      return [{ now: block.timestamp, head: block.number, xWad: reading.xWad }];
    },
    keyOf: () => "position",
    async handle(ctx, item) {
      const w = need();
      await checkReorgs(ctx, BigInt(section.reorgWindowBlocks));
      const epoch = w.view.position()?.epoch ?? 0;
      const draws = drawThresholds(w.seed, epoch, section.policy, section.auction.durationJitter);
      return runMachine(ctx, w, { ...item, draws });
    },
  };
}

// The comparison table and its JSON record.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { Measurement } from "./chain.ts";
import type { CtfRun } from "./ctf.ts";
import type { PnRun } from "./pn.ts";
import { ACTIONS, type ActionId } from "./scenario.ts";

export const TARGETS = { split: 80_000, merge: 55_000 } as const;

export function targetOf(action: ActionId): number {
  return action.startsWith("split") ? TARGETS.split : TARGETS.merge;
}

const fmt = (n: bigint | number) => Number(n).toLocaleString("en-US");

export type Row = {
  action: ActionId;
  label: string;
  pn: number | null;
  ctf: number;
  target: number;
  pnMeetsTarget: boolean | null;
};

export function rows(pn: PnRun | undefined, ctf: CtfRun): Row[] {
  return ACTIONS.map(({ id, label }) => {
    const pnGas = pn === undefined ? null : Number(pn.results[id].executionGas);
    const target = targetOf(id);
    return {
      action: id,
      label,
      pn: pnGas,
      ctf: Number(ctf.results[id].executionGas),
      target,
      pnMeetsTarget: pnGas === null ? null : pnGas <= target,
    };
  });
}

/** Plain-text table, columns padded; pn-protocol cells are marked against the target. */
export function table(data: Row[]): string {
  const header = ["action", "pn-protocol", "Gnosis CTF", "target"];
  const body = data.map((r) => [
    r.label,
    r.pn === null ? "n/a" : `${fmt(r.pn)} ${r.pnMeetsTarget ? "ok" : "OVER"}`,
    fmt(r.ctf),
    `<= ${fmt(r.target)}`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((cells) => (cells[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join(" | ");
  const rule = widths.map((w) => "-".repeat(w)).join("-|-");
  return [line(header), rule, ...body.map(line)].join("\n");
}

const measurementJson = (m: Measurement) => ({
  gasUsed: Number(m.gasUsed),
  intrinsicGas: Number(m.intrinsicGas),
  executionGas: Number(m.executionGas),
  calldataBytes: m.calldataBytes,
});

function resultsJson(results: Record<ActionId, Measurement>) {
  return Object.fromEntries(ACTIONS.map(({ id }) => [id, measurementJson(results[id])]));
}

export type RecordContext = {
  hardfork: string | undefined;
  chainId: number;
  weth: string;
  amountWei: bigint;
  durationMs: number;
};

export function record(ctx: RecordContext, pn: PnRun | undefined, ctf: CtfRun) {
  return {
    generatedAt: new Date().toISOString(),
    command: "npm run bench:gas",
    metric:
      "execution gas = receipt gasUsed - (21000 + 16 per non-zero calldata byte + 4 per zero byte); " +
      "no access lists; gasUsed is net of storage refunds",
    scenario:
      "a seeder splits first; then one fresh holder (10 WETH, max approval) splits twice and merges twice, " +
      "one transaction per block, every storage slot cold",
    evm: { node: "anvil", hardfork: ctx.hardfork ?? "unknown", chainId: ctx.chainId },
    collateral: ctx.weth,
    amountWei: ctx.amountWei.toString(),
    targets: TARGETS,
    rows: rows(pn, ctf),
    pnProtocol:
      pn === undefined
        ? null
        : { artifact: pn.artifact, oracle: pn.oracle.kind, results: resultsJson(pn.results) },
    gnosisCtf: {
      artifact: ctf.artifact,
      compiler: ctf.compiler,
      outcomeSlots: 2,
      partition: [1, 2],
      conditionId: ctf.conditionId,
      collectionIdSqrtSteps: ctf.sqrtSteps,
      results: resultsJson(ctf.results),
    },
    benchDurationMs: ctx.durationMs,
  };
}

export function writeRecord(path: string, data: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(data, null, 2)}\n`);
}

// The roll keeper's own data in the keeper's state file (next to the sender's intents): per oracle and index, the
// scan cursor of `Proposed` events and the question timestamps seen, the candidates for a strike reference. The
// vault's own state is always read from the chain; the sender's intents (keyed by that state) prevent double sends.

import { z } from "zod";
import type { StateStore } from "../framework/state.ts";

export const VAULT_JOB = "vault";
/** Question timestamps kept per oracle and index (the newest). */
const KEEP = 64;

const uintString = z.string().regex(/^\d+$/);
const refsSchema = z.object({ nextBlock: uintString, timestamps: z.array(uintString) });
const vaultStateSchema = z.object({ references: z.record(z.string(), refsSchema) });
export type VaultJobState = z.infer<typeof vaultStateSchema>;

export function loadVaultState(state: StateStore): VaultJobState {
  return state.job(VAULT_JOB, vaultStateSchema, { references: {} });
}

/** Records newly seen question timestamps and the next block to scan (nothing is written in a dry run). */
export function saveReferences(
  ctx: { state: StateStore; dryRun: boolean },
  key: string,
  p: { nextBlock: bigint; found: readonly bigint[] },
): string[] {
  const s = loadVaultState(ctx.state);
  const known = new Set([...(s.references[key]?.timestamps ?? []), ...p.found.map(String)]);
  const timestamps = [...known].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1)).slice(-KEEP);
  s.references[key] = { nextBlock: p.nextBlock.toString(), timestamps };
  if (!ctx.dryRun) ctx.state.setJob(VAULT_JOB, s);
  return timestamps;
}

// The vault roll keeper's pure decision: close before re-entering before triggering; a reference only when it raises
// the strike; the optional reward-versus-gas check; rests until the next known event; and its config schema.

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { VAULT_PHASE, VAULT_ROLL_REASON } from "@pn/core";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../src/framework/config.ts";
import { ConfigError } from "../src/framework/errors.ts";
import { vaultConfigSchema } from "../src/vault/config.ts";
import {
  type DecideInput,
  decide,
  pays,
  pValueWei,
  restFor,
  rewardOf,
  type TriggerPreview,
  type VaultView,
} from "../src/vault/decide.ts";
import { tempDir } from "./helpers/keeper.ts";

const WAD = 10n ** 18n;
const NOW = 1_000_000n;
const view = (over: Partial<VaultView> = {}): VaultView => ({
  now: NOW,
  phase: VAULT_PHASE.Holding,
  strikeWad: 120n * WAD,
  maturity: NOW + 20n * 86_400n,
  secondMaturity: 0n,
  orderId: 0n,
  deadline: 0n,
  curAmount: 10n * WAD,
  secondAmount: 0n,
  canClose: false,
  canReenter: false,
  nextRoll: { scheduledAt: NOW + 13n * 86_400n, signalBelowWad: 180n * WAD, signalAllowedAt: 0n },
  ...over,
});
const notDue: TriggerPreview = { ok: false, errorName: "RollNotDue", errorArgs: [1n, 2n, 3n] };
const plan = (strike: bigint, reason: number = VAULT_ROLL_REASON.Signal): TriggerPreview => ({
  ok: true,
  reason,
  strikeWad: strike * WAD,
  maturity: NOW + 28n * 86_400n,
  amount: 10n * WAD - WAD / 1000n,
  reward: WAD / 1000n,
});
const input = (over: Partial<DecideInput> = {}): DecideInput => ({
  view: view(),
  hintWad: 200n * WAD,
  trigger: notDue,
  reward: { rewardBps: 1n, rewardCap: WAD / 100n },
  maxRestSeconds: 300n,
  referenceWaitSeconds: 0n,
  ...over,
});

describe("vault decide", () => {
  it("waits while no call is allowed, resting until the next known event", () => {
    const d = decide(input());
    expect(d).toEqual({ kind: "wait", reason: "RollNotDue(1, 2, 3)", restSeconds: 300n });
    const soon = view({ nextRoll: { scheduledAt: NOW + 40n, signalBelowWad: 0n, signalAllowedAt: 0n } });
    expect(restFor(soon, 300n)).toBe(40n);
    expect(restFor(view({ phase: VAULT_PHASE.Rolling, orderId: 7n, deadline: NOW + 10n }), 300n)).toBe(10n);
    expect(restFor(view({ phase: VAULT_PHASE.Legacy, secondMaturity: NOW + 99n }), 300n)).toBe(99n);
  });

  it("closes a finished auction first, then re-enters, then triggers", () => {
    const all = input({
      view: view({ canClose: true, canReenter: true, orderId: 4n }),
      trigger: plan(86n),
    });
    expect(decide(all)).toEqual({ kind: "close", orderId: 4n });
    const reenter = decide({ ...all, view: view({ canReenter: true, secondAmount: 5n * WAD }) });
    expect(reenter).toEqual({ kind: "reenter", rewardWei: rewardOf(15n * WAD, all.reward) });
    expect(decide({ ...all, view: view() })).toMatchObject({
      kind: "trigger",
      reason: "signal",
      strikeWad: 86n * WAD,
      hintWad: 200n * WAD,
      refTimestamp: 0n,
    });
  });

  it("passes a reference only when it raises the strike", () => {
    const scheduled = plan(120n, VAULT_ROLL_REASON.Scheduled);
    const higher = { refTimestamp: NOW - 100n, preview: plan(130n, VAULT_ROLL_REASON.Scheduled) };
    expect(decide(input({ trigger: scheduled, reference: higher }))).toMatchObject({
      kind: "trigger",
      reason: "scheduled",
      strikeWad: 130n * WAD,
      refTimestamp: NOW - 100n,
    });
    const same = { refTimestamp: NOW - 100n, preview: plan(120n, VAULT_ROLL_REASON.Scheduled) };
    expect(decide(input({ trigger: scheduled, reference: same }))).toMatchObject({ refTimestamp: 0n });
    const notFinal = {
      refTimestamp: NOW - 100n,
      preview: { ok: false, errorName: "ReferenceNotFinal", errorArgs: [] } as const,
    };
    expect(decide(input({ trigger: scheduled, reference: notFinal }))).toMatchObject({ refTimestamp: 0n });
    // With a wait configured, a scheduled roll waits for the reference from the roll's opening on.
    const opened = view({ nextRoll: { scheduledAt: NOW - 100n, signalBelowWad: 0n, signalAllowedAt: 0n } });
    const waiting = input({
      view: opened,
      trigger: scheduled,
      reference: notFinal,
      referenceWaitSeconds: 3_600n,
    });
    expect(decide(waiting)).toEqual({
      kind: "wait",
      reason: "waiting for the oracle reference to become final",
      restSeconds: 300n,
    });
    expect(decide({ ...waiting, referenceWaitSeconds: 100n })).toMatchObject({ kind: "trigger" });
    // A signal roll never waits.
    expect(decide({ ...waiting, trigger: plan(86n) })).toMatchObject({ kind: "trigger", reason: "signal" });
    // The reference is the instant the roll opened (the old series' maturity): not yet past, it is waited for too;
    // an old one (ReferenceTooOld for being old) is not.
    const atNow = (t: bigint) => ({
      refTimestamp: t,
      preview: { ok: false, errorName: "ReferenceTooOld", errorArgs: [t, NOW, 86_400n] } as const,
    });
    const opening = view({ nextRoll: { scheduledAt: NOW, signalBelowWad: 0n, signalAllowedAt: 0n } });
    const upcoming = { ...waiting, view: opening, reference: atNow(NOW) };
    expect(decide(upcoming)).toMatchObject({ kind: "wait" });
    expect(decide({ ...upcoming, reference: atNow(NOW - 90_000n) })).toMatchObject({ kind: "trigger" });
  });

  it("checks the reward against the gas only when asked", () => {
    const base = input({ trigger: plan(86n) });
    // reward 0.001 P at S 120 and x 200: 0.0006 ETH.
    expect(pValueWei(WAD / 1000n, 120n * WAD, 200n * WAD)).toBe((6n * WAD) / 10_000n);
    expect(pValueWei(WAD, 120n * WAD, 0n)).toBe(WAD);
    const gas = (wei: bigint) => ({ minRatio: 1, alwaysClose: true, gasCostWei: { trigger: wei } });
    expect(decide({ ...base, profitability: gas(WAD / 10_000n) }).kind).toBe("trigger");
    expect(decide({ ...base, profitability: gas(WAD / 1000n) })).toMatchObject({
      kind: "wait",
      reason: "triggerRoll's reward does not pay for its gas",
    });
    expect(pays(1n, undefined, 5)).toBe(true);
    expect(pays(2n, 1n, 2)).toBe(true);
    expect(pays(2n, 1n, 2.5)).toBe(false);
    const close = input({ view: view({ canClose: true, orderId: 3n }) });
    const noClose = { minRatio: 1, alwaysClose: false, gasCostWei: { close: 1n } };
    expect(decide({ ...close, profitability: noClose }).kind).toBe("wait");
    expect(decide({ ...close, profitability: { ...noClose, alwaysClose: true } }).kind).toBe("close");
  });
});

describe("vault config", () => {
  const ONE = "0x0000000000000000000000000000000000000001";
  const write = (vault: unknown) => {
    const file = join(tempDir("pn-vault-config-"), "vault.json");
    writeFileSync(file, JSON.stringify({ rpcUrl: "http://127.0.0.1:8545", stateFile: "./s.json", vault }));
    return file;
  };

  it("fills the defaults: no profitability check, references on", () => {
    const { config } = loadConfig(
      write({
        vaults: [ONE],
        sources: [{ type: "csv", name: "a", file: "a.csv" }],
      }),
      vaultConfigSchema,
      {},
    );
    expect(config.vault).toMatchObject({
      minSources: 1,
      useReference: true,
      referenceWaitSeconds: 21_600,
      maxRestSeconds: 300,
      profitability: { enabled: false, minRatio: 1, alwaysClose: true },
    });
  });

  it("lists every problem with its path", () => {
    let error: unknown;
    try {
      loadConfig(
        write({
          vaults: [ONE, ONE, "0x1"],
          sources: [{ type: "csv", name: "a", file: "a.csv" }],
          minSources: 2,
        }),
        vaultConfigSchema,
        {},
      );
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues.map((i) => i.path).sort()).toEqual([
      "vault.minSources",
      "vault.vaults",
      "vault.vaults.2",
    ]);
  });
});

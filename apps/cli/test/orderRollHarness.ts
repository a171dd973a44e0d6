// The CLI harness plus the market: anvil with the core, a DevOracle, PNMarket and RollRouter (deployed from the
// SDK's bytecode and written into the deployment file), two WETH series A and B, and a helper that checks a
// rejected command sent nothing.

import { deployMarket } from "@pn/sdk";
import { createPublicClient, createWalletClient, http } from "viem";
import { foundry } from "viem/chains";
import { expect } from "vitest";
import { account, type Chain, json, startChain } from "./harness.ts";

export const SERIES_A = "USD-1500-20261001";
export const SERIES_B = "USD-1500-20261231";

export type MarketChain = Chain & { market: `0x${string}`; router: `0x${string}` };

export async function startMarketChain(): Promise<MarketChain> {
  const chain = await startChain();
  const walletClient = createWalletClient({
    account: account(0),
    chain: foundry,
    transport: http(chain.anvil.rpcUrl),
  });
  const publicClient = createPublicClient({ chain: foundry, transport: http(chain.anvil.rpcUrl) });
  const { market, router } = await deployMarket({ walletClient, publicClient, core: chain.core });
  chain.writeDeployment({
    ...chain.deployment,
    contracts: { ...chain.deployment.contracts, market, router },
  });
  for (const maturity of ["2026-10-01", "2026-12-31"]) {
    json(await chain.pn(["series", "create", "--strike", "1500", "--maturity", maturity, "--json"]));
  }
  return { ...chain, market, router };
}

/** Runs `pn args` as `index`; expects exit 1, `message` on stderr, nothing on stdout and no transaction sent. */
export async function rejects(chain: Chain, args: readonly string[], message: string | RegExp, index = 0) {
  const signer = account(index).address;
  const nonce = await chain.nonce(signer);
  const run = await chain.pn(args, { PN_ACCOUNT_INDEX: String(index) });
  expect(run.stderr).toMatch(typeof message === "string" ? new RegExp(escapeRegExp(message)) : message);
  expect(run.code).toBe(1);
  expect(run.stdout).toBe("");
  expect(run.stderr.match(/^error: /gm)).toHaveLength(1);
  expect(await chain.nonce(signer)).toBe(nonce);
  return run;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** `pn args --json` as dev account `index`. */
export async function pnJson<T>(chain: Chain, args: readonly string[], index = 0): Promise<T> {
  return json<T>(await chain.pn([...args, "--json"], { PN_ACCOUNT_INDEX: String(index) }));
}

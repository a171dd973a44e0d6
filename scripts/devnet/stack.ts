// The full devnet stack on top of the core: the slow oracle with a 2-of-3 committee of dev accounts, the three
// reference indices, the market and its router, and the series grid on the slow oracle.
import { type IndexTicker, indexIdFromTicker, type SeriesKey } from "@pn/core";
import { deployMarket, deployOracle, pnCoreAbi, slowOracleAbi } from "@pn/sdk";
import { referenceIndex } from "@pn/sdk/node";
import type { Account, Address, Chain, PublicClient, Transport, WalletClient } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { devMnemonic } from "../lib/devnet.ts";
import { type GridSeries, gridAt } from "./grid.ts";

/** Anvil dev accounts 7, 8 and 9 form the committee; any two of them answer an escalated question. */
export const COMMITTEE_INDICES = [7, 8, 9] as const;
export const SINK: Address = "0x000000000000000000000000000000000000dEaD";

export type Clients = {
  walletClient: WalletClient<Transport, Chain, Account>;
  publicClient: PublicClient<Transport, Chain>;
};
export type Stack = { oracle: Address; arbiter: Address; market: Address; router: Address };

async function send(clients: Clients, request: Parameters<Clients["walletClient"]["writeContract"]>[0]) {
  const hash = await clients.walletClient.writeContract(request);
  await clients.publicClient.waitForTransactionReceipt({ hash });
}

/** Deploys the oracle, the committee arbiter and the market, and registers USD, EUR and CPI-U. */
export async function deployStack(clients: Clients, core: Address): Promise<Stack> {
  const members = COMMITTEE_INDICES.map((i) => mnemonicToAccount(devMnemonic, { addressIndex: i }).address);
  const { oracle, arbiter } = await deployOracle({ ...clients, sink: SINK, members, threshold: 2n });
  for (const ticker of ["USD", "EUR", "CPI-U"] as const) {
    const { indexId, config } = referenceIndex(ticker, arbiter);
    await send(clients, {
      address: oracle,
      abi: slowOracleAbi,
      functionName: "registerIndex",
      args: [indexId, config],
      account: clients.walletClient.account,
      chain: clients.walletClient.chain,
    });
  }
  const { market, router } = await deployMarket({ ...clients, core });
  return { oracle, arbiter, market, router };
}

export function gridKey(series: GridSeries, weth: Address, oracle: Address): SeriesKey {
  return {
    collateral: weth,
    oracle,
    indexId: indexIdFromTicker(series.ticker),
    strikeWad: series.strikeWad,
    maturity: series.maturity,
  };
}

/**
 * Creates the grid's series for every maturity not listed yet at time `now`, with strikes from the index values at
 * that moment; a listed maturity keeps its strikes. Returns how many series it created.
 */
export async function ensureGrid(
  clients: Clients,
  params: { core: Address; weth: Address; oracle: Address; now: bigint; values: Map<IndexTicker, bigint> },
  known: Set<string>,
): Promise<number> {
  let created = 0;
  const listing = new Set<string>();
  for (const series of gridAt(params.now, params.values)) {
    const slot = `${series.ticker}:${series.maturity}`;
    if ((known.has(slot) && !listing.has(slot)) || series.maturity <= params.now + 3600n) continue;
    listing.add(slot);
    const key = gridKey(series, params.weth, params.oracle);
    const abiKey = { ...key, maturity: Number(key.maturity) };
    const exists = await clients.publicClient.readContract({
      address: params.core,
      abi: pnCoreAbi,
      functionName: "exists",
      args: [abiKey],
    });
    if (!exists) {
      await send(clients, {
        address: params.core,
        abi: pnCoreAbi,
        functionName: "createSeries",
        args: [abiKey],
        account: clients.walletClient.account,
        chain: clients.walletClient.chain,
      });
      created++;
    }
  }
  for (const slot of listing) known.add(slot);
  return created;
}

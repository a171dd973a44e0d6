// npm start's devnet for the specs in this directory (global-setup.ts → npmStart.ts): its description, clients and
// pages. Its replay owns chain time: these tests never move it, they wait for what the bots and the replay do.
import type { Page } from "@playwright/test";
import { pnMarketAbi } from "@pn/sdk";
import { devnetClients } from "../browser.ts";
import { readE2eStartDevnet, seriesKey } from "../devnet.ts";

export const devnet = readE2eStartDevnet();
export const { chainClient, wallet, balances } = devnetClients(devnet);
export const near = seriesKey(devnet.near);
export const rollFrom = seriesKey(devnet.rollFrom);

export function open(page: Page, hash: string) {
  return page.goto(`${devnet.webUrl}${hash}`);
}

/** The first fill of market order `orderId` (its taker and what it paid), if any. */
export async function fillOf(orderId: bigint) {
  const [filled] = await chainClient.getContractEvents({
    address: devnet.market,
    abi: pnMarketAbi,
    eventName: "OrderFilled",
    args: { orderId },
    fromBlock: 0n,
  });
  return filled?.args;
}

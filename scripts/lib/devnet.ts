// A local pn-protocol devnet: deploys WETH, the core and a DevOracle, creates one example series, and prints
// where everything is. Used by scripts/start.ts and its test.
import { indexIdFromTicker, type SeriesKey, seriesSymbol } from "@pn/core";
import { DEPLOYMENT_VERSION, type Deployment, deployCore, deployDevOracle, pnCoreAbi } from "@pn/sdk";
import {
  type Account,
  type Address,
  createPublicClient,
  createWalletClient,
  defineChain,
  type Hex,
  http,
  toHex,
} from "viem";
import { mnemonicToAccount } from "viem/accounts";

export const devMnemonic = "test test test test test test test test test test test junk";
const week = 7n * 86_400n;
/** Friday 1970-01-02 08:00 UTC: the epoch began on a Thursday. */
const firstFriday0800 = 86_400n + 8n * 3_600n;

/** Anvil's funded dev accounts: address and private key, from `devMnemonic`. */
export function devAccounts(count = 10): { address: Address; privateKey: Hex }[] {
  return Array.from({ length: count }, (_, addressIndex) => {
    const account = mnemonicToAccount(devMnemonic, { addressIndex });
    const key = account.getHdKey().privateKey;
    return { address: account.address, privateKey: key ? toHex(key) : "0x" };
  });
}

/**
 * The first Friday 08:00 UTC at least `leadSeconds` after `now` (unix seconds). The lead keeps the maturity in
 * the future by the time the creating transaction is mined.
 */
export function nextFriday0800Utc(now: bigint, leadSeconds = 3_600n): bigint {
  const earliest = now + leadSeconds;
  if (earliest < firstFriday0800) return firstFriday0800;
  return firstFriday0800 + ((earliest - firstFriday0800) / week + 1n) * week;
}

/** Clients for a devnet node. Local nodes mine at once: receipts are polled every 100 ms, not viem's 4 s. */
export function devnetClients({
  rpcUrl,
  chainId,
  account,
}: {
  rpcUrl: string;
  chainId: number;
  account: Account;
}) {
  const chain = defineChain({
    id: chainId,
    name: "pn devnet",
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [rpcUrl] } },
  });
  return {
    publicClient: createPublicClient({ chain, transport: http(rpcUrl), pollingInterval: 100 }),
    walletClient: createWalletClient({ account, chain, transport: http(rpcUrl), pollingInterval: 100 }),
  };
}

export type Devnet = {
  rpcUrl: string;
  startBlock: bigint;
  chainId: number;
  deployer: Address;
  weth: Address;
  core: Address;
  oracle: Address;
  series: { key: SeriesKey; id: Hex; pToken: Address; nToken: Address };
};

/** Deploys WETH, PNCore and a DevOracle with `account`, then creates the example series. */
export async function deployDevnet({
  rpcUrl,
  account,
  exampleStrikeWad = 1_500n * 10n ** 18n,
}: {
  rpcUrl: string;
  account: Account;
  /** Strike of the example series (1500 USD per ETH by default). */
  exampleStrikeWad?: bigint;
}): Promise<Devnet> {
  const probe = createPublicClient({ transport: http(rpcUrl) });
  const chainId = await probe.getChainId();
  const { publicClient, walletClient } = devnetClients({ rpcUrl, chainId, account });
  const startBlock = await publicClient.getBlockNumber();
  const { core, weth } = await deployCore({ walletClient, publicClient });
  const { oracle } = await deployDevOracle({ walletClient, publicClient });

  const { timestamp } = await publicClient.getBlock();
  const key: SeriesKey = {
    collateral: weth,
    oracle,
    indexId: indexIdFromTicker("USD"),
    strikeWad: exampleStrikeWad,
    maturity: nextFriday0800Utc(timestamp),
  };
  const { request, result } = await publicClient.simulateContract({
    account,
    address: core,
    abi: pnCoreAbi,
    functionName: "createSeries",
    args: [{ ...key, maturity: Number(key.maturity) }],
  });
  await publicClient.waitForTransactionReceipt({ hash: await walletClient.writeContract(request) });
  const [id, pToken, nToken] = result;
  return {
    rpcUrl,
    startBlock,
    chainId,
    deployer: account.address,
    weth,
    core,
    oracle,
    series: { key, id, pToken, nToken },
  };
}

/** The block `npm start` prints. Labels are stable: scripts/test/start.test.ts reads addresses by label. */
export function formatDevnet(
  devnet: Devnet,
  accounts: readonly { address: Address; privateKey: Hex }[],
  stack?: { oracle: Address; arbiter: Address; market: Address; router: Address; vault?: Address },
): string {
  const { key } = devnet.series;
  const row = (label: string, value: string | number) => `    ${label.padEnd(11)} ${value}`;
  const maturityIso = new Date(Number(key.maturity) * 1000).toISOString().replace(".000Z", "Z");
  const lines = [
    "pn devnet ready",
    "",
    row("RPC URL", devnet.rpcUrl),
    row("Chain ID", devnet.chainId),
    row("Deployer", devnet.deployer),
    "",
    "  Contracts",
    row("WETH", devnet.weth),
    row("PNCore", devnet.core),
    row("DevOracle", devnet.oracle),
    ...(stack === undefined
      ? []
      : [
          row("SlowOracle", stack.oracle),
          row("Arbiter", `${stack.arbiter} (dev accounts 7, 8, 9; 2 of 3)`),
          row("Market", stack.market),
          row("Router", stack.router),
          ...(stack.vault === undefined ? [] : [row("Vault", `${stack.vault} (pnUSD)`)]),
        ]),
    "",
    `  Example series ${seriesSymbol(key, "P")} / ${seriesSymbol(key, "N")}`,
    row("Series id", devnet.series.id),
    row("P token", devnet.series.pToken),
    row("N token", devnet.series.nToken),
    row("Collateral", `${devnet.weth} (WETH)`),
    row("Index", "USD (DevOracle: its deployer reports the final value)"),
    row("Strike", `${key.strikeWad / 10n ** 18n} USD per ETH (strikeWad ${key.strikeWad})`),
    row("Maturity", `${maturityIso} (${key.maturity})`),
  ];
  if (accounts.length > 0) {
    lines.push("", `  Accounts (mnemonic "${devMnemonic}")`);
    accounts.forEach((a, i) => {
      lines.push(`    (${i}) ${a.address}  ${a.privateKey}`);
    });
  }
  return lines.join("\n");
}

/** The deployment file the CLI, keepers and web app read (see @pn/sdk `Deployment`). */
export function toDeployment(devnet: Devnet): Deployment {
  return {
    version: DEPLOYMENT_VERSION,
    chainId: devnet.chainId,
    rpcUrl: devnet.rpcUrl,
    startBlock: devnet.startBlock.toString(),
    contracts: { weth: devnet.weth, core: devnet.core, devOracle: devnet.oracle },
  };
}

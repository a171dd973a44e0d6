// A SlowOracle (with a one-member CommitteeArbiter) and the USD index registered on it, for the oracle page's
// proposals, disputes and countdowns. The devnet itself settles through the DevOracle.
import { committeeArbiterAbi, committeeArbiterBytecode, slowOracleAbi, slowOracleBytecode } from "@pn/sdk";
import type { Account, Address, Chain, Hex, PublicActions, Transport, WalletClient } from "viem";
import { keccak256, parseEther, toBytes } from "viem";

type Wallet = WalletClient<Transport, Chain, Account> & PublicActions<Transport, Chain, Account>;

const WAD = 10n ** 18n;
export const SLOW_ORACLE_SETTINGS = {
  bond: parseEther("0.1"),
  challengeWindow: 2 * 3600,
  arbitrationWindow: 3 * 86_400,
  maxRounds: 4,
} as const;

async function deployed(wallet: Wallet, hash: Hex): Promise<Address> {
  const { contractAddress } = await wallet.waitForTransactionReceipt({ hash });
  if (!contractAddress) throw new Error(`deployment ${hash} created no contract`);
  return contractAddress;
}

export async function deploySlowOracle(
  wallet: Wallet,
  { indexId, sink }: { indexId: Hex; sink: Address },
): Promise<{ oracle: Address; arbiter: Address }> {
  const oracle = await deployed(
    wallet,
    await wallet.deployContract({ abi: slowOracleAbi, bytecode: slowOracleBytecode, args: [sink] }),
  );
  const arbiter = await deployed(
    wallet,
    await wallet.deployContract({
      abi: committeeArbiterAbi,
      bytecode: committeeArbiterBytecode,
      args: [oracle, [wallet.account.address], 1n],
    }),
  );
  const hash = await wallet.writeContract({
    address: oracle,
    abi: slowOracleAbi,
    functionName: "registerIndex",
    args: [
      indexId,
      {
        rulesHash: keccak256(toBytes("pn web e2e: USD")),
        ...SLOW_ORACLE_SETTINGS,
        arbiter,
        minValueWad: WAD,
        maxValueWad: 10_000_000n * WAD,
      },
    ],
  });
  await wallet.waitForTransactionReceipt({ hash });
  return { oracle, arbiter };
}

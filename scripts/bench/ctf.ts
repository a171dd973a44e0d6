// Gnosis Conditional Tokens: a binary condition (2 outcome slots, as a scalar market uses), split from and merged
// back into an ERC-20 collateral with partition [1, 2] and no parent collection.
import { type Address, encodePacked, type Hex, keccak256, zeroHash } from "viem";
import { loadCtfArtifact } from "./artifacts.ts";
import type { BenchChain } from "./chain.ts";
import { type Results, runScenario, type Weth } from "./scenario.ts";

export const QUESTION_ID = keccak256(encodePacked(["string"], ["pn-protocol gas benchmark"]));
const PARTITION = [1n, 2n] as const;

// alt_bn128 field modulus, as in CTHelpers.
const P = 21888242871839275222246405745257275088696311157297823662689037894645226208583n;

function modPow(base: bigint, exp: bigint, mod: bigint): bigint {
  let result = 1n;
  let b = base % mod;
  let e = exp;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % mod;
    b = (b * b) % mod;
    e >>= 1n;
  }
  return result;
}

/**
 * How many times CTHelpers.getCollectionId runs its square-root loop for (conditionId, indexSet): it steps x until
 * x^3 + 3 is a square mod P. Each step costs a ~250-mulmod sqrt, so CTF's gas depends on the condition id.
 */
export function collectionIdSqrtSteps(conditionId: Hex, indexSet: bigint): number {
  let x = BigInt(keccak256(encodePacked(["bytes32", "uint256"], [conditionId, indexSet])));
  for (let steps = 1; ; steps++) {
    x = (x + 1n) % P;
    const yy = (((x * x) % P) * x + 3n) % P;
    if (yy === 0n || modPow(yy, (P - 1n) / 2n, P) === 1n) return steps;
  }
}

export type CtfRun = {
  results: Results;
  address: Address;
  conditionId: Hex;
  sqrtSteps: number[];
  artifact: string;
  compiler: string;
};

export async function benchCtf(
  chain: BenchChain,
  weth: Weth,
  seeder: Address,
  holder: Address,
): Promise<CtfRun> {
  const artifact = loadCtfArtifact();
  const { abi } = artifact;
  const [deployer] = chain.accounts;
  if (deployer === undefined) throw new Error("no accounts");
  const ctf = await chain.deploy(deployer, artifact);
  const oracle = deployer;
  await chain.send(deployer, ctf, abi, "prepareCondition", [oracle, QUESTION_ID, 2n]);
  const conditionId = (await chain.publicClient.readContract({
    address: ctf,
    abi,
    functionName: "getConditionId",
    args: [oracle, QUESTION_ID, 2n],
  })) as Hex;
  const positionIds = await Promise.all(
    PARTITION.map(async (indexSet) => {
      const collectionId = await chain.publicClient.readContract({
        address: ctf,
        abi,
        functionName: "getCollectionId",
        args: [zeroHash, conditionId, indexSet],
      });
      return (await chain.publicClient.readContract({
        address: ctf,
        abi,
        functionName: "getPositionId",
        args: [weth.address, collectionId],
      })) as bigint;
    }),
  );
  const args = (amount: bigint) => [weth.address, zeroHash, conditionId, PARTITION, amount];

  const results = await runScenario(
    chain,
    weth,
    {
      spender: ctf,
      split: (from, amount) => chain.measure(from, ctf, abi, "splitPosition", args(amount)),
      merge: (from, amount) => chain.measure(from, ctf, abi, "mergePositions", args(amount)),
      balances: async (who) => {
        const b = (await chain.publicClient.readContract({
          address: ctf,
          abi,
          functionName: "balanceOfBatch",
          args: [[who, who], positionIds],
        })) as readonly bigint[];
        return [b[0] ?? 0n, b[1] ?? 0n] as const;
      },
    },
    seeder,
    holder,
  );
  return {
    results,
    address: ctf,
    conditionId,
    sqrtSteps: PARTITION.map((i) => collectionIdSqrtSteps(conditionId, i)),
    artifact: artifact.source,
    compiler: artifact.compiler,
  };
}

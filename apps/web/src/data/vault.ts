// Reads of the deployment's vaults (IPNVault): rules, state, holdings, the share token, the account's shares and
// claim, and the roll history from the vault's events.

import { VAULT_PHASES, VAULT_ROLL_REASON, type VaultPhase } from "@pn/core";
import { pnVaultAbi, type VaultRules } from "@pn/sdk";
import { useQuery } from "@tanstack/react-query";
import { type Address, erc20Abi } from "viem";
import { useApp } from "./app.tsx";

/** `IPNVaultBase.RollReason` names by value, in lower case ("scheduled"), from the core's `VAULT_ROLL_REASON`. */
const ROLL_REASONS = Object.fromEntries(
  Object.entries(VAULT_ROLL_REASON).map(([name, value]) => [value, name.toLowerCase()]),
) as Record<number, string>;

export type VaultView = {
  name: string;
  address: Address;
  tokenName: string;
  symbol: string;
  rules: VaultRules;
  phase: VaultPhase;
  strikeWad: bigint;
  maturity: bigint;
  lastRollAt: bigint;
  secondStrikeWad: bigint;
  secondMaturity: bigint;
  deadline: bigint;
  orderId: bigint;
  currentHeld: bigint;
  secondToken: Address;
  secondHeld: bigint;
  totalSupply: bigint;
  shares: bigint;
  /** The account's claim now: P of the current series and the second asset. */
  claim: { current: bigint; second: bigint };
  scheduledAt: bigint;
  signalBelowWad: bigint;
  signalAllowedAt: bigint;
};

export function useVault(name: string, address: Address, account: Address | undefined) {
  const { client } = useApp();
  return useQuery({
    queryKey: ["vault", address, account ?? ""],
    refetchInterval: 4_000,
    queryFn: async (): Promise<VaultView> => {
      const v = { address, abi: pnVaultAbi } as const;
      const t = { address, abi: erc20Abi } as const;
      const [rules, state, holdings, next, totalSupply, tokenName, symbol, shares] = await Promise.all([
        client.readContract({ ...v, functionName: "rules" }),
        client.readContract({ ...v, functionName: "state" }),
        client.readContract({ ...v, functionName: "holdings" }),
        client.readContract({ ...v, functionName: "nextRoll" }),
        client.readContract({ ...t, functionName: "totalSupply" }),
        client.readContract({ ...t, functionName: "name" }),
        client.readContract({ ...t, functionName: "symbol" }),
        account === undefined
          ? Promise.resolve(0n)
          : client.readContract({ ...t, functionName: "balanceOf", args: [account] }),
      ]);
      const [current, second] =
        shares > 0n
          ? await client.readContract({ ...v, functionName: "previewWithdraw", args: [shares] })
          : [0n, 0n];
      return {
        name,
        address,
        tokenName,
        symbol,
        rules,
        phase: VAULT_PHASES[state.phase] ?? "Holding",
        strikeWad: state.strikeWad,
        maturity: BigInt(state.maturity),
        lastRollAt: BigInt(state.lastRollAt),
        secondStrikeWad: state.secondStrikeWad,
        secondMaturity: BigInt(state.secondMaturity),
        deadline: BigInt(state.deadline),
        orderId: BigInt(state.orderId),
        currentHeld: holdings[0],
        secondToken: holdings[1],
        secondHeld: holdings[2],
        totalSupply,
        shares,
        claim: { current, second },
        scheduledAt: next[0],
        signalBelowWad: next[1],
        signalAllowedAt: next[2],
      };
    },
  });
}

/** One line of a vault's history: a roll started or ended, a re-entry, a move to a new series, deposits. */
export type VaultEvent = {
  blockNumber: bigint;
  logIndex: number;
  timestamp: bigint;
  kind: "roll" | "closed" | "reentered" | "advanced" | "reposted" | "deposit" | "withdraw";
  /** What happened, in the page's words (amounts formatted by the page from the fields). */
  fields: Record<string, bigint | string | number>;
};

/** The vault's events, newest first, with block timestamps. */
export function useVaultHistory(address: Address) {
  const { client, deployment } = useApp();
  return useQuery({
    queryKey: ["vaultHistory", address],
    refetchInterval: 6_000,
    queryFn: async (): Promise<VaultEvent[]> => {
      const logs = await client.getContractEvents({
        address,
        abi: pnVaultAbi,
        fromBlock: BigInt(deployment.startBlock),
        strict: true,
      });
      const blocks = [...new Set(logs.map((l) => l.blockNumber))];
      const stamps = new Map(
        await Promise.all(
          blocks.map(async (n) => [n, (await client.getBlock({ blockNumber: n })).timestamp] as const),
        ),
      );
      const out: VaultEvent[] = [];
      for (const log of logs) {
        const base = {
          blockNumber: log.blockNumber,
          logIndex: log.logIndex,
          timestamp: stamps.get(log.blockNumber) ?? 0n,
        };
        switch (log.eventName) {
          case "RollStarted":
            out.push({
              ...base,
              kind: "roll",
              fields: {
                orderId: log.args.orderId,
                fromId: log.args.fromId,
                toId: log.args.toId,
                reason: ROLL_REASONS[log.args.plan.reason] ?? "none",
                hintWad: log.args.hintWad,
                strikeWad: log.args.plan.strikeWad,
                maturity: log.args.plan.maturity,
                amount: log.args.plan.amount,
                startPriceWad: log.args.plan.startPriceWad,
                floorPriceWad: log.args.plan.floorPriceWad,
                deadline: log.args.plan.deadline,
                caller: log.args.caller,
                reward: log.args.plan.reward,
              },
            });
            break;
          case "AuctionClosed":
            out.push({
              ...base,
              kind: "closed",
              fields: {
                orderId: log.args.orderId,
                phase: VAULT_PHASES[log.args.phase] ?? "Holding",
                leftover: log.args.leftover,
              },
            });
            break;
          case "Reentered":
            out.push({
              ...base,
              kind: "reentered",
              fields: {
                orderId: log.args.orderId,
                id: log.args.id,
                xWad: log.args.xWad,
                collateral: log.args.collateral,
                reward: log.args.reward,
              },
            });
            break;
          case "SeriesAdvanced":
            out.push({ ...base, kind: "advanced", fields: { fromId: log.args.fromId, toId: log.args.toId } });
            break;
          case "AuctionReposted":
            out.push({
              ...base,
              kind: "reposted",
              fields: {
                oldOrderId: log.args.oldOrderId,
                newOrderId: log.args.newOrderId,
                amount: log.args.amount,
              },
            });
            break;
          case "Deposit":
            out.push({
              ...base,
              kind: "deposit",
              fields: { to: log.args.to, pIn: log.args.pIn, shares: log.args.shares },
            });
            break;
          case "Withdraw":
            out.push({
              ...base,
              kind: "withdraw",
              fields: {
                owner: log.args.owner,
                shares: log.args.shares,
                curOut: log.args.curOut,
                secondOut: log.args.secondOut,
                collateralOut: log.args.collateralOut,
              },
            });
            break;
          default:
            break;
        }
      }
      return out.sort((a, b) =>
        a.blockNumber === b.blockNumber ? b.logIndex - a.logIndex : a.blockNumber < b.blockNumber ? 1 : -1,
      );
    },
  });
}

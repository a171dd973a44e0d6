// `pn vault deposit <vault> <eth>`, `pn vault withdraw <vault> <shares>`, `pn vault status <vault>`: a rules-only
// index vault. <vault> is a name from the deployment file's `vaults` (e.g. pnUSD) or an address.

import { depositToVault, getVault, pnVaultAbi, withdrawFromVault } from "@pn/sdk";
import type { Command } from "commander";
import { type Address, isAddress } from "viem";
import { requireEth } from "../chain/checks.ts";
import type { Context } from "../chain/context.ts";
import { sendTx } from "../chain/tx.ts";
import { InsufficientBalanceError, PreconditionError } from "../errors.ts";
import { emitResult, formatAmount, formatTime } from "../format.ts";
import { parseAmount, parsePositiveDecimal } from "../inputs.ts";
import type { CliIo } from "../io.ts";
import { addConnectionOptions, openContext, type ProtocolOptions } from "./protocol.ts";

function resolveVault(ctx: Context, name: string): Address {
  if (isAddress(name)) return name;
  const vaults = ctx.deployment.contracts.vaults ?? {};
  const found = vaults[name];
  if (found === undefined) {
    const known = Object.keys(vaults);
    throw new PreconditionError({
      problem: `No vault named ${name} in this deployment.`,
      fix:
        known.length > 0
          ? `Use one of: ${known.join(", ")}, or a vault address.`
          : "Pass the vault's address.",
    });
  }
  return found;
}

export function registerVault(program: Command, io: CliIo): void {
  const vault = program
    .command("vault")
    .description("Deposit into, withdraw from or inspect an index vault.");
  addConnectionOptions(
    vault
      .command("deposit")
      .description("Deposit ETH: the vault keeps the P, you receive shares and the N.")
      .argument("<vault>", "vault name from the deployment (e.g. pnUSD) or address")
      .argument("<amount>", "ETH to deposit, e.g. 1.5"),
    { signs: true },
  ).action((name: string, amount: string, options: ProtocolOptions) =>
    depositAction(io, name, amount, options),
  );
  addConnectionOptions(
    vault
      .command("withdraw")
      .description("Burn shares for their pro-rata part of what the vault holds, in kind.")
      .argument("<vault>", "vault name from the deployment (e.g. pnUSD) or address")
      .argument("<shares>", "shares to burn, e.g. 1.5"),
    { signs: true },
  ).action((name: string, shares: string, options: ProtocolOptions) =>
    withdrawAction(io, name, shares, options),
  );
  addConnectionOptions(
    vault
      .command("status")
      .description("Supply, holdings, next roll, and your position.")
      .argument("<vault>", "vault name from the deployment (e.g. pnUSD) or address"),
    { signs: false },
  ).action((name: string, options: ProtocolOptions) => statusAction(io, name, options));
}

async function depositAction(io: CliIo, name: string, amountText: string, options: ProtocolOptions) {
  parsePositiveDecimal("amount", amountText);
  const ctx = await openContext(io, options);
  const wallet = ctx.wallet();
  const vault = resolveVault(ctx, name);
  const amount = parseAmount("amount", amountText, 18);
  await requireEth(ctx, wallet.account.address, amount, "depositing");
  const {
    hash,
    result: { shares },
  } = await sendTx(ctx, "vault deposit", () => depositToVault(wallet, { vault, amount }));
  const data = {
    action: "vault deposit",
    vault,
    deposited: formatAmount(amount, 18),
    shares: formatAmount(shares, 18),
    hash,
  };
  emitResult(io, options.json === true, data, () =>
    [
      `Deposited ${data.deposited} ETH into ${name}: ${data.shares} shares, and the N is yours.`,
      `  tx ${hash}`,
    ].join("\n"),
  );
}

async function withdrawAction(io: CliIo, name: string, sharesText: string, options: ProtocolOptions) {
  parsePositiveDecimal("shares", sharesText);
  const ctx = await openContext(io, options);
  const wallet = ctx.wallet();
  const vault = resolveVault(ctx, name);
  const shares = parseAmount("shares", sharesText, 18);
  const owner = wallet.account.address;
  const held = await ctx.client.readContract({
    address: vault,
    abi: pnVaultAbi,
    functionName: "balanceOf",
    args: [owner],
  });
  if (held < shares) {
    throw new InsufficientBalanceError({
      holder: owner,
      holds: `${formatAmount(held, 18)} shares of ${name}`,
      needs: `withdrawing needs ${formatAmount(shares, 18)}`,
      fix: "Withdraw at most your shares (`pn vault status` shows them).",
    });
  }
  const { hash } = await sendTx(ctx, "vault withdraw", () => withdrawFromVault(wallet, { vault, shares }));
  const data = { action: "vault withdraw", vault, shares: formatAmount(shares, 18), hash };
  emitResult(io, options.json === true, data, () =>
    [`Withdrew ${data.shares} shares of ${name}, paid pro rata in kind.`, `  tx ${hash}`].join("\n"),
  );
}

async function statusAction(io: CliIo, name: string, options: ProtocolOptions) {
  const ctx = await openContext(io, options);
  const vault = resolveVault(ctx, name);
  const owner = ctx.account?.address;
  const v = await getVault(ctx.client, { vault, ...(owner === undefined ? {} : { owner }) });
  const fmt = (x: bigint) => formatAmount(x, 18);
  const data = {
    vault,
    name: v.name,
    symbol: v.symbol,
    totalSupply: fmt(v.totalSupply),
    holdings: {
      currentP: fmt(v.holdings.current),
      secondToken: v.holdings.secondToken,
      second: fmt(v.holdings.second),
    },
    nextRoll: {
      scheduledAt: formatTime(v.nextRoll.scheduledAt),
      signalBelow: fmt(v.nextRoll.signalBelowWad),
      signalAllowedAt: formatTime(v.nextRoll.signalAllowedAt),
    },
    ...(v.position === undefined
      ? {}
      : {
          position: {
            shares: fmt(v.position.shares),
            currentP: fmt(v.position.currentOut),
            second: fmt(v.position.secondOut),
          },
        }),
  };
  emitResult(io, options.json === true, data, () =>
    [
      `${v.name} (${v.symbol}) at ${vault}`,
      `  supply ${data.totalSupply} shares; holds ${data.holdings.currentP} P of its current series`,
      `  next scheduled roll ${data.nextRoll.scheduledAt}; a signal below ${data.nextRoll.signalBelow} rolls earlier`,
      ...(data.position === undefined
        ? []
        : [`  you: ${data.position.shares} shares → ${data.position.currentP} P`]),
    ].join("\n"),
  );
}

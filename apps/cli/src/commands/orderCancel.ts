// `pn order cancel <id> [--eth]`: closes an order and returns exactly its unfilled escrow to its maker. The maker
// may cancel at any time, anyone once the order has expired; both are checked before anything is sent.

import { cancel, getOrder, pnMarketAbi } from "@pn/sdk";
import type { Command } from "commander";
import { isAddressEqual, parseEventLogs } from "viem";
import { hashOnly, sendTx } from "../chain/tx.ts";
import { PreconditionError } from "../errors.ts";
import { emitResult, formatAmount, formatTime } from "../format.ts";
import type { CliIo } from "../io.ts";
import { parseOrderId, tokenNamer } from "./orderShared.ts";
import { addConnectionOptions, openContext, type ProtocolOptions } from "./protocol.ts";

type Options = ProtocolOptions & { eth?: boolean };

export function registerOrderCancel(order: Command, io: CliIo): void {
  const command = order
    .command("cancel")
    .description(
      "Cancel an order: its unfilled escrow goes back to its maker (anyone may cancel an expired order).",
    )
    .argument("<id>", "the order id (`pn order list`)")
    .option("--eth", "a bid escrowing WETH: take the refund in native ETH (maker only)");
  addConnectionOptions(command, { signs: true }).action((id: string, options: Options) =>
    cancelAction(io, id, options),
  );
}

async function cancelAction(io: CliIo, idText: string, options: Options): Promise<void> {
  const orderId = parseOrderId(idText);
  const ctx = await openContext(io, options);
  const market = ctx.requireContract("market", "cancelling an order");
  const me = ctx.wallet().account.address;
  const order = await getOrder(ctx.client, { market, orderId });
  if (!order.open) {
    throw new PreconditionError({
      problem: `Order #${orderId} is not open: it was filled, cancelled, or never posted.`,
      fix: "Run `pn order list` for the open orders.",
    });
  }
  const now = await ctx.now();
  const expired = order.expiry !== 0n && now >= order.expiry;
  const mine = isAddressEqual(order.maker, me);
  if (!mine && !expired) {
    throw new PreconditionError({
      problem: `Order #${orderId} belongs to ${order.maker}; only its maker may cancel it before it expires${order.expiry === 0n ? " (it never does)" : ` at ${formatTime(order.expiry)}`}.`,
      fix: "Cancel from the maker's account, or wait for the expiry.",
    });
  }
  const eth = options.eth === true;
  if (eth && (!mine || !order.isBid || !isAddressEqual(order.counterToken, ctx.deployment.contracts.weth))) {
    throw new PreconditionError({
      problem: "--eth works only for the maker's own bids escrowing WETH.",
      fix: "Drop --eth: the refund is then paid in the escrowed token.",
    });
  }
  const { hash, receipt } = await sendTx(ctx, "cancel", () =>
    hashOnly(cancel(ctx.wallet(), { market, orderId, toEth: eth })),
  );
  const closed = parseEventLogs({ abi: pnMarketAbi, logs: receipt.logs, eventName: "OrderClosed" })[0];
  const name = await tokenNamer(ctx);
  const refundToken = order.isBid ? (eth ? "ETH" : name(order.counterToken)) : name(order.token);
  const data = {
    action: "order cancel",
    orderId: orderId.toString(),
    maker: order.maker,
    refund: `${formatAmount(closed?.args.refund ?? 0n, 18)} ${refundToken}`,
    hash,
  };
  emitResult(io, options.json === true, data, () =>
    [`Cancelled order #${orderId}; ${data.refund} went back to ${order.maker}.`, `  tx ${hash}`].join("\n"),
  );
}

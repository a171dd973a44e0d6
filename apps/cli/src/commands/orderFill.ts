// `pn order fill <id> <amount> [--eth] [--to <address>]`: takes part or all of an open order at its current
// price. An ask costs `ceil(amount × price)` of its wanted token (or ETH with --eth for a WETH ask; the price
// only falls, so the quote covers it); a bid takes the tokens and pays `floor(amount × price)` (in ETH with
// --eth). Balances are checked and exactly the amount approved before anything is sent.

import { fill, fillToETH, getOrder, pnMarketAbi, quoteFill } from "@pn/sdk";
import type { Command } from "commander";
import { type Address, isAddressEqual, parseEventLogs } from "viem";
import { requireEth } from "../chain/checks.ts";
import { hashOnly } from "../chain/tx.ts";
import { PreconditionError } from "../errors.ts";
import { emitResult, formatAmount } from "../format.ts";
import { parseAddress, parseAmount, parsePositiveDecimal } from "../inputs.ts";
import type { CliIo } from "../io.ts";
import { type Approval, afterApprovals, parseOrderId, requireToken, tokenNamer } from "./orderShared.ts";
import { addConnectionOptions, openContext, type ProtocolOptions } from "./protocol.ts";

type Options = ProtocolOptions & { eth?: boolean; to?: string };

export function registerOrderFill(order: Command, io: CliIo): void {
  const command = order
    .command("fill")
    .description("Fill part or all of an open order at its current price.")
    .argument("<id>", "the order id (`pn order list`)")
    .argument("<amount>", "tokens to take from the order, e.g. 1.5")
    .option("--eth", "pay a WETH ask in native ETH, or take a WETH bid's payout in ETH")
    .option("--to <address>", "who receives what the fill pays out (default: you)");
  addConnectionOptions(command, { signs: true }).action((id: string, amount: string, options: Options) =>
    fillAction(io, { id, amount, options }),
  );
}

async function fillAction(io: CliIo, input: { id: string; amount: string; options: Options }): Promise<void> {
  const { options } = input;
  const orderId = parseOrderId(input.id);
  parsePositiveDecimal("amount", input.amount);
  const to = options.to === undefined ? undefined : parseAddress("--to", options.to);
  const ctx = await openContext(io, options);
  const market = ctx.requireContract("market", "filling an order");
  const me = ctx.wallet().account.address;
  const amount = parseAmount("amount", input.amount, 18);
  const order = await getOrder(ctx.client, { market, orderId });
  if (order.fillable === 0n) {
    throw new PreconditionError({
      problem: `Order #${orderId} cannot be filled: it is ${order.open ? "expired" : "filled, cancelled or unknown"}.`,
      fix: "Run `pn order list` for the open orders.",
    });
  }
  if (amount > order.fillable) {
    throw new PreconditionError({
      problem: `Order #${orderId} has only ${formatAmount(order.fillable, 18)} open; asked for ${input.amount}.`,
      fix: `Fill at most ${formatAmount(order.fillable, 18)}.`,
    });
  }
  const eth = options.eth === true;
  const weth = ctx.deployment.contracts.weth;
  const name = await tokenNamer(ctx);
  if (eth && !isAddressEqual(order.counterToken, weth)) {
    throw new PreconditionError({
      problem: `--eth works only for orders against WETH; order #${orderId} is against ${name(order.counterToken)}.`,
      fix: "Drop --eth.",
    });
  }
  const counter = await quoteFill(ctx.client, { market, orderId, amount });
  const pays = order.isBid ? { token: order.token, amount } : { token: order.counterToken, amount: counter };
  const approvals: Approval[] = [];
  if (order.isBid || !eth) {
    await requireToken(ctx, {
      token: pays.token,
      owner: me,
      needed: pays.amount,
      name: name(pays.token),
      what: `filling order #${orderId}`,
      fix: "Lower the amount, or acquire the tokens first.",
    });
    approvals.push({
      token: pays.token,
      spender: market,
      amount: pays.amount,
      label: `approve ${formatAmount(pays.amount, 18)} ${name(pays.token)} to the market`,
    });
  } else await requireEth(ctx, me, counter, `filling order #${orderId}`);
  const recipient: Address = to ?? me;
  const { sent, approvals: sentApprovals } = await afterApprovals(ctx, {
    approvals,
    action: "fill",
    send: () =>
      hashOnly(
        order.isBid && eth
          ? fillToETH(ctx.wallet(), { market, orderId, amount, to: recipient })
          : fill(ctx.wallet(), { market, orderId, amount, to: recipient, payWithEth: eth, maxCost: counter }),
      ),
    nothingMoved: "Nothing was filled.",
  });
  const filled = parseEventLogs({ abi: pnMarketAbi, logs: sent.receipt.logs, eventName: "OrderFilled" })[0];
  const moved = filled?.args.counterAmount ?? counter;
  const counterName = eth ? "ETH" : name(order.counterToken);
  const data = {
    action: "order fill",
    orderId: orderId.toString(),
    side: order.isBid ? "sold into a bid" : "bought from an ask",
    amount: `${formatAmount(amount, 18)} ${name(order.token)}`,
    [order.isBid ? "received" : "paid"]: `${formatAmount(moved, 18)} ${counterName}`,
    remaining: formatAmount(filled?.args.remaining ?? 0n, 18),
    hash: sent.hash,
    approvalHashes: sentApprovals,
  };
  emitResult(io, options.json === true, data, () =>
    [
      order.isBid
        ? `Sold ${data.amount} into bid #${orderId} for ${formatAmount(moved, 18)} ${counterName}.`
        : `Bought ${data.amount} from ask #${orderId} for ${formatAmount(moved, 18)} ${counterName}.`,
      `  ${data.remaining} left open; tx ${sent.hash}`,
    ].join("\n"),
  );
}

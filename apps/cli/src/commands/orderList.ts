// `pn order list [--series <name>] [--maker <address> | --mine] [--all]`: the market's orders from its events,
// with each order's state and its price now (an auction's current point on its curve, from the @pn/core mirror).

import { orderPriceAt } from "@pn/core";
import { type ListedOrder, listOrders } from "@pn/sdk";
import type { Command } from "commander";
import type { Address } from "viem";
import { resolveSeries } from "../chain/series.ts";
import { emitResult, formatAmount, formatTime, table } from "../format.ts";
import { parseAddress } from "../inputs.ts";
import type { CliIo } from "../io.ts";
import { tokenNamer } from "./orderShared.ts";
import { addConnectionOptions, openContext, type ProtocolOptions } from "./protocol.ts";

type Options = ProtocolOptions & { series?: string; maker?: string; mine?: boolean; all?: boolean };

export function registerOrderList(order: Command, io: CliIo): void {
  const command = order
    .command("list")
    .description("List the market's orders with their price now.")
    .option("--series <name>", "only orders on this series' P and N")
    .option("--maker <address>", "only this maker's orders")
    .option("--mine", "only the signer's orders")
    .option("--all", "also filled and cancelled orders");
  addConnectionOptions(command, { signs: false }).action((options: Options) => listAction(io, options));
}

function kindOf(o: ListedOrder, wantsCollateral: boolean): string {
  if (o.isBid) return "bid";
  if (!wantsCollateral) return "roll";
  return o.duration === 0n ? "ask" : "auction";
}

async function listAction(io: CliIo, options: Options): Promise<void> {
  const maker = options.maker === undefined ? undefined : parseAddress("--maker", options.maker);
  const ctx = await openContext(io, options);
  const market = ctx.requireContract("market", "listing orders");
  const who = maker ?? (options.mine === true ? ctx.wallet().account.address : undefined);
  const tokens: Address[] | undefined =
    options.series === undefined
      ? undefined
      : await resolveSeries(ctx, options.series).then((s) => [s.pToken, s.nToken]);
  const orders = await listOrders(ctx.client, {
    market,
    fromBlock: ctx.startBlock,
    ...(tokens === undefined ? {} : { tokens }),
    ...(who === undefined ? {} : { maker: who }),
    includeClosed: options.all === true,
  });
  const now = await ctx.now();
  const name = await tokenNamer(ctx);
  const rows = orders.map((o) => {
    const wantsCollateral = !name(o.counterToken).match(/^[PN]-/);
    const expired = o.expiry !== 0n && now >= o.expiry;
    return {
      id: o.id.toString(),
      kind: kindOf(o, wantsCollateral),
      status: !o.open ? "closed" : expired ? "expired" : "open",
      token: name(o.token),
      counter: name(o.counterToken),
      amount: formatAmount(o.open ? o.amount : o.postedAmount, 18),
      priceNow: o.open ? formatAmount(orderPriceAt(o, now), 18) : null,
      start: formatAmount(o.priceWad, 18),
      floor: o.isBid || o.duration === 0n ? null : formatAmount(o.floorPriceWad, 18),
      endsAt: o.duration === 0n ? null : formatTime(o.startTime + o.duration),
      expiry: o.expiry === 0n ? null : formatTime(o.expiry),
      maker: o.maker,
    };
  });
  emitResult(io, options.json === true, { now: formatTime(now), orders: rows }, () =>
    rows.length === 0
      ? "No orders."
      : table(
          [
            "ID",
            "KIND",
            "STATUS",
            "TOKEN",
            "FOR",
            "AMOUNT",
            "PRICE NOW",
            "FLOOR",
            "CURVE ENDS",
            "EXPIRES",
            "MAKER",
          ],
          rows.map((r) => [
            r.id,
            r.kind,
            r.status,
            r.token,
            r.counter,
            r.amount,
            r.priceNow ?? "-",
            r.floor ?? "-",
            r.endsAt ?? "-",
            r.expiry ?? "never",
            `${r.maker.slice(0, 8)}…`,
          ]),
        ),
  );
}

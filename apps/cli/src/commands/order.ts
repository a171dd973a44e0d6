// `pn order post|cancel|fill|list`: resting orders and Dutch auctions on the market (docs/market.md).

import type { Command } from "commander";
import type { CliIo } from "../io.ts";
import { registerOrderCancel } from "./orderCancel.ts";
import { registerOrderFill } from "./orderFill.ts";
import { registerOrderList } from "./orderList.ts";
import { registerOrderPost } from "./orderPost.ts";

export function registerOrder(program: Command, io: CliIo): void {
  const order = program.command("order").description("Post, fill, cancel and list orders on the market.");
  registerOrderPost(order, io);
  registerOrderCancel(order, io);
  registerOrderFill(order, io);
  registerOrderList(order, io);
}

// `pn oracle status|propose|dispute`: the slow oracle's questions ("what was index T at time M?").

import type { Command } from "commander";
import type { CliIo } from "../io.ts";
import { registerOracleDispute, registerOraclePropose } from "./oracleAnswer.ts";
import { registerOracleStatus } from "./oracleStatus.ts";

export function registerOracle(program: Command, io: CliIo): void {
  const oracle = program
    .command("oracle")
    .description("The slow oracle: question status, proposals and disputes.");
  registerOracleStatus(oracle, io);
  registerOraclePropose(oracle, io);
  registerOracleDispute(oracle, io);
}

// `pn series list|create`.

import type { Command } from "commander";
import type { CliIo } from "../io.ts";
import { registerSeriesCreate } from "./seriesCreate.ts";
import { registerSeriesList } from "./seriesList.ts";

export function registerSeries(program: Command, io: CliIo): void {
  const series = program.command("series").description("List and create series.");
  registerSeriesList(series, io);
  registerSeriesCreate(series, io);
}

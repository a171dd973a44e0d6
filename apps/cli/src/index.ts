// @pn/cli as a library: build the `pn` program (for tests and for apps that embed it).

export type { CliIo } from "./io.ts";
export { buildProgram, COMMANDS, type RegisterCommand, runCli } from "./program.ts";

// Where a run of `pn` reads its environment and writes its output. The real program uses the process; tests pass
// their own to run the CLI in-process and capture what it prints.

export type Writer = { write(text: string): unknown };

export type CliIo = {
  stdout: Writer;
  stderr: Writer;
  /** The environment the config reads (PN_RPC_URL, PN_PRIVATE_KEY, PN_DEPLOYMENT, PN_ACCOUNT_INDEX). */
  env: Readonly<Record<string, string | undefined>>;
};

export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env };
}

/** One line of progress on stderr, so stdout stays clean for `--json`. */
export function progress(io: CliIo, line: string): void {
  io.stderr.write(`${line}\n`);
}

// CLI errors: a bad option value. Library errors (PnError) pass through with their own instructive messages.

import { PnError } from "@pn/core";

export class CliUsageError extends PnError {
  override name = "CliUsageError";
  constructor({ problems, command }: { problems: readonly string[]; command: string }) {
    super(`Invalid options for \`pn ${command}\`.`, {
      metaMessages: problems.map((p) => `  ${p}`),
      fix: `Run \`pn ${command} --help\` for the options and their ranges.`,
    });
  }
}

// The daemon's typed errors; each says what to do.

import { KeeperError } from "../framework/errors.ts";

/** The configured series is not on the core. */
export class DaemonSeriesError extends KeeperError {
  override name = "DaemonSeriesError";
  constructor({ id }: { id: string }) {
    super(`Series ${id} is not a series of the configured core.`, {
      fix: "Set daemon.series to the id of the series whose P you hold (`pn series list` shows ids).",
    });
  }
}

/** The chain contradicts what the daemon recorded (e.g. a confirmed post without its order). */
export class RollStateError extends KeeperError {
  override name = "RollStateError";
  constructor({ epoch, problem }: { epoch: number; problem: string }) {
    super(`Roll ${epoch}: ${problem}.`, {
      fix: "Check the market address in the config and the transaction in the state database; the daemon retries with backoff meanwhile.",
    });
  }
}

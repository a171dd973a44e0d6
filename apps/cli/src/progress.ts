// A progress bar on stderr, drawn only when stderr is a terminal (so pipes and tests stay clean).

export type Progress = { update(done: number, total: number): void; finish(): void };

export function createProgress(label: string, enabled = process.stderr.isTTY === true): Progress {
  let last = -1;
  return {
    update(done, total) {
      if (!enabled || total <= 0) return;
      const percent = Math.floor((100 * done) / total);
      if (percent === last) return;
      last = percent;
      const width = 30;
      const filled = Math.round((width * done) / total);
      process.stderr.write(
        `\r${label} [${"#".repeat(filled)}${".".repeat(width - filled)}] ${percent}% (${done}/${total})`,
      );
    },
    finish() {
      if (enabled && last >= 0) process.stderr.write("\n");
    },
  };
}

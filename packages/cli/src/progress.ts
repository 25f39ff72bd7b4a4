import cliProgress from 'cli-progress';

/** A progress bar on stderr (so --json stdout stays clean); silent when stderr is not a TTY or in CI. */
export function progressBar(total: number, label: string) {
  const enabled = Boolean(process.stderr.isTTY) && !process.env.CI;
  if (!enabled) return { update: (_n: number) => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    { format: `${label} [{bar}] {percentage}% | {value}/{total}`, stream: process.stderr },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return { update: (n: number) => bar.update(n), stop: () => bar.stop() };
}

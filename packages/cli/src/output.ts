/** Prints a value as JSON (for --json) or via a human formatter. */
export function emit<T>(value: T, json: boolean | undefined, human: (v: T) => string): void {
  process.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : `${human(value)}\n`);
}

/** A usage or data error: printed without a stack, exit code 2. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

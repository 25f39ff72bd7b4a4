import { vi } from 'vitest';
import { buildProgram } from './program.ts';

/** Runs the CLI in-process for a test: captured stdout, the thrown message (if any) and the exit code set. */
export async function runCli(args: string[]): Promise<{ out: string; error?: string; exitCode: number }> {
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  let error: string | undefined;
  try {
    await buildProgram()
      .exitOverride()
      .parseAsync(['node', 'kaifaqu', ...args]);
  } catch (err) {
    error = (err as Error).message;
  } finally {
    spy.mockRestore();
  }
  const exitCode = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { out, error, exitCode };
}

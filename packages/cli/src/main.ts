import { buildProgram } from './program.ts';

const program = buildProgram();
try {
  await program.parseAsync(process.argv);
} catch (err) {
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`kaifaqu: ${message}\n`);
  process.exitCode = (err as { exitCode?: number }).exitCode ?? (process.exitCode || 1);
}

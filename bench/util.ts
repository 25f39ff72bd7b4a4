import { readFileSync } from 'node:fs';

/** Times fn over `runs` runs after `warmup` runs; returns milliseconds per run (median, p95, min). */
export async function time(fn: () => unknown | Promise<unknown>, runs = 20, warmup = 3) {
  for (let i = 0; i < warmup; i++) await fn();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  const at = (q: number) => ms[Math.min(ms.length - 1, Math.floor(q * ms.length))];
  return { median: at(0.5), p95: at(0.95), min: ms[0], runs };
}

export function fmt(ms: number): string {
  return ms < 1 ? `${(ms * 1000).toFixed(0)} µs` : `${ms.toFixed(2)} ms`;
}

/** The value of `--name=value` among a benchmark's arguments (the value may itself contain `=`). */
export function argValue(args: string[], name: string): string | undefined {
  return args
    .find((a) => a.startsWith(`--${name}=`))
    ?.split('=')
    .slice(1)
    .join('=');
}

/** A process's command name and the CPU milliseconds (user + system) it has used, from /proc/<pid>/stat (Linux). */
export function processCpu(pid: number | string): { name: string; ms: number } {
  const m = /^\d+ \((.*)\) (.*)$/s.exec(readFileSync(`/proc/${pid}/stat`, 'utf8').trim());
  if (!m) throw new Error(`unreadable /proc/${pid}/stat`);
  const f = m[2].split(' ');
  // utime and stime, in clock ticks of 10 ms (USER_HZ)
  return { name: m[1], ms: (Number(f[11]) + Number(f[12])) * 10 };
}

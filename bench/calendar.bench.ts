// Working-day calendar: 1,000,000 addWorkingDays / workingDaysBetween calls over the real 2004–2026 calendar.
import { defaultCalculator } from '../packages/core/src/calendar/index.ts';
import { fmt, time } from './util.ts';

export default async function (_args: string[]) {
  const t0 = performance.now();
  const calc = defaultCalculator();
  console.log(`build calculator (${calc.years[0]}–${calc.years.at(-1)}): ${fmt(performance.now() - t0)}`);

  // Pre-made inputs so the loop measures the calls, not string building: dates across 2024–2026, n in 1..60.
  const N = 1_000_000;
  const dates: string[] = [];
  for (let m = 1; m <= 12; m++)
    for (let d = 1; d <= 28; d++)
      for (const y of [2024, 2025]) dates.push(`${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
  let sink = 0;
  const add = await time(
    () => {
      for (let i = 0; i < N; i++) sink += calc.addWorkingDays(dates[i % dates.length], 1 + (i % 60)).length;
    },
    5,
    2,
  );
  console.log(`1,000,000 addWorkingDays: median ${fmt(add.median)}, p95 ${fmt(add.p95)}, min ${fmt(add.min)} (${add.runs} runs)`);
  const between = await time(
    () => {
      for (let i = 0; i < N; i++) sink += calc.workingDaysBetween(dates[i % dates.length], dates[(i * 7 + 13) % dates.length]);
    },
    5,
    2,
  );
  console.log(
    `1,000,000 workingDaysBetween: median ${fmt(between.median)}, p95 ${fmt(between.p95)}, min ${fmt(between.min)} (${between.runs} runs)`,
  );
  if (sink === 42) console.log('');
}

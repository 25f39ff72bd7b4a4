// 工业快批 SLA: life cycle transitions and per-item countdowns over the real calendar, and the DB-layered calculator rebuild.
import { type ItemClock, itemSla, transition } from '../packages/core/src/approvals/index.ts';
import {
  chineseDaysCalendar,
  defaultCalculator,
  formatDay,
  parseDay,
  WorkingDayCalculator,
  withOverrides,
} from '../packages/core/src/calendar/index.ts';
import { fmt, time } from './util.ts';

export default async function (_args: string[]) {
  const calc = defaultCalculator();
  const t0 = performance.now();
  const layered = new WorkingDayCalculator(withOverrides(chineseDaysCalendar(), [{ year: 2027, holidays: ['2027-01-01'], workdays: [] }]));
  console.log(`rebuild calculator with one DB override year (${layered.years[0]}–${layered.years.at(-1)}): ${fmt(performance.now() - t0)}`);

  // 100,000 items accepted across 2024–2025, a third with a 补正 pause, then completed.
  const N = 100_000;
  const base = parseDay('2024-01-02');
  const items: ItemClock[] = [];
  const build = await time(
    () => {
      items.length = 0;
      for (let i = 0; i < N; i++) {
        const legalDays = [3, 7, 10, 15][i % 4];
        let c: ItemClock = { state: 'submitted', legalDays, acceptedOn: null, dueOn: null, completedOn: null, pauses: [] };
        const d0 = formatDay(base + (i % 600));
        c = transition(c, 'accept', d0, calc);
        c = transition(c, 'review', d0, calc);
        if (i % 3 === 0) {
          c = transition(c, 'correct', formatDay(base + (i % 600) + 2), calc);
          c = transition(c, 'resume', formatDay(base + (i % 600) + 6), calc);
        }
        c = transition(c, 'approve', formatDay(base + (i % 600) + 8 + (i % 9)), calc);
        items.push(c);
      }
    },
    3,
    1,
  );
  console.log(
    `100,000 items × 3–5 transitions (deadline recomputed each time): median ${fmt(build.median)}, min ${fmt(build.min)} (${build.runs} runs)`,
  );
  let sink = 0;
  const sla = await time(
    () => {
      for (const it of items) sink += itemSla(it, '2026-06-30', calc).usedDays ?? 0;
    },
    5,
    1,
  );
  console.log(
    `100,000 itemSla (report over done items): median ${fmt(sla.median)}, p95 ${fmt(sla.p95)}, min ${fmt(sla.min)} (${sla.runs} runs)`,
  );
  const onTime = items.filter((it) => itemSla(it, '2026-06-30', calc).onTime).length;
  console.log(`on time: ${((onTime / N) * 100).toFixed(1)}%`);
  if (sink === 42) console.log('');
}

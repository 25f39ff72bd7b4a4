import { readFileSync } from 'node:fs';
import { DomainError, ValidationError } from '@kaifaqu/core';
import {
  CalendarNotLoadedError,
  type CalendarOverrides,
  deadline,
  defaultCalculator,
  type PausedInterval,
  parseCalendarOverrides,
  type WorkingDayCalculator,
} from '@kaifaqu/core/calendar';
import type { Command } from 'commander';
import { CliError, emit } from '../output.ts';

interface CalendarOpts {
  json?: boolean;
  overrides?: string;
  db?: boolean;
}

/** Domain errors become CLI errors carrying both languages, e.g. "未加载2027年工作日历 (calendar for 2027 not loaded)". */
function fail(err: unknown): never {
  process.exitCode = 2;
  if (err instanceof CalendarNotLoadedError) throw new CliError(`${err.message} (${err.messageEn})`);
  if (err instanceof ValidationError) {
    const lines = err.issues.map(
      (i) => `${i.path.length ? `${i.path.join('.')}: ` : ''}${i.message}${i.messageEn ? ` (${i.messageEn})` : ''}`,
    );
    throw new CliError(lines.join('\n'));
  }
  if (err instanceof DomainError) throw new CliError(`${err.message}${err.messageEn ? ` (${err.messageEn})` : ''}`);
  throw err;
}

/** Overrides the 系统管理员 stored in the database (same DATABASE_URL / PGlite directory as the server). */
async function databaseOverrides(): Promise<CalendarOverrides[]> {
  const { withDatabase } = await import('../db.ts');
  const { listCalendarOverrides } = await import('@kaifaqu/db');
  return withDatabase(
    async (database) =>
      (await listCalendarOverrides(database.db)).map((r) => ({ year: r.year, holidays: r.holidays, workdays: r.workdays })),
    {
      seedIfEmpty: false,
    },
  );
}

async function calculator(opts: CalendarOpts): Promise<WorkingDayCalculator> {
  const fromDb = opts.db ? await databaseOverrides() : [];
  if (!opts.overrides) return defaultCalculator(fromDb);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(opts.overrides, 'utf8'));
  } catch (err) {
    process.exitCode = 2;
    throw new CliError(`无法读取日历覆盖文件 ${opts.overrides}: ${(err as Error).message}`);
  }
  try {
    // A file's years win over the database's for the same year.
    const fromFile = parseCalendarOverrides(data);
    const years = new Set(fromFile.map((o) => o.year));
    return defaultCalculator([...fromDb.filter((o) => !years.has(o.year)), ...fromFile]);
  } catch (err) {
    fail(err);
  }
}

function parseCount(s: string): number {
  if (!/^-?\d+$/.test(s)) {
    process.exitCode = 2;
    throw new CliError(`工作日数“${s}”应为整数 (n must be an integer)`);
  }
  return Number(s);
}

function parsePause(value: string, previous: PausedInterval[] = []): PausedInterval[] {
  const [from, to = from] = value.split(/\.\.|:/);
  return [...previous, { from, to }];
}

const OVERRIDES_HELP = 'JSON file of admin calendar overrides: {"year":2027,"holidays":[…],"workdays":[…]} or an array of them';

export function register(program: Command): void {
  const calendar = program
    .command('calendar')
    .description('working-day calendar (statutory holidays and 调休 make-up days, from chinese-days + admin overrides)');

  calendar
    .command('add-working-days')
    .description('the n-th working day after a date (n = 0: the date itself; negative n counts back)')
    .argument('<date>', 'YYYY-MM-DD')
    .argument('<n>', 'number of working days (for negative n put -- before the arguments)')
    .option('--json', 'print {"date":"YYYY-MM-DD"}')
    .option('--overrides <file>', OVERRIDES_HELP)
    .option('--db', 'also apply the calendar overrides stored in the database by the 系统管理员')
    .addHelpText(
      'after',
      '\nExample: kaifaqu calendar add-working-days 2024-09-30 1   → 2024-10-08\nA count that runs into a year without a loaded calendar is refused (未加载YYYY年工作日历).',
    )
    .action(async (date: string, n: string, opts: CalendarOpts) => {
      const calc = await calculator(opts);
      let result: string;
      try {
        result = calc.addWorkingDays(date, parseCount(n));
      } catch (err) {
        fail(err);
      }
      emit({ date: result }, opts.json, (v) => v.date);
    });

  calendar
    .command('working-days')
    .description('working days after <from> up to and including <to> (negative when from > to)')
    .argument('<from>', 'YYYY-MM-DD')
    .argument('<to>', 'YYYY-MM-DD')
    .option('--json', 'print {"days":n}')
    .option('--overrides <file>', OVERRIDES_HELP)
    .option('--db', 'also apply the calendar overrides stored in the database by the 系统管理员')
    .action(async (from: string, to: string, opts: CalendarOpts) => {
      const calc = await calculator(opts);
      let days: number;
      try {
        days = calc.workingDaysBetween(from, to);
      } catch (err) {
        fail(err);
      }
      emit({ days }, opts.json, (v) => String(v.days));
    });

  calendar
    .command('deadline')
    .description('approval deadline: n working days after acceptance, not counting paused (补正) days')
    .argument('<accepted>', 'acceptance date YYYY-MM-DD')
    .argument('<n>', 'working days allowed')
    .option('--pause <from..to>', 'clock stopped on these days, both included (repeatable)', parsePause, [])
    .option('--json', 'print {"date":"YYYY-MM-DD"}')
    .option('--overrides <file>', OVERRIDES_HELP)
    .option('--db', 'also apply the calendar overrides stored in the database by the 系统管理员')
    .action(async (accepted: string, n: string, opts: CalendarOpts & { pause: PausedInterval[] }) => {
      const calc = await calculator(opts);
      let result: string;
      try {
        result = deadline(accepted, parseCount(n), opts.pause, calc);
      } catch (err) {
        fail(err);
      }
      emit({ date: result }, opts.json, (v) => v.date);
    });
}

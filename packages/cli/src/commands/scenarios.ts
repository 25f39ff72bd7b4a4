import { readFileSync } from 'node:fs';
import { ValidationError } from '@kaifaqu/core';
import {
  buildIndex,
  createTokenizer,
  DEFAULT_BOOSTS,
  type EvalQuery,
  evalItems,
  evalQrels,
  evalQueries,
  evaluateConfigs,
  type Match,
  type ScenarioItem,
  search,
} from '@kaifaqu/core/scenarios';
import type { Command } from 'commander';
import { CliError, emit } from '../output.ts';

function readJsonArray(path: string, what: string): unknown[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new CliError(`无法读取${what}文件 / cannot read ${what} file ${path}: ${(e as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new CliError(`${what}文件不是合法 JSON / ${path} is not valid JSON: ${(e as Error).message}`);
  }
  if (!Array.isArray(data)) throw new CliError(`${what}文件须为 JSON 数组 / ${path} must contain a JSON array`);
  return data;
}

function parseK(v: string): number {
  const k = Number(v);
  if (!Number.isInteger(k) || k < 1 || k > 1000) throw new CliError(`--k 须为 1–1000 的整数 / --k must be an integer 1–1000, got ${v}`);
  return k;
}

function asQuery(raw: unknown, i: number): EvalQuery {
  const q = (raw ?? {}) as Record<string, unknown>;
  if (typeof q.id !== 'string' || !q.id) throw new CliError(`查询 #${i} 缺少 id / query #${i} has no id`);
  if (q.kind !== undefined && q.kind !== 'need' && q.kind !== 'capability') {
    throw new CliError(`查询 ${q.id} 的 kind 须为 need 或 capability / query ${q.id}: kind must be need or capability`);
  }
  return q as unknown as EvalQuery;
}

/** Domain validation errors become CLI errors carrying both languages. */
function cliError(e: unknown, where: string): never {
  if (e instanceof ValidationError) throw new CliError(`${where}: ${e.message}${e.messageEn ? ` / ${e.messageEn}` : ''}`);
  throw e;
}

function humanMatches(results: Record<string, Match[]>, texts: Map<string, string>, titles: Map<string, string>): string {
  const lines: string[] = [];
  for (const [qid, ms] of Object.entries(results)) {
    lines.push(`${qid}  ${texts.get(qid) ?? ''}`);
    if (!ms.length) lines.push('   （无匹配 / no match）');
    ms.forEach((m, i) => {
      const w = m.why;
      const extra = [w.sharedTags.length ? `标签:${w.sharedTags.join('、')}` : '', w.industryRelation ? `行业:${w.industryRelation}` : '']
        .filter(Boolean)
        .join(' ');
      lines.push(
        `  ${String(i + 1).padStart(2)}. ${m.id}  ${m.score.toFixed(3)}  ${titles.get(m.id) ?? ''}  [${w.matchedTerms.join(' ')}] ${extra}`.trimEnd(),
      );
    });
  }
  return lines.join('\n');
}

export function register(program: Command): void {
  const scenarios = program.command('scenarios').description('应用场景机会清单: matching of scenario needs and capabilities');

  scenarios
    .command('match')
    .description('rank items for each query (offline evaluation); queries may carry kind, industry and tags')
    .requiredOption('--items <file>', 'JSON array of {id, kind: need|capability, title, description, tags[], industry}')
    .requiredOption('--queries <file>', 'JSON array of {id, text, kind?, industry?, tags?}')
    .option('--k <n>', 'results per query', parseK, 10)
    .option('--no-boosts', 'BM25 only (no industry-code or tag boosts)')
    .option('--bigrams', 'also index character bigrams (off by default: no gain with search-mode segmentation on the shipped set)')
    .option('--precise', 'jieba precise mode instead of search mode (best combined with --bigrams)')
    .option('--json', 'print {"<queryId>": [{id, score, why}]}')
    .action(
      (opts: { items: string; queries: string; k: number; boosts: boolean; bigrams?: boolean; precise?: boolean; json?: boolean }) => {
        const items = readJsonArray(opts.items, '条目 items') as ScenarioItem[];
        const queries = readJsonArray(opts.queries, '查询 queries').map(asQuery);
        let index: ReturnType<typeof buildIndex>;
        try {
          index = buildIndex(items, {
            tokenizer: createTokenizer([], { bigrams: opts.bigrams, mode: opts.precise ? 'precise' : 'search' }),
            boosts: opts.boosts ? DEFAULT_BOOSTS : false,
          });
        } catch (e) {
          cliError(e, opts.items);
        }
        const results: Record<string, Match[]> = {};
        for (const q of queries) {
          try {
            results[q.id] = search(index, q, { k: opts.k, kind: q.kind });
          } catch (e) {
            cliError(e, `${opts.queries} ${q.id}`);
          }
        }
        const titles = new Map(items.map((i) => [i.id, i.title]));
        const texts = new Map(queries.map((q) => [q.id, q.text]));
        emit(results, opts.json, (r) => humanMatches(r, texts, titles));
      },
    );

  scenarios
    .command('evaluate')
    .description(
      'nDCG@10 and MRR on the shipped labelled set: BM25 only vs with boosts; jieba search mode (default) with/without bigrams, precise mode + bigrams',
    )
    .option('--json', 'print {set, results: [{name, ndcg10, mrr, queries}]}')
    .action((opts: { json?: boolean }) => {
      const words = createTokenizer();
      const bigrams = createTokenizer([], { bigrams: true });
      const precise = createTokenizer([], { mode: 'precise', bigrams: true });
      const results = evaluateConfigs(evalItems, evalQueries, evalQrels, [
        { name: 'bm25', tokenizer: words, boosts: false },
        { name: 'bm25+boosts', tokenizer: words, boosts: DEFAULT_BOOSTS },
        { name: 'bm25+bigrams', tokenizer: bigrams, boosts: false },
        { name: 'bm25+bigrams+boosts', tokenizer: bigrams, boosts: DEFAULT_BOOSTS },
        { name: 'precise+bigrams', tokenizer: precise, boosts: false },
        { name: 'precise+bigrams+boosts', tokenizer: precise, boosts: DEFAULT_BOOSTS },
      ]);
      const value = { set: { items: evalItems.length, queries: evalQueries.length }, results };
      emit(value, opts.json, (v) =>
        [
          `评测集 / eval set: ${v.set.items} items, ${v.set.queries} queries (graded 0–3)`,
          `${'config'.padEnd(24)}nDCG@10  MRR`,
          ...v.results.map((r) => `${r.name.padEnd(24)}${r.ndcg10.toFixed(4)}   ${r.mrr.toFixed(4)}`),
        ].join('\n'),
      );
    });
}

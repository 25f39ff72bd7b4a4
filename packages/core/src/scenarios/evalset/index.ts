import type { EvalQuery } from '../evaluate.ts';
import type { Qrels } from '../metrics.ts';
import type { ScenarioItem } from '../types.ts';
import items from './items.json' with { type: 'json' };
import qrels from './qrels.json' with { type: 'json' };
import queries from './queries.json' with { type: 'json' };

/** The shipped labelled set (see README.md beside this file for how it was built). */
export const evalItems = items as ScenarioItem[];
export const evalQueries = queries as EvalQuery[];
export const evalQrels = qrels as Qrels;

import MiniSearch from 'minisearch';
import type { Passage } from '../src/index.ts';
import { type ReportSubset, subsetOf } from './evaluate.ts';
import type { EvalSet } from './schema.ts';

/** Plain MiniSearch's scores on the answerable questions: what ranking must beat. */
export interface BaselineReport {
  answerable: number;
  hitAt1: number;
  hitAt3: number;
  /** hit@1 by subset (answerable questions only; `all` for every one of them). */
  subsets: Partial<Record<ReportSubset | 'all', { answerable: number; hitAt1: number }>>;
}

/**
 * MiniSearch with its default options (tokenizer, no stemming, no fuzzy or prefix matching, equal
 * field weights) over each passage's title, listed questions and body. It never declines: its
 * first hit is its answer. Follow-up turns are left out: it has no conversation to read them in.
 */
export function plainMiniSearch(passages: readonly Passage[]): (question: string) => string[] {
  const index = new MiniSearch<Passage>({
    fields: ['title', 'questions', 'body'],
    extractField: (passage, field) =>
      field === 'questions' ? passage.questions.join('\n') : String(passage[field as 'id']),
  });
  index.addAll(passages);
  return (question) => index.search(question).map((result) => result.id as string);
}

export function evaluateBaseline(set: EvalSet, passages: readonly Passage[]): BaselineReport {
  const search = plainMiniSearch(passages);
  const results = set.questions.flatMap((turn) => {
    if (!('expect' in turn)) return [];
    const ranked = search(turn.q);
    const rank = ranked.findIndex((id) => turn.expect.includes(id));
    return [{ subset: subsetOf(turn), rank: rank === -1 ? null : rank + 1 }];
  });
  const hitAt = (rows: typeof results, k: number) =>
    rows.length === 0 ? 1 : rows.filter((r) => r.rank !== null && r.rank <= k).length / rows.length;
  const subsets: BaselineReport['subsets'] = {};
  for (const subset of new Set(results.map((r) => r.subset))) {
    const rows = results.filter((r) => r.subset === subset);
    subsets[subset] = { answerable: rows.length, hitAt1: hitAt(rows, 1) };
  }
  subsets.all = { answerable: results.length, hitAt1: hitAt(results, 1) };
  return {
    answerable: results.length,
    hitAt1: hitAt(results, 1),
    hitAt3: hitAt(results, 3),
    subsets,
  };
}

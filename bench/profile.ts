import { createHash } from 'node:crypto';
import { Session } from 'node:inspector/promises';
import type MiniSearch from 'minisearch';
import type { SearchOptions as MiniSearchOptions } from 'minisearch';
import { evaluate } from '../evaluation/evaluate.ts';
import { loadEvalSet } from '../evaluation/load.ts';
import type { EvalSet } from '../evaluation/schema.ts';
import { assistantFor } from '../src/assistant.ts';
import type { Assistant } from '../src/index.ts';
import type { Knowledge } from '../src/knowledge/load.ts';
import type { Passage } from '../src/knowledge/schema.ts';
import { createRetriever } from '../src/retrieval/index.ts';
import { stem } from '../src/retrieval/text.ts';
import { progress, rounds, runMeasurement } from './harness.ts';
import { captureIndexes } from './indexes.ts';
import { workload } from './setup.ts';
import { round, summarize } from './stats.ts';

/**
 * Where the project's retriever spends its time on frequent-word queries: the share inside
 * MiniSearch's search() (split by a CPU profile into fuzzy term lookup, BM25 scoring, combining,
 * result building and sorting) against our own query building, synonym expansion and coverage
 * re-ranking; then what-ifs on the exact queries the retriever sent to MiniSearch.
 */

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/**
 * Categories in priority order: a sample belongs to the first one that any frame of its stack
 * matches (so BM25 scoring called from search() counts as scoring, not as search()).
 */
const CATEGORIES: [string, (frame: ProfileNode['callFrame']) => boolean][] = [
  ['garbage collection', (f) => f.functionName === '(garbage collector)'],
  [
    'MiniSearch fuzzy term lookup',
    (f) => /minisearch/.test(f.url) && /^(fuzzyGet|fuzzySearch|recurse)$/.test(f.functionName),
  ],
  [
    'MiniSearch prefix term lookup',
    (f) => /minisearch/.test(f.url) && f.functionName === 'atPrefix',
  ],
  [
    'MiniSearch BM25 scoring',
    (f) => /minisearch/.test(f.url) && /^(termResults|calcBM25Score)$/.test(f.functionName),
  ],
  [
    'MiniSearch OR combine',
    (f) => /minisearch/.test(f.url) && /^(combineResults|or|and)$/.test(f.functionName),
  ],
  [
    'MiniSearch results and sort',
    (f) => /minisearch/.test(f.url) && /^(search|byScore)$/.test(f.functionName),
  ],
  [
    'MiniSearch per-term setup (executeQuerySpec)',
    (f) => /minisearch/.test(f.url) && /^(executeQuerySpec|executeQuery)$/.test(f.functionName),
  ],
  ['MiniSearch other', (f) => /minisearch/.test(f.url)],
  ['synonym expansion', (f) => /retrieval\/synonyms\.ts/.test(f.url)],
  ['query words (normalize, stem)', (f) => /retrieval\/text\.ts|stemmer|stopword/.test(f.url)],
  ['retriever (query terms, coverage re-rank)', (f) => /retrieval\/index\.ts/.test(f.url)],
  ['safety checks, language (src/safety)', (f) => /src\/safety\//.test(f.url)],
  ['composition, citations (src/compose)', (f) => /src\/(compose|answer)/.test(f.url)],
];

function categorize(profile: Profile): Record<string, number> {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parent.set(child, node.id);
  const totals: Record<string, number> = {};
  let all = 0;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    const name = byId.get(id)?.callFrame.functionName;
    // Idle time is the machine, not the code.
    if (name === '(idle)' || name === '(program)') return;
    const stack: ProfileNode['callFrame'][] = [];
    for (let up: number | undefined = id; up !== undefined; up = parent.get(up)) {
      const frame = byId.get(up)?.callFrame;
      // The profiler's own work (serializing the profile) is not the code's.
      if (!frame || frame.url === 'node:inspector') return;
      stack.push(frame);
    }
    const category =
      CATEGORIES.find(([, test]) => stack.some(test))?.[0] ?? 'other (benchmark loop, runtime)';
    all += delta;
    totals[category] = (totals[category] ?? 0) + delta;
  });
  return Object.fromEntries(
    Object.entries(totals)
      .sort((a, b) => b[1] - a[1])
      .map(([name, us]) => [name, round((100 * us) / all, 1)]),
  );
}

type Call = { query: string; options: MiniSearchOptions };

/** Runs `loop` under the V8 sampling profiler and returns the share of CPU time per category. */
async function cpuProfile(loop: () => void): Promise<Record<string, number>> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  loop();
  const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: Profile };
  session.disconnect();
  return categorize(profile);
}

type Postings = Map<number, Map<number, number>>;

/**
 * What-ifs: each MiniSearch search() the retriever makes, with one thing changed.
 * - "no fuzzy": no typo tolerance at all.
 * - "stems only": a raw form is dropped when its stem is sent too (every word is indexed under
 *   both, so the stem alone finds the same passages; only scores change).
 * - "AND on the rarest question word" / "on all question words": only passages containing the
 *   question's rarest word (raw form or stem), or all its words, are scored, when at least 20
 *   passages do (else plain OR): MiniSearch's boostDocument returning 0 skips a passage before
 *   any scoring or allocation.
 */
function variantsFor(index: MiniSearch): Record<string, (call: Call) => Call> {
  const internals = index as unknown as {
    _index: { get(term: string): Postings | undefined };
    _documentIds: Map<number, unknown>;
  };
  const stemsOnly = ({ query, options }: Call): Call => {
    const terms = query.split(' ');
    const sent = new Set(terms);
    return { query: terms.filter((t) => !(stem(t) !== t && sent.has(stem(t)))).join(' '), options };
  };
  const docsOf = (terms: string[]) => {
    const docs = new Set<number>();
    for (const term of terms)
      for (const field of internals._index.get(term)?.values() ?? [])
        for (const shortId of field.keys()) docs.add(shortId);
    return docs;
  };
  /**
   * Scores only passages that contain the question's rarest word (`all` false) or every question
   * word the index knows (`all` true), when at least 20 passages do; otherwise plain OR.
   */
  const andFirst =
    (all: boolean) =>
    ({ query, options }: Call): Call => {
      // The question's own words are the terms with the highest boost (synonyms and context
      // words get less); a word is its raw form and its stem.
      const terms = query.split(' ');
      const boostOf = (t: string) => options.boostTerm?.(t, 0, terms) ?? 1;
      const top = Math.max(...terms.map(boostOf));
      const groups = new Map<string, string[]>();
      for (const term of terms)
        if (boostOf(term) === top)
          groups.set(stem(term), [...(groups.get(stem(term)) ?? []), term]);
      const sets = [...groups.values()].map(docsOf).filter((docs) => docs.size > 0);
      sets.sort((x, y) => x.size - y.size);
      let candidates = sets[0];
      if (all && candidates)
        for (const docs of sets.slice(1))
          candidates = new Set([...(candidates as Set<number>)].filter((id) => docs.has(id)));
      // Too few passages have it: the AND would leave fewer than the 20 re-ranked, so plain OR.
      if (!candidates || candidates.size < 20) return { query, options };
      const allowed = new Set([...candidates].map((id) => internals._documentIds.get(id)));
      const boost = options.boostDocument;
      return {
        query,
        options: {
          ...options,
          boostDocument: (id, term, stored) =>
            allowed.has(id) ? (boost ? boost(id, term, stored) : 1) : 0,
        },
      };
    };
  return {
    'as sent': (call) => call,
    'no fuzzy at all': ({ query, options }) => ({ query, options: { ...options, fuzzy: false } }),
    'stems only': stemsOnly,
    'AND on the rarest question word (OR if < 20 passages)': andFirst(false),
    'AND on all question words (OR if < 20 passages)': andFirst(true),
    'stems only + AND on all question words': (call) => andFirst(true)(stemsOnly(call)),
  };
}

/** Wraps index.search: times each call and applies the current variant to it. */
function instrument(index: MiniSearch) {
  const search = index.search.bind(index);
  const variants = variantsFor(index);
  const state = { variant: 'as sent', insideMs: 0, calls: [] as Call[], record: false };
  index.search = ((query: string, options: MiniSearchOptions = {}) => {
    const changed = (variants[state.variant] ?? ((c: Call) => c))({ query, options });
    const start = process.hrtime.bigint();
    const results = search(changed.query, changed.options);
    state.insideMs += Number(process.hrtime.bigint() - start) / 1e6;
    if (state.record) state.calls.push({ query, options });
    return results;
  }) as typeof index.search;
  return { state, variants: Object.keys(variants), search };
}

/** Times `fn` over `items`, one round per variant in turn, interleaved. */
function timeVariants<T>(
  names: readonly string[],
  items: readonly T[],
  setVariant: (name: string) => void,
  fn: (item: T) => void,
  quick: boolean,
): Record<string, number[]> {
  const samples: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  rounds(items, quick ? 1 : 5, quick ? 3_000 : 20_000, (item, r) => {
    const order = r % 2 === 0 ? names : [...names].reverse();
    for (const name of order) {
      setVariant(name);
      const start = process.hrtime.bigint();
      fn(item);
      samples[name]?.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
  });
  setVariant('as sent');
  return samples;
}

const fingerprint = (assistant: Assistant, questions: readonly string[]) => {
  const hash = createHash('sha256');
  for (const q of questions) {
    const answer = assistant.ask(q);
    hash.update(`${answer.kind}|${answer.citations.map((c) => c.id).join(',')}\n`);
  }
  return hash.digest('hex').slice(0, 16);
};

/**
 * On the real knowledge: ask() over the evaluation questions, the share of its time inside
 * MiniSearch, a CPU profile, and each what-if's ask() time and evaluation scores (the real
 * evaluation, through the real assistant, with only MiniSearch's options changed).
 */
async function onKnowledge(knowledge: Knowledge, set: EvalSet, quick: boolean) {
  const questions = set.questions.map((t) => t.q);
  const { value: assistant, indexes } = captureIndexes(() => assistantFor(knowledge));
  const { state, variants } = instrument(indexes[0] as MiniSearch);
  rounds(questions, 1, 5_000, (q) => assistant.ask(q));

  const total: number[] = [];
  state.insideMs = 0;
  rounds(questions, quick ? 1 : 3, quick ? 2_000 : 10_000, (q) => {
    const start = process.hrtime.bigint();
    assistant.ask(q);
    total.push(Number(process.hrtime.bigint() - start) / 1e6);
  });
  const insideShare = state.insideMs / total.reduce((a, b) => a + b, 0);
  state.record = true;
  for (const q of questions) assistant.ask(q);
  state.record = false;
  const terms = state.calls.map((c) => c.query.split(' ').length);
  const breakdown = await cpuProfile(() =>
    rounds(questions, quick ? 1 : 3, quick ? 2_000 : 10_000, (q) => assistant.ask(q)),
  );

  const whatIf: Record<string, unknown> = {};
  const samples = timeVariants(
    variants,
    questions,
    (v) => {
      state.variant = v;
    },
    (q) => assistant.ask(q),
    quick,
  );
  for (const name of variants) {
    state.variant = name;
    const report = evaluate(set, assistant);
    whatIf[name] = {
      ask: summarize(samples[name] ?? []),
      eval: {
        hitAt1: round(report.hitAt1),
        hitAt3: round(report.hitAt3),
        mrr: round(report.mrr),
        abstentionAccuracy: round(report.abstention.accuracy),
        answersFingerprint: fingerprint(assistant, questions),
      },
    };
  }
  state.variant = 'as sent';
  return {
    passages: knowledge.passages.length,
    questions: questions.length,
    ask: summarize(total),
    insideMiniSearchShare: round(insideShare),
    termsPerSearch: round(terms.reduce((a, b) => a + b, 0) / Math.max(1, terms.length), 1),
    cpuProfilePercent: breakdown,
    whatIf,
  };
}

/**
 * On the synthetic corpus, frequent words: retriever.search(), the share inside MiniSearch, a CPU
 * profile, and the what-ifs replayed on the exact MiniSearch queries the retriever sent, with
 * whether the top 20 it re-ranks stay the same.
 */
async function atScale(corpus: Passage[], knowledge: Knowledge, queries: string[], quick: boolean) {
  const { value: retriever, indexes } = captureIndexes(() =>
    createRetriever(corpus, knowledge.synonyms),
  );
  const index = indexes[0] as MiniSearch;
  const { state, variants, search } = instrument(index);
  rounds(queries.slice(0, 10), 2, 2_000, (q) => retriever.search(q));

  const total: number[] = [];
  state.insideMs = 0;
  rounds(queries, quick ? 1 : 3, quick ? 3_000 : 15_000, (q) => {
    const start = process.hrtime.bigint();
    retriever.search(q);
    total.push(Number(process.hrtime.bigint() - start) / 1e6);
  });
  const insideShare = state.insideMs / total.reduce((a, b) => a + b, 0);
  state.record = true;
  for (const q of queries) retriever.search(q);
  state.record = false;
  const calls = state.calls;
  const terms = calls.map((c) => c.query.split(' ').length);
  const breakdown = await cpuProfile(() =>
    rounds(queries, quick ? 1 : 3, quick ? 3_000 : 15_000, (q) => retriever.search(q)),
  );

  // Replays: the same queries straight on the index, each variant; and scoring alone (MiniSearch's
  // internal executeQuery: every match scored, but no result objects and no sort), the most a
  // top-k selection could save.
  const transforms = variantsFor(index);
  const scoringOnly = (query: string, options: MiniSearchOptions) =>
    (
      index as unknown as { executeQuery(q: string, o: MiniSearchOptions): Map<number, unknown> }
    ).executeQuery(query, options);
  let variant = 'as sent';
  const names = [...variants, 'as sent, scoring only (no result objects, no sort)'];
  const replay = (call: Call) => {
    if (variant.endsWith('scoring only (no result objects, no sort)'))
      return scoringOnly(call.query, call.options);
    const changed = (transforms[variant] ?? ((c: Call) => c))(call);
    return search(changed.query, changed.options);
  };
  const samples = timeVariants(
    names,
    calls,
    (v) => {
      variant = v;
    },
    replay,
    quick,
  );
  const top = (results: { id: unknown }[], n: number) =>
    results
      .slice(0, n)
      .map((r) => String(r.id))
      .join(',');
  const whatIf: Record<string, unknown> = {};
  for (const name of names) {
    let sameTop1 = 0;
    let sameTop20 = 0;
    if (!name.includes('scoring only')) {
      for (const call of calls) {
        variant = 'as sent';
        const reference = replay(call) as { id: unknown }[];
        variant = name;
        const results = replay(call) as { id: unknown }[];
        if (top(results, 1) === top(reference, 1)) sameTop1++;
        if (top(results, 20) === top(reference, 20)) sameTop20++;
      }
    }
    whatIf[name] = {
      ...summarize(samples[name] ?? []),
      ...(name.includes('scoring only')
        ? {}
        : { sameTop1: round(sameTop1 / calls.length), sameTop20: round(sameTop20 / calls.length) }),
    };
  }
  return {
    queries: queries.length,
    retrieverSearch: summarize(total),
    insideMiniSearchShare: round(insideShare),
    termsPerSearch: round(terms.reduce((a, b) => a + b, 0) / Math.max(1, terms.length), 1),
    cpuProfilePercent: breakdown,
    whatIf,
    example: calls[0]?.query,
  };
}

await runMeasurement(async ({ quick, size }) => {
  const { knowledge, corpus, sets } = await workload(size, quick ? 30 : 100);
  const set = await loadEvalSet();
  progress(`real knowledge: ${set.questions.length} evaluation questions`);
  const knowledgeResult = await onKnowledge(knowledge, set, quick);
  progress(`${size} synthetic passages: ${sets.frequent.length} frequent-word queries`);
  const scaleResult = await atScale(corpus, knowledge, sets.frequent, quick);
  return { unit: 'ms', knowledge: knowledgeResult, scale: { size, ...scaleResult } };
});

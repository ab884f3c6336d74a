import MiniSearch from 'minisearch';
import { loadMeaning } from '../src/meaning/index.ts';
import { createRetriever, DEFAULT_TUNING } from '../src/retrieval/index.ts';
import { createMeaningIndex, type SentenceEncoder } from '../src/retrieval/meaning.ts';
import { progress, rounds, runMeasurement } from './harness.ts';
import { buildRawIndex, RAW_OPTIONS } from './indexes.ts';
import { seededRandom } from './seeded-random.ts';
import { workload } from './setup.ts';
import { collectGarbage, heapUsedMiB, ratio, round, type Summary, summarize } from './stats.ts';

/**
 * 2. Scale: one synthetic corpus of `--size` passages. Build time, serialized index size and load
 * time, heap, and query latency for frequent-word, rare-word and natural (evaluation) questions:
 * raw MiniSearch (default OR query, every match scored and sorted) side by side with the
 * project's retriever (createRetriever(...).search), interleaved query by query. Up to 10k
 * passages (not in --quick), also the retriever with the sentence encoder, as ask() ranks: each
 * question is encoded by the real model in its worker, and compared with every passage and
 * phrasing; the corpus's own vectors are random unit vectors, which cost the same to compare as
 * real ones and save encoding thousands of synthetic passages (minutes). Its rankings mean
 * nothing; its time is the time a knowledge of that size would take.
 */
const ms = (start: number) => round(performance.now() - start, 1);

await runMeasurement(async ({ quick, size }) => {
  const queryCount = quick ? 25 : size >= 50_000 ? 60 : 150;
  const {
    knowledge,
    corpus,
    sets,
    generateMs,
    bodyWords: words,
  } = await workload(size, queryCount);
  progress(`${size} passages, ${words} body words, generated in ${generateMs} ms`);

  // Raw MiniSearch.
  const heapBefore = heapUsedMiB();
  let start = performance.now();
  const raw = buildRawIndex(corpus);
  const rawBuildMs = ms(start);
  const rawHeap = round(heapUsedMiB() - heapBefore, 1);
  let json = JSON.stringify(raw);
  const rawBytes = Buffer.byteLength(json);
  start = performance.now();
  MiniSearch.loadJSON(json, RAW_OPTIONS);
  const rawLoadMs = ms(start);
  json = '';
  progress(`raw MiniSearch built in ${rawBuildMs} ms`);

  // The project's retriever, through its public function.
  const heapMid = heapUsedMiB();
  start = performance.now();
  const retriever = createRetriever(corpus, knowledge.synonyms);
  const projectBuildMs = ms(start);
  const projectHeap = round(heapUsedMiB() - heapMid, 1);
  progress(`project retriever built in ${projectBuildMs} ms`);

  // Its saved index (what `npm run build` snapshots): serialized size, and the time to parse it
  // and start a retriever from it.
  json = JSON.stringify(retriever.save());
  const projectBytes = Buffer.byteLength(json);
  start = performance.now();
  createRetriever(corpus, knowledge.synonyms, DEFAULT_TUNING, JSON.parse(json));
  const projectLoadMs = ms(start);
  json = '';
  collectGarbage();

  const withMeaning = quick || size > 10_000 ? undefined : meaningRetriever(corpus, knowledge);
  if (withMeaning) progress('retriever with the sentence encoder built (random corpus vectors)');

  const engines: Record<string, (q: string) => number> = {
    raw: (q: string) => raw.search(q).length,
    project: (q: string) => retriever.search(q).length,
    ...(withMeaning && { meaning: (q: string) => withMeaning.search(q).length }),
  };
  const names = Object.keys(engines);
  const queries: Record<
    string,
    { raw: Summary; project: Summary; meaning?: Summary; rawMatches: number }
  > = {};
  for (const [name, list] of Object.entries(sets)) {
    rounds(list.slice(0, 10), 2, 2_000, (q) => {
      for (const engine of names) engines[engine]?.(q);
    });
    const samples: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
    let matches = 0;
    const done = rounds(list, quick ? 1 : 5, quick ? 1_000 : 30_000, (q, r) => {
      // Alternate the order each round: no engine always runs right after another.
      const order = r % 2 === 0 ? names : [...names].reverse();
      for (const engine of order) {
        const t0 = process.hrtime.bigint();
        const found = engines[engine]?.(q) ?? 0;
        samples[engine]?.push(Number(process.hrtime.bigint() - t0) / 1e6);
        if (engine === 'raw' && r === 0) matches += found;
      }
    });
    queries[name] = {
      raw: summarize(samples.raw ?? []),
      project: summarize(samples.project ?? []),
      ...(withMeaning && { meaning: summarize(samples.meaning ?? []) }),
      rawMatches: Math.round(matches / list.length),
    };
    progress(`${name}: ${list.length} queries × ${done} rounds`);
  }

  return {
    size,
    bodyWords: words,
    generateMs,
    unit: 'ms',
    raw: { buildMs: rawBuildMs, heapMiB: rawHeap, serializedBytes: rawBytes, loadMs: rawLoadMs },
    project: {
      buildMs: projectBuildMs,
      heapMiB: projectHeap,
      serializedBytes: projectBytes,
      loadMs: projectLoadMs,
    },
    queries,
    ratio: Object.fromEntries(
      Object.entries(queries).map(([name, q]) => [
        name,
        { median: ratio(q.project.median, q.raw.median), p95: ratio(q.project.p95, q.raw.p95) },
      ]),
    ),
    samples: { frequent: sets.frequent.slice(0, 3), rare: sets.rare.slice(0, 3) },
  };
});

/**
 * The project's retriever with the sentence encoder over `corpus`: questions encoded by the real
 * model, the corpus's texts given random unit vectors (see above), the bundled knowledge's
 * questions to decline among them. Undefined when the encoder cannot load.
 */
function meaningRetriever(
  corpus: Awaited<ReturnType<typeof workload>>['corpus'],
  knowledge: Awaited<ReturnType<typeof workload>>['knowledge'],
) {
  const meaning = loadMeaning();
  if (!meaning) return undefined;
  const random = seededRandom(12_345);
  const randomUnit = () => {
    const vector = Float32Array.from({ length: meaning.dimensions }, () => random() - 0.5);
    const norm = Math.hypot(...vector);
    return vector.map((v) => v / norm);
  };
  const encoder: SentenceEncoder = {
    knowledgeVectors: (texts) => texts.map(randomUnit),
    questionVector: (text) => meaning.questionVector(text),
    questionVectors: (texts) => meaning.questionVectors(texts),
  };
  const index = createMeaningIndex(encoder, corpus, {
    utterances: [],
    declines: knowledge.phrasings.declines,
  });
  return createRetriever(corpus, knowledge.synonyms, DEFAULT_TUNING, undefined, {
    meaning: index,
  });
}

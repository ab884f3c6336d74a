import lunr from 'lunr';
import { progress, rounds, runMeasurement } from './harness.ts';
import { buildRawIndex, extractField, FIELDS } from './indexes.ts';
import { workload } from './setup.ts';
import { heapUsedMiB, ratio, round, type Summary, summarize } from './stats.ts';

/**
 * 3. Peer anchor: lunr on the same synthetic corpus and queries as the scale benchmark, against
 * raw MiniSearch in the same process, interleaved query by query, for a ratio that does not depend
 * on how busy the machine was.
 */
const ms = (start: number) => round(performance.now() - start, 1);

await runMeasurement(async ({ quick, size }) => {
  const queryCount = quick ? 25 : size >= 50_000 ? 60 : 150;
  const { corpus, sets } = await workload(size, queryCount);

  const heapBefore = heapUsedMiB();
  let start = performance.now();
  const index = lunr(function () {
    this.ref('id');
    for (const field of FIELDS) this.field(field);
    for (const passage of corpus) {
      const doc: Record<string, string> = { id: passage.id };
      for (const field of FIELDS) doc[field] = extractField(passage, field);
      this.add(doc);
    }
  });
  const buildMs = ms(start);
  const heapMiB = round(heapUsedMiB() - heapBefore, 1);
  let json = JSON.stringify(index);
  const serializedBytes = Buffer.byteLength(json);
  start = performance.now();
  lunr.Index.load(JSON.parse(json));
  const loadMs = ms(start);
  json = '';
  progress(`lunr built in ${buildMs} ms`);

  const raw = buildRawIndex(corpus);
  const engines = {
    raw: (q: string) => raw.search(q).length,
    // The programmatic query: every word an optional term, as the query string would be, but with
    // no query syntax to trip on ("c-12", "what:").
    lunr: (q: string) => index.query((query) => query.term(lunr.tokenizer(q), {})).length,
  };
  const queries: Record<string, { raw: Summary; lunr: Summary }> = {};
  for (const [name, list] of Object.entries(sets)) {
    rounds(list.slice(0, 10), 2, 2_000, (q) => {
      engines.raw(q);
      engines.lunr(q);
    });
    const samples = { raw: [] as number[], lunr: [] as number[] };
    const done = rounds(list, quick ? 1 : 5, quick ? 1_000 : 30_000, (q, r) => {
      const order = r % 2 === 0 ? (['raw', 'lunr'] as const) : (['lunr', 'raw'] as const);
      for (const engine of order) {
        const t0 = process.hrtime.bigint();
        engines[engine](q);
        samples[engine].push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
    });
    queries[name] = { raw: summarize(samples.raw), lunr: summarize(samples.lunr) };
    progress(`${name}: ${list.length} queries × ${done} rounds`);
  }
  return {
    size,
    unit: 'ms',
    lunr: { buildMs, heapMiB, serializedBytes, loadMs },
    queries,
    ratio: Object.fromEntries(
      Object.entries(queries).map(([name, q]) => [
        name,
        { median: ratio(q.lunr.median, q.raw.median), p95: ratio(q.lunr.p95, q.raw.p95) },
      ]),
    ),
  };
});

import { loadEvalSet } from '../../evaluation/load.ts';
import { BUNDLED_KNOWLEDGE_DIR, createAssistant, loadKnowledge } from '../../src/index.ts';
import { knowledgeTexts, loadMeaning } from '../../src/meaning/index.ts';

/**
 * How long the Universal Sentence Encoder takes here (issue 12), the way the core calls it:
 * synchronously, through its worker thread (src/meaning). Starting the worker and loading the
 * model, the first question after that, then one question at a time over the dev split's
 * questions; and the memory (RSS) of a process with the bundled assistant, then with the worker
 * and the knowledge's vectors (read from the cache: run the tests or `npm run build` first). `tsx bench/encoder/latency.ts`.
 * Prints medians and p95; writes nothing (the questions are not cached: only knowledge is).
 */
const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
const megabytes = () => (process.memoryUsage().rss / 2 ** 20).toFixed(0);
const questions = (await loadEvalSet()).questions.map((t) => t.q).slice(0, 120);
await createAssistant();
const before = megabytes();
let started = performance.now();
const meaning = loadMeaning({
  onError: (error) => {
    throw error;
  },
});
if (!meaning) throw new Error('The sentence encoder is off (SENTENCE_ENCODER).');
const load = performance.now() - started;
started = performance.now();
meaning.questionVector(questions[0] ?? 'hello');
const first = performance.now() - started;
started = performance.now();
meaning.knowledgeVectors(knowledgeTexts(await loadKnowledge(BUNDLED_KNOWLEDGE_DIR)));
const knowledge = performance.now() - started;
const times: number[] = [];
for (const q of questions.slice(1)) {
  started = performance.now();
  meaning.questionVector(q);
  times.push(performance.now() - started);
}
times.sort((a, b) => a - b);
console.log(
  `encoder (sync, worker thread): load and warm-up ${load.toFixed(0)} ms, first question ${first.toFixed(0)} ms, then per question median ${quantile(times, 0.5).toFixed(1)} ms, p95 ${quantile(times, 0.95).toFixed(1)} ms (${times.length} questions); knowledge vectors ${knowledge.toFixed(0)} ms; RSS ${before} MB with the assistant, ${megabytes()} MB with the worker and vectors too`,
);

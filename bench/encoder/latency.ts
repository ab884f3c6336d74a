import { loadEvalSet } from '../../evaluation/load.ts';
import { loadEncoder } from '../../src/meaning/encoder.ts';

/**
 * How long the Universal Sentence Encoder takes here (issue 12): loading it, its first question
 * (the WebAssembly backend warms up) and one question at a time after that, over the dev split's
 * questions. `tsx bench/encoder/latency.ts`. Prints medians and p95; writes nothing.
 */
const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
let started = performance.now();
const encoder = await loadEncoder();
const load = performance.now() - started;
const questions = (await loadEvalSet()).questions.map((t) => t.q).slice(0, 120);
started = performance.now();
await encoder.questionVector(questions[0] ?? 'hello');
const first = performance.now() - started;
const times: number[] = [];
for (const q of questions.slice(1)) {
  started = performance.now();
  await encoder.questionVector(q);
  times.push(performance.now() - started);
}
times.sort((a, b) => a - b);
console.log(
  `encoder: load ${load.toFixed(0)} ms, first question ${first.toFixed(0)} ms, then per question median ${quantile(times, 0.5).toFixed(1)} ms, p95 ${quantile(times, 0.95).toFixed(1)} ms (${times.length} questions)`,
);

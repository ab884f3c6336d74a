import { mkdir, writeFile } from 'node:fs/promises';

// Piping into `head` closes stdout early: stop quietly instead of crashing on EPIPE.
process.stdout.on('error', () => process.exit(0));

import path from 'node:path';
import { parseArgs } from 'node:util';
import { evaluate, GATE, passesGate } from '../evaluation/evaluate.ts';
import { loadEvalSet } from '../evaluation/load.ts';
import { createAssistant } from '../src/index.ts';

/**
 * `npm run eval`: retrieval and answer quality on tests/eval/questions.yaml. Prints the scores,
 * writes them to eval/results.json, and with --gate exits 1 when below the CI gate.
 */
const { values } = parseArgs({
  options: {
    gate: { type: 'boolean', default: false },
    json: { type: 'string', default: 'eval/results.json' },
  },
});

const set = await loadEvalSet();
const assistant = await createAssistant({
  knowledgeDir: process.env.KNOWLEDGE_DIR?.trim() || undefined,
});
const report = evaluate(set, assistant);

const pct = (value: number) => `${(value * 100).toFixed(1)}%`;
const lines = [
  `answerable questions  ${report.answerable}`,
  `hit@1                 ${pct(report.hitAt1)}`,
  `hit@3                 ${pct(report.hitAt3)}   (gate ≥ ${pct(GATE.hitAt3)})`,
  `MRR                   ${report.mrr.toFixed(3)}`,
  `abstention            precision ${pct(report.abstention.precision)}, recall ${pct(report.abstention.recall)}, accuracy ${pct(report.abstention.accuracy)}   (gate ≥ ${pct(GATE.abstentionAccuracy)})`,
  `                      ${report.abstention.abstained} abstained, ${report.abstention.shouldAbstain} should have`,
  `follow-ups            ${pct(report.followUps.accuracy)} of ${report.followUps.turns} turns`,
  '',
  'per topic             questions  hit@1   hit@3',
  ...Object.entries(report.perTopic).map(
    ([topic, t]) =>
      `  ${topic.padEnd(20)}${String(t.questions).padStart(9)}  ${pct(t.hitAt1).padStart(6)}  ${pct(t.hitAt3).padStart(6)}`,
  ),
  '',
  `failures (${report.failures.length})`,
  ...report.failures.map(
    (f) =>
      `  [${f.topic}] ${JSON.stringify(f.q)}\n      expected ${Array.isArray(f.expected) ? f.expected.join(', ') : 'abstain'}; got ${f.got.join(', ') || '(nothing)'}`,
  ),
];
console.log(lines.join('\n'));

await mkdir(path.dirname(values.json), { recursive: true });
await writeFile(values.json, `${JSON.stringify(report, null, 2)}\n`);
console.log(`\nWrote ${values.json}.`);

if (values.gate) {
  const ok = passesGate(report);
  console.log(
    ok ? 'Quality gate passed.' : 'Quality gate FAILED: see the scores and failures above.',
  );
  process.exitCode = ok ? 0 : 1;
}

// Piping into `head` closes stdout early: stop quietly instead of crashing on EPIPE.
process.stdout.on('error', () => process.exit(0));

import { parseArgs } from 'node:util';
import { autoAnswerDecision, DEFAULT_AUTO_MIN_CONFIDENCE } from '../adapters/shared/auto-answer.ts';
import { loadEvalSet } from '../evaluation/load.ts';
import { type Answer, createAssistant } from '../src/index.ts';

/**
 * `npm run eval:auto`: what auto-answer would post on the dev split (tests/eval/questions.yaml,
 * each question alone), at several values of AUTO_ANSWER_MIN_CONFIDENCE. Precision: of the
 * answers it would post (crises aside), the share whose first citation is an expected passage; a
 * post on a question to decline counts as wrong. Recall: of the answerable questions, the share
 * it would answer right. Reads the dev split only: the test split is never tuned on.
 */
const { values } = parseArgs({
  options: { thresholds: { type: 'string', default: '0.08,0.2,0.3,0.4,0.5,0.6,0.7,0.8' } },
});
const thresholds = values.thresholds.split(',').map(Number);
if (thresholds.some((t) => !(t >= 0 && t <= 1))) {
  console.error('--thresholds must be numbers from 0 to 1, separated by commas.');
  process.exit(2);
}

const set = await loadEvalSet();
const assistant = await createAssistant({
  knowledgeDir: process.env.KNOWLEDGE_DIR?.trim() || undefined,
});
const firstCited = (answer: Answer) => answer.citations.flatMap((c) => c.passages)[0];
const runs = set.questions.map((turn) => {
  const answer = assistant.ask(turn.q);
  const right = 'expect' in turn && turn.expect.includes(firstCited(answer) ?? '');
  return { answer, answerable: 'expect' in turn, right };
});
const answerable = runs.filter((r) => r.answerable).length;
const pct = (part: number, whole: number) =>
  whole === 0 ? '   n/a' : `${((100 * part) / whole).toFixed(1).padStart(5)}%`;

console.log(
  `Dev split: ${runs.length} questions (${answerable} answerable, ${runs.length - answerable} to decline), each alone.`,
);
console.log('min confidence | posted | crises | precision | recall | wrong posts on declines');
for (const threshold of thresholds) {
  const posted = runs.filter((r) => autoAnswerDecision(r.answer, threshold).post);
  const crises = posted.filter((r) => r.answer.kind === 'crisis');
  const answers = posted.filter((r) => r.answer.kind !== 'crisis');
  const right = answers.filter((r) => r.right).length;
  const onDeclines = answers.filter((r) => !r.answerable).length;
  const mark = threshold === DEFAULT_AUTO_MIN_CONFIDENCE ? ' (default)' : '';
  console.log(
    `${threshold.toFixed(2).padStart(14)} | ${String(posted.length).padStart(6)} | ${String(crises.length).padStart(6)} | ${pct(right, answers.length).padStart(9)} | ${pct(right, answerable)} | ${onDeclines}${mark}`,
  );
}

import { mkdir, readFile, writeFile } from 'node:fs/promises';

// Piping into `head` closes stdout early: stop quietly instead of crashing on EPIPE.
process.stdout.on('error', () => process.exit(0));

import path from 'node:path';
import { parseArgs } from 'node:util';
import { evaluateBaseline } from '../evaluation/baseline.ts';
import { heldOutFromTraining } from '../evaluation/dev-phrasings.ts';
import { evaluate, passesGate } from '../evaluation/evaluate.ts';
import { formatFailures, formatSplits, type SplitReport } from '../evaluation/format.ts';
import { DEV_EVAL_FILE, loadEvalSet, loadTestSet } from '../evaluation/load.ts';
import type { EvalSet } from '../evaluation/schema.ts';
import { createAssistant } from '../src/index.ts';
import { progressLines } from '../src/meaning/index.ts';

/**
 * `npm run eval`: retrieval and answer quality on the dev split (tests/eval/questions.yaml) and
 * the test split (tests/eval/test.yaml), side by side and by subset, with plain MiniSearch as a
 * baseline row. Writes the scores to eval/results.json; with --gate exits 1 when the test split
 * (the dev split while there is none) is below the CI gate. The dev split's failures are listed
 * (--quiet leaves them out); the test split's are listed only with --test-failures (read them only to report:
 * a test question looked at for tuning moves to dev, see tests/eval/README.md).
 * `--file <path>` scores that file alone, as the dev split is scored (by subset, with failures),
 * and reads no test split: for measuring a new block of dev questions before anyone tunes on it.
 * `--labelled` keeps only the turns that carry a subset: in dev, the blocks written in the test
 * split's style (tests/eval/README.md). `--held-out` leaves out the dev questions the scorer is
 * trained on (evaluation/dev-phrasings.ts): with `--labelled`, the dev reading to tune against.
 */
const { values } = parseArgs({
  options: {
    file: { type: 'string' },
    gate: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
    'held-out': { type: 'boolean', default: false },
    labelled: { type: 'boolean', default: false },
    json: { type: 'string', default: 'eval/results.json' },
    quiet: { type: 'boolean', default: false },
    // While tuning, `--split dev`: the test split is read once per change, at the end.
    split: { type: 'string', default: 'both' },
    'test-failures': { type: 'boolean', default: false },
  },
});

if (values.help) {
  console.log(`npm run eval -- [options]
  --split dev|test|both  which split to score (default both; tune with --split dev)
  --file <path>          score this file alone, as the dev split is scored (no test split)
  --labelled             score only turns that carry a subset: in dev, the fresh blocks
                         written in the test split's style, not the older, long-tuned turns
  --held-out             in dev, leave out the questions trained on (those before its
                         "Held out from training" comment); with --labelled, its labelled rest;
                         not with --file, which is scored whole
  --quiet                leave out the dev failures
  --test-failures        list the test split's failures (see tests/eval/README.md first)
  --json <path>          where to write the scores (default eval/results.json)
  --gate                 exit 1 when the test split is below the CI gate`);
  process.exit(0);
}
if (!['dev', 'test', 'both'].includes(values.split)) {
  console.error(`--split must be dev, test or both (got ${values.split}).`);
  process.exit(2);
}
if (values.file !== undefined && (values.gate || values.split === 'test')) {
  console.error(
    '--file scores one file on its own, never the test split: leave out --gate and --split test.',
  );
  process.exit(2);
}
// The held-out comment is the dev split's own (tests/eval/README.md): a named file is scored whole.
if (values.file !== undefined && values['held-out']) {
  console.error(
    '--held-out leaves out what the dev split trains on; a --file is scored whole: leave out --held-out.',
  );
  process.exit(2);
}
// A named file stands in for the dev split and no test split is read.
const [devSet, testSet] = await Promise.all([
  loadEvalSet(values.file === undefined ? undefined : path.resolve(values.file)),
  values.split === 'dev' || values.file !== undefined ? undefined : loadTestSet(),
]);
const assistant = await createAssistant({
  knowledgeDir: process.env.KNOWLEDGE_DIR?.trim() || undefined,
  // A fresh checkout encodes the knowledge first: say so on stderr, stdout stays the report.
  onProgress: progressLines((line) => console.error(line)),
});
const splitReport = (set: EvalSet): SplitReport => ({
  report: evaluate(set, assistant),
  baseline: evaluateBaseline(set, assistant.passages()),
});
/**
 * The dev split's older turns carry no `subset`; the blocks written since in the test split's
 * style all do, so keeping the labelled turns (and the conversations that hold one) scores those
 * blocks alone: the honest dev reading, since the older turns have been tuned on for weeks.
 */
function labelledOnly(set: EvalSet): EvalSet {
  return {
    questions: set.questions.filter((turn) => turn.subset !== undefined),
    conversations: set.conversations.filter((turns) => turns.some((t) => t.subset !== undefined)),
  };
}
const devRead = values['held-out']
  ? heldOutFromTraining(await readFile(DEV_EVAL_FILE, 'utf8'), devSet)
  : devSet;
const dev = splitReport(values.labelled ? labelledOnly(devRead) : devRead);
const test = testSet ? splitReport(values.labelled ? labelledOnly(testSet) : testSet) : undefined;

const lines = [
  ...(values.file === undefined ? [] : [`The "dev" column below is ${values.file} alone.`, '']),
  ...formatSplits(dev, test),
];
if (!values.quiet) lines.push('', ...formatFailures('dev', dev.report));
if (test && values['test-failures']) lines.push('', ...formatFailures('test', test.report));
console.log(lines.join('\n'));

await mkdir(path.dirname(values.json), { recursive: true });
await writeFile(values.json, `${JSON.stringify({ dev, test: test ?? null }, null, 2)}\n`);
console.log(`\nWrote ${values.json}.`);

if (values.gate) {
  const ok = passesGate((test ?? dev).report);
  console.log(
    ok
      ? `Quality gate passed (${test ? 'test' : 'dev'} split).`
      : `Quality gate FAILED on the ${test ? 'test' : 'dev'} split: see the scores above.`,
  );
  process.exitCode = ok ? 0 : 1;
}

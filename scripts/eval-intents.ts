import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { parse } from 'yaml';
import { z } from 'zod';
import {
  type CrisisBesideQuestion,
  crisisBesideQuestion,
  PLAIN_QUESTIONS,
} from '../evaluation/crisis-beside-question.ts';
import { ordinaryMisreads, route } from '../evaluation/intent-misreads.ts';
import { loadEvalSet } from '../evaluation/load.ts';
import { BUNDLED_KNOWLEDGE_DIR, loadKnowledge } from '../src/index.ts';
import { INTENTS, type Intent, trainIntentModel } from '../src/safety/classifier.ts';
import { INTENT_EXAMPLES } from '../src/safety/intent-examples.ts';
import { createIntentReader, INTENT_THRESHOLDS, intentExamples } from '../src/safety/intents.ts';

/**
 * `npm run eval:intents`: precision and recall of intent routing (rules, then the model) per
 * intent, on the held-out TEST half of the labelled set, and the share of near-misses wrongly
 * routed. `-- --dev` cross-validates on the DEV half instead: the figures to tune on, and reads
 * the ordinary questions of the dev evaluation split (tests/eval/questions.yaml, never the test
 * split) with the model of all the dev half, to count those routed to an intent all the same.
 */
const { values } = parseArgs({
  options: { dev: { type: 'boolean', default: false }, sweep: { type: 'boolean', default: false } },
});
const TEST_FILE = 'tests/safety/intents.test-set.yaml';
const LabelledSchema = z.strictObject(
  Object.fromEntries(INTENTS.map((intent) => [intent, z.array(z.string().min(1))])) as Record<
    Intent,
    z.ZodArray<z.ZodString>
  >,
);

type Pair = [Intent, string];
const pairsOf = (set: Readonly<Record<Intent, readonly string[]>>): Pair[] =>
  INTENTS.flatMap((intent) => set[intent].map((text): Pair => [intent, text]));

const knowledge = await loadKnowledge(BUNDLED_KNOWLEDGE_DIR);
const results: { expected: Intent; got: Intent; text: string }[] = [];
/** `--sweep`: each intent's threshold varied alone, the others as set, on the same folds. */
const TUNED = [
  'crisis',
  'detained',
  'advice',
  'deception',
  'deceptionOffTopic',
  'deceptionRuleOffTopic',
] as const;
const CANDIDATES = [
  0.01, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99,
];
const sweeps: {
  target: (typeof TUNED)[number];
  threshold: number;
  expected: Intent;
  got: Intent;
}[] = [];
/** `--dev`: held-out crisis phrasings, each followed by plain questions, read per fold. */
const beside: CrisisBesideQuestion[] = [];
if (values.dev) {
  // Five folds of the dev half: each phrasing judged by a model that never saw it.
  const dev = pairsOf(INTENT_EXAMPLES);
  for (let fold = 0; fold < 5; fold++) {
    const training = Object.fromEntries(INTENTS.map((i) => [i, [] as string[]])) as Record<
      Intent,
      string[]
    >;
    dev.forEach(([intent, text], i) => {
      if (i % 5 !== fold) training[intent].push(text);
    });
    const model = trainIntentModel(intentExamples(knowledge.passages, training));
    const reader = createIntentReader(knowledge.passages, model);
    const held = dev.filter((_, i) => i % 5 === fold);
    for (const [intent, text] of held)
      results.push({ expected: intent, got: route(reader, text), text });
    beside.push(
      crisisBesideQuestion(
        reader,
        held.filter(([intent]) => intent === 'crisis').map(([, text]) => text),
      ),
    );
    if (values.sweep)
      for (const target of TUNED)
        for (const threshold of CANDIDATES) {
          const swept = createIntentReader(knowledge.passages, model, {
            ...INTENT_THRESHOLDS,
            [target]: threshold,
          });
          for (const [intent, text] of held)
            sweeps.push({ target, threshold, expected: intent, got: route(swept, text) });
        }
  }
} else {
  const test = LabelledSchema.parse(parse(await readFile(TEST_FILE, 'utf8')));
  const reader = createIntentReader(knowledge.passages);
  for (const [intent, text] of pairsOf(test))
    results.push({ expected: intent, got: route(reader, text), text });
}

const pct = (part: number, whole: number) =>
  whole === 0 ? '   n/a' : `${((100 * part) / whole).toFixed(1).padStart(5)}%`;
console.log(
  `${values.dev ? 'DEV half, 5-fold cross-validation' : `TEST half (${TEST_FILE})`}: ${results.length} phrasings\n`,
);
console.log('intent       phrasings  precision  recall');
for (const intent of INTENTS.filter((i) => i !== 'none')) {
  const expected = results.filter((r) => r.expected === intent);
  const routed = results.filter((r) => r.got === intent);
  const right = expected.filter((r) => r.got === intent).length;
  console.log(
    `${intent.padEnd(12)} ${String(expected.length).padStart(9)}  ${pct(right, routed.length).padStart(9)}  ${pct(right, expected.length).padStart(6)}`,
  );
}
const nearMisses = results.filter((r) => r.expected === 'none');
const falseCrisis = nearMisses.filter((r) => r.got === 'crisis' || r.got === 'detained').length;
const falseAny = nearMisses.filter((r) => r.got !== 'none').length;
console.log(
  `\nnear-misses  ${nearMisses.length}: routed to crisis or detention ${pct(falseCrisis, nearMisses.length).trim()}, to any intent ${pct(falseAny, nearMisses.length).trim()}`,
);
const ordinary = values.dev
  ? ordinaryMisreads(
      await loadEvalSet(),
      knowledge.passages,
      createIntentReader(knowledge.passages),
    )
  : undefined;
if (ordinary) {
  const { misread } = ordinary;
  const replaced = misread.filter((m) => m.got !== 'advice').length;
  const safety = misread.filter((m) => m.got === 'crisis' || m.got === 'detained').length;
  console.log(
    `ordinary questions misread (dev eval split, ${ordinary.ordinary} turns): ${pct(misread.length, ordinary.ordinary).trim()} (${misread.length}), crisis or detention ${pct(safety, ordinary.ordinary).trim()} (${safety}), answer replaced ${pct(replaced, ordinary.ordinary).trim()} (${replaced})`,
  );
}
if (beside.length > 0) {
  const sum = (key: keyof CrisisBesideQuestion) => beside.reduce((n, b) => n + b[key], 0);
  console.log(
    `crisis told before a plain question (dev folds, ${PLAIN_QUESTIONS.length} questions, ${sum('total')} messages): read ${pct(sum('read'), sum('total')).trim()}, of those the rules miss ${pct(sum('modelOnlyRead'), sum('modelOnly')).trim()} (${sum('modelOnlyRead')} of ${sum('modelOnly')})`,
  );
}
const wrong = results.filter((r) => r.got !== r.expected);
// Test failures are counted, never shown: a test phrasing read to change anything would be tuned on.
console.log(`\nmisrouted (${wrong.length})`);
if (values.dev)
  for (const r of wrong) console.log(`  ${r.expected} → ${r.got}: ${JSON.stringify(r.text)}`);
if (ordinary) {
  console.log(`\nordinary questions misread (${ordinary.misread.length})`);
  for (const m of ordinary.misread) console.log(`  none → ${m.got}: ${JSON.stringify(m.text)}`);
}

if (values.sweep) {
  console.log(
    '\nthreshold sweep (dev folds): recall of the intent, near-misses routed to it; ordinary questions of the dev eval split routed to it (model of all the dev half)',
  );
  const evalSet = await loadEvalSet();
  const whole = trainIntentModel(intentExamples(knowledge.passages));
  for (const target of TUNED) {
    const rows = CANDIDATES.map((threshold) => {
      const at = sweeps.filter((r) => r.target === target && r.threshold === threshold);
      // The thresholds for deception off the topic move deception's figures.
      const intent: Intent = target.startsWith('deception') ? 'deception' : (target as Intent);
      const expected = at.filter((r) => r.expected === intent);
      const none = at.filter((r) => r.expected === 'none');
      const recall = pct(expected.filter((r) => r.got === intent).length, expected.length).trim();
      const fp = pct(none.filter((r) => r.got === intent).length, none.length).trim();
      const misread = at.filter((r) => r.expected !== intent && r.got === intent).length;
      const reader = createIntentReader(knowledge.passages, whole, {
        ...INTENT_THRESHOLDS,
        [target]: threshold,
      });
      const ordinary = ordinaryMisreads(evalSet, knowledge.passages, reader).misread.filter(
        (m) => m.got === intent,
      ).length;
      return `${threshold.toFixed(2)}: ${recall} recall, ${fp} near-misses, ${misread} others in, ${ordinary} ordinary`;
    });
    console.log(`  ${target}\n    ${rows.join('\n    ')}`);
  }
}

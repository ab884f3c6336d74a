import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { keyStems, keyWordsUsed } from '../../evaluation/paraphrase.ts';
import { BUNDLED_KNOWLEDGE_DIR, loadKnowledge } from '../../src/index.ts';
import { loadMeaning } from '../../src/meaning/index.ts';
import type { Message } from './dump.ts';
import { type Classifier, classifierExamples, fitClassifier } from './softmax.ts';

/**
 * The passage classifier (softmax.ts) out of fold: for each of dump.ts's messages,
 * the probabilities of a classifier fitted without the message's fold of phrasings and declines
 * (dev: with all of them). Prints how often it alone puts the right passage first, and writes the
 * probabilities for `experiment.ts --cls <file>`. About four minutes (six fits). Never reads test.
 */
const { values } = parseArgs({
  options: {
    dump: { type: 'string', default: '/tmp/ranking-dump.json' },
    out: { type: 'string', default: '/tmp/ranking-classes.json' },
  },
});
const dump = JSON.parse(readFileSync(values.dump, 'utf8')) as {
  messages: Message[];
  vectors: [string, number[]][];
};
const knowledge = await loadKnowledge(BUNDLED_KNOWLEDGE_DIR);
const { passages } = knowledge;
const { utterances, declines } = knowledge.phrasings;
const encoder = loadMeaning({ onError: (e) => console.error(String(e)) });
if (!encoder) throw new Error('The sentence encoder is off: this measures its classifier.');
const vectorOf = new Map(dump.vectors.map(([text, v]) => [text, Float32Array.from(v)]));
const FOLDS = 5; // as dump.ts and scripts/train.ts: the i-th phrasing is in fold i % 5

const classifiers = new Map<number, Classifier>();
for (const fold of [...Array(FOLDS).keys(), -1]) {
  const kept = <T>(items: readonly T[]) => items.filter((_, i) => i % FOLDS !== fold);
  const examples = classifierExamples(
    passages,
    { utterances: kept(utterances), declines: kept(declines) },
    (texts) => encoder.knowledgeVectors(texts),
  );
  classifiers.set(fold, fitClassifier(examples, passages.length + 1));
  console.error(`fitted without fold ${fold}`);
}

const positionOf = new Map(passages.map((p, i) => [p.id, i]));
const keyWords = passages.map(keyStems);
const isParaphrase = (m: Message) => {
  const at = positionOf.get(m.expect[0] ?? '');
  return at !== undefined && keyWordsUsed(m.text, keyWords[at] as Set<string>).length === 0;
};
const out: Record<string, number[]> = {};
const tally = new Map<string, [number, number]>();
const count = (key: string, ok: boolean) => {
  const [right, all] = tally.get(key) ?? [0, 0];
  tally.set(key, [right + (ok ? 1 : 0), all + 1]);
};
for (const m of dump.messages) {
  const classifier = classifiers.get(m.kind === 'dev' || m.fold < 0 ? -1 : m.fold);
  const vectors = m.readings.map((text) => vectorOf.get(text) ?? Float32Array.of());
  const probabilities = classifier?.probabilities(vectors);
  if (!probabilities) continue;
  const all = [...probabilities.passages, probabilities.decline];
  out[`${m.fold}|${m.text}`] = all.map((p) => Math.round(p * 1e5) / 1e5);
  const best = all.indexOf(Math.max(...all.slice(0, -1)));
  const where = m.kind === 'dev' ? 'dev' : 'out of fold';
  if (m.expect.length === 0) {
    count(
      `${where}, declines: decline class above every passage`,
      probabilities.decline >= (all[best] ?? 0),
    );
    continue;
  }
  const right = m.expect.includes(passages[best]?.id ?? '');
  count(`${where}, answerable: right passage first`, right);
  if (isParaphrase(m)) count(`${where}, paraphrases: right passage first`, right);
  if (m.subset === 'long') count(`${where}, long: right passage first`, right);
}
for (const [key, [right, all]] of tally)
  console.log(`${key.padEnd(58)} ${((100 * right) / all).toFixed(1)}% of ${all}`);
writeFileSync(values.out, JSON.stringify(out));
console.log(`Wrote ${values.out}.`);

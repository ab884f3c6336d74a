import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { subsetOf } from '../../evaluation/evaluate.ts';
import { loadEvalSet } from '../../evaluation/load.ts';
import { BUNDLED_KNOWLEDGE_DIR, loadKnowledge } from '../../src/index.ts';
import type { Phrasings } from '../../src/knowledge/phrasings.ts';
import { loadMeaning } from '../../src/meaning/index.ts';
import { FEATURES } from '../../src/retrieval/features.ts';
import { createRetriever } from '../../src/retrieval/index.ts';
import { createMeaningIndex, type SentenceEncoder } from '../../src/retrieval/meaning.ts';
import { splitStory } from '../../src/retrieval/story.ts';

/**
 * The ranking experiment's first half (issue 12): every training message's candidates with their
 * lexical features, measured as `npm run train` measures them (a phrasing or decline with its
 * fold of phrasings left out, 5 folds), the dev questions' with every phrasing, and the vectors
 * of every message's readings. bench/ranking/experiment.ts then tries meaning features, pools
 * and training choices on them in seconds. Never reads test.yaml.
 *
 *   tsx bench/ranking/dump.ts && tsx bench/ranking/experiment.ts
 */
const { values } = parseArgs({
  options: {
    out: { type: 'string', default: '/tmp/ranking-dump.json' },
    pool: { type: 'string', default: '20' },
    /** Measure the dev questions again into an existing dump (after dev changed). */
    'dev-only': { type: 'boolean', default: false },
  },
});
const FOLDS = 5;
const POOL = Number(values.pool);

const knowledge = await loadKnowledge(BUNDLED_KNOWLEDGE_DIR);
const dev = await loadEvalSet();
const { utterances, declines } = knowledge.phrasings;
const encoder = loadMeaning({ onError: (e) => console.error(String(e)) });
if (!encoder) throw new Error('The sentence encoder is off or failed to load.');

const known = new Set([...utterances.map((u) => u.text), ...declines]);
const vectors = new Map<string, number[]>();
const recording: SentenceEncoder = {
  knowledgeVectors: (texts) => encoder.knowledgeVectors(texts),
  questionVector(text) {
    const vector = known.has(text)
      ? (encoder.knowledgeVectors([text])[0] as Float32Array)
      : encoder.questionVector(text);
    vectors.set(text, [...vector]);
    return vector;
  },
};

export interface Message {
  kind: 'utterance' | 'decline' | 'dev';
  fold: number;
  text: string;
  /** The passages that answer it (empty: decline it). */
  expect: string[];
  subset: string;
  /** A dev question of the labelled block of 2026-12-02 (the old dev labels no subsets). */
  block?: boolean;
  readings: string[];
  candidates: { id: string; lexical: number[] }[];
}
const messages: Message[] = [];

const retrieverWith = (phrasings: Phrasings) =>
  createRetriever(knowledge.passages, knowledge.synonyms, undefined, undefined, {
    phrasings,
    model: null,
    meaning: createMeaningIndex(
      recording,
      knowledge.passages,
      phrasings,
      (error) => {
        throw error;
      },
      POOL,
    ),
    meaningModel: null,
  });

const readingsOf = (text: string) => {
  const { ask } = splitStory(text);
  return ask === text ? [text] : [ask, text];
};
const record = (
  retriever: ReturnType<typeof retrieverWith>,
  base: Omit<Message, 'readings' | 'candidates'>,
) => {
  const found = retriever.features(base.text, { limit: 100 });
  messages.push({
    ...base,
    readings: readingsOf(base.text),
    candidates: found.map((c) => ({ id: c.id, lexical: c.features.slice(0, FEATURES.length) })),
  });
};

const previous = values['dev-only']
  ? (JSON.parse(readFileSync(values.out, 'utf8')) as {
      messages: Message[];
      vectors: [string, number[]][];
    })
  : undefined;
if (previous) {
  messages.push(...previous.messages.filter((m) => m.kind !== 'dev'));
  for (const [text, vector] of previous.vectors) vectors.set(text, vector);
}
for (let fold = 0; fold < FOLDS && !previous; fold++) {
  const retriever = retrieverWith({
    utterances: utterances.filter((_, i) => i % FOLDS !== fold),
    declines: declines.filter((_, i) => i % FOLDS !== fold),
  });
  utterances.forEach((u, i) => {
    if (i % FOLDS === fold)
      record(retriever, {
        kind: 'utterance',
        fold,
        text: u.text,
        expect: [u.passage],
        subset: u.text.length > 250 ? 'long' : 'plain',
      });
  });
  declines.forEach((text, i) => {
    if (i % FOLDS === fold)
      record(retriever, { kind: 'decline', fold, text, expect: [], subset: 'decline' });
  });
  console.error(`fold ${fold + 1}/${FOLDS}: ${messages.length} messages`);
}
const full = retrieverWith(knowledge.phrasings);
for (const turn of dev.questions)
  record(full, {
    kind: 'dev',
    fold: -1,
    text: turn.q,
    expect: 'expect' in turn ? turn.expect : [],
    subset: subsetOf(turn),
    block: turn.subset !== undefined,
  });
writeFileSync(values.out, JSON.stringify({ features: FEATURES, messages, vectors: [...vectors] }));
console.error(`Wrote ${values.out}: ${messages.length} messages, ${vectors.size} vectors.`);
process.exit(0);

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { heldOutFromTraining } from '../evaluation/dev-phrasings.ts';
import { DEV_EVAL_FILE, loadEvalSet } from '../evaluation/load.ts';
import { keyStems, keyWordsUsed } from '../evaluation/paraphrase.ts';
import { chooseThreshold, type Decision, decisionsAt } from '../evaluation/threshold.ts';
import { BUNDLED_KNOWLEDGE_DIR, loadKnowledge } from '../src/index.ts';
import { NO_PHRASINGS, type Phrasings } from '../src/knowledge/phrasings.ts';
import { loadMeaning, progressLines } from '../src/meaning/index.ts';
import { FEATURES } from '../src/retrieval/features.ts';
import { createRetriever, type Retriever } from '../src/retrieval/index.ts';
import { createMeaningIndex, type SentenceEncoder } from '../src/retrieval/meaning.ts';
import {
  type Example,
  fitListwise,
  fitLogistic,
  type Group,
  type Model,
} from '../src/retrieval/model.ts';
import {
  ANSWER_FEATURES,
  answerFeaturesOf,
  CONFIDENCE_ONLY,
  CONFIDENCE_SIGNS,
  carriedIndexes,
  firstRanked,
  MEANING_ANSWER_FEATURES,
  MEANING_RANKER_FEATURES,
  scoreCandidates,
} from '../src/retrieval/scorer.ts';
import { writeModel } from './write-model.ts';

/**
 * `npm run train`: learns the scorers (src/retrieval/ranker.json, lexical; ranker-meaning.json,
 * lexical and sentence-encoder features) from the bundled knowledge's
 * training phrasings and declines (knowledge/phrasings/), and chooses the answer threshold on their
 * out-of-fold confidences; it reports the dev split's questions it does not train on
 * (tests/eval/questions.yaml after its "Held out from training" comment; those before it are
 * phrasings, see scripts/dev-phrasings.ts). Never reads test.yaml.
 *
 * A phrasing's features are measured with its own fold of phrasings left out (5 folds), as a new
 * message would be: otherwise "the closest phrasing" is always the phrasing itself.
 */
const HERE = path.dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({
  options: {
    folds: { type: 'string', default: '5' },
    l2: { type: 'string', default: '0.01' },
    /** Overrides each scorer's own declineWeight (see Variant). */
    'decline-weight': { type: 'string' },
    out: { type: 'string', default: path.join(HERE, '../src/retrieval/ranker.json') },
    'meaning-out': {
      type: 'string',
      default: path.join(HERE, '../src/retrieval/ranker-meaning.json'),
    },
    'dry-run': { type: 'boolean', default: false },
    /** Train one scorer only ('lexical' or 'meaning'): the lexical one takes a minute alone. */
    only: { type: 'string' },
  },
});
const FOLDS = Number(values.folds);

const knowledge = await loadKnowledge(BUNDLED_KNOWLEDGE_DIR);
// The dev questions it trains on (evaluation/dev-phrasings.ts) are left out of its dev report.
const dev = heldOutFromTraining(await readFile(DEV_EVAL_FILE, 'utf8'), await loadEvalSet());
const { utterances, declines } = knowledge.phrasings;

/**
 * How much a training phrasing counts for the meaning scorer. One that shares no key word with its passage's title and
 * listed questions (the eval's paraphrase rule) weighs 3 and a long story 2: both are rare among
 * the phrasings and common in what people ask (cross-validated over the phrasings and read on
 * dev's fresh block, bench/ranking/experiment.ts: paraphrases ranked first out of fold 42.8 →
 * 47.4%, long stories 87.9 → 88.4%).
 */
const keyWordsOf = new Map(knowledge.passages.map((p) => [p.id, keyStems(p)]));
const weightOf = (utterance: { text: string; passage: string }) => {
  const stems = keyWordsOf.get(utterance.passage);
  if (stems && keyWordsUsed(utterance.text, stems).length === 0) return 3;
  return utterance.text.length > 250 ? 2 : 1;
};

interface Variant {
  /** For --only. */
  key: 'lexical' | 'meaning';
  name: string;
  ranker: readonly string[];
  answer: readonly string[];
  out: string;
  /**
   * Choose the threshold on the training messages measured with no phrasings at all, as on a
   * knowledge folder that has none: where this scorer ranks (see the lexical variant).
   */
  thresholdBare?: boolean;
  /** Weigh paraphrase-like phrasings and long stories more (weightOf). */
  weighSubsets?: boolean;
  /**
   * The declines' total weight in the confidence's fit, relative to the answerable phrasings'
   * (default 0.5).
   */
  declineWeight?: number;
  /** The confidence's L2 penalty (default: --l2). */
  l2?: number;
  /** Signs the confidence's weights must keep (see CONFIDENCE_SIGNS). */
  signs?: Readonly<Record<string, 1 | -1>>;
  retrieverWith(phrasings: Phrasings, model: Model | null): Retriever;
}

const lexicalRetriever = (phrasings: Phrasings, model: Model | null): Retriever =>
  createRetriever(knowledge.passages, knowledge.synonyms, undefined, undefined, {
    phrasings,
    model,
  });
const meaningRetriever =
  (encoder: SentenceEncoder) =>
  (phrasings: Phrasings, model: Model | null): Retriever =>
    createRetriever(knowledge.passages, knowledge.synonyms, undefined, undefined, {
      phrasings,
      model: null,
      meaning: createMeaningIndex(encoder, knowledge.passages, phrasings, (error) => {
        throw error;
      }),
      meaningModel: model,
    });

type TrainingGroup = Group & { decline: boolean; fold: number };

/** The ranker (listwise) and the confidence (logistic) fitted on some training messages. */
function fitScorer(
  variant: Variant,
  groups: readonly TrainingGroup[],
): Pick<Model, 'ranker' | 'answer'> {
  const ranker = fitListwise(groups, variant.ranker, { unweighed: CONFIDENCE_ONLY });
  const carried = carriedIndexes(variant.ranker, variant.answer);

  // The confidence: is the candidate the ranker puts first the one that answers?
  const declineCount = groups.filter((g) => g.decline).length;
  const declineWeight =
    (Number(values['decline-weight'] ?? variant.declineWeight ?? 0.5) *
      (groups.length - declineCount)) /
    Math.max(1, declineCount);
  const examples: Example[] = groups.map((group) => {
    const rows = answerFeaturesOf(ranker, group.candidates, carried);
    const first = rows.reduce(
      (best, row, i) => ((row[0] ?? 0) > (rows[best]?.[0] ?? 0) ? i : best),
      0,
    );
    return {
      x: rows[first] ?? [],
      y: first === group.positive ? 1 : 0,
      weight: group.decline ? declineWeight : (group.weight ?? 1),
    };
  });
  return {
    ranker,
    answer: fitLogistic(examples, variant.answer, {
      l2: variant.l2 ?? Number(values.l2),
      ...(variant.signs ? { signs: variant.signs } : {}),
    }),
  };
}

/** A decision, and for the dev report whether a right passage is among the first three. */
interface DecisionRow extends Decision {
  top3: boolean;
}

/**
 * One group per training message: its candidates' features and which one answers (-1: none).
 * Each message is measured by a retriever that knows the phrasings of the other folds (`bare`:
 * none at all, as on a knowledge folder without training phrasings).
 */
function measure(variant: Variant, bare = false): TrainingGroup[] {
  const groups: TrainingGroup[] = [];
  const foldOf = (i: number) => i % FOLDS;
  const bareRetriever = bare ? variant.retrieverWith(NO_PHRASINGS, null) : undefined;
  for (let fold = 0; fold < FOLDS; fold++) {
    const retriever =
      bareRetriever ??
      variant.retrieverWith(
        {
          utterances: utterances.filter((_, i) => foldOf(i) !== fold),
          declines: declines.filter((_, i) => foldOf(i) !== fold),
        },
        null,
      );
    utterances.forEach((utterance, i) => {
      if (foldOf(i) !== fold) return;
      const found = retriever.features(utterance.text, { limit: 20 });
      if (found.length === 0) return;
      groups.push({
        candidates: found.map((c) => c.features),
        positive: found.findIndex((c) => c.id === utterance.passage),
        weight: variant.weighSubsets ? weightOf(utterance) : 1,
        decline: false,
        fold,
      });
    });
    declines.forEach((text, i) => {
      if (foldOf(i) !== fold) return;
      const found = retriever.features(text, { limit: 20 });
      if (found.length)
        groups.push({
          candidates: found.map((c) => c.features),
          positive: -1,
          decline: true,
          fold,
        });
    });
  }
  return groups;
}

/** Trains one scorer and chooses its threshold out of fold; reports it on dev. */
function train(variant: Variant): Model {
  const groups = measure(variant);
  const fitted = fitScorer(variant, groups);

  // The threshold, chosen on the phrasings' out-of-fold confidences: each fold scored by a scorer
  // fitted without it, as a new message would be. Chosen on dev, which the bot has been tuned on
  // for weeks, it fitted dev's style and not the test split's (issue 12).
  const scored = variant.thresholdBare ? measure(variant, true) : groups;
  const outOfFold: DecisionRow[] = [];
  for (let fold = 0; fold < FOLDS; fold++) {
    const scorer = fitScorer(
      variant,
      groups.filter((g) => g.fold !== fold),
    );
    for (const group of scored.filter((g) => g.fold === fold)) {
      const scores = scoreCandidates({ ...scorer, threshold: 0, trainedOn: '' }, group.candidates);
      const first = firstRanked(scores);
      outOfFold.push({
        confidence: scores[first]?.confidence ?? 0,
        first: first >= 0 && first === group.positive,
        top3: false,
        answerable: !group.decline,
      });
    }
  }
  const chosen = chooseThreshold(outOfFold);

  // Dev, for the record: what the scorer ranks first there, and its decisions at that threshold.
  const unthresholded: Model = { ...fitted, threshold: 0, trainedOn: '' };
  const retriever = variant.retrieverWith(knowledge.phrasings, unthresholded);
  const rows: DecisionRow[] = dev.questions.map((turn) => {
    const hits = retriever.search(turn.q, { limit: 3 });
    const expected = 'expect' in turn ? turn.expect : undefined;
    return {
      confidence: hits[0]?.confidence ?? 0,
      first: expected ? expected.includes(hits[0]?.id ?? '') : false,
      top3: expected ? hits.some((h) => expected.includes(h.id)) : false,
      answerable: expected !== undefined,
    };
  });
  const best = decisionsAt(rows, chosen.threshold);
  const answerable = rows.filter((r) => r.answerable);
  const pct = (value: number) => `${(value * 100).toFixed(1)}%`;
  console.log(
    [
      `${variant.name}: trained on ${utterances.length} phrasings and ${declines.length} declines`,
      'ranker (listwise), weights of standardised features:',
      ...variant.ranker.map(
        (name, j) =>
          `  ${name.padEnd(18)}${(fitted.ranker.weights[j] ?? 0).toFixed(3).padStart(8)}`,
      ),
      'confidence (logistic regression on the first candidate):',
      ...variant.answer.map(
        (name, j) =>
          `  ${name.padEnd(18)}${(fitted.answer.weights[j] ?? 0).toFixed(3).padStart(8)}`,
      ),
      `  ${'bias'.padEnd(18)}${fitted.answer.bias.toFixed(3).padStart(8)}`,
      `dev (held out): retriever hit@1 ${pct(answerable.filter((r) => r.first).length / answerable.length)}, hit@3 ${pct(answerable.filter((r) => r.top3).length / answerable.length)}`,
      `threshold ${chosen.threshold.toFixed(2)} (out of fold: decisions right ${pct(chosen.accuracy)}, decline precision ${pct(chosen.precision)}, recall ${pct(chosen.recall)})`,
      `  on dev: decisions right ${pct(best.accuracy)}, decline precision ${pct(best.precision)}, recall ${pct(best.recall)}`,
      '',
    ].join('\n'),
  );
  return {
    ...fitted,
    threshold: chosen.threshold,
    trainedOn: `${utterances.length} phrasings and ${declines.length} declines of the bundled knowledge, ${FOLDS} folds; threshold chosen on their out-of-fold confidences${variant.thresholdBare ? ', measured without phrasings' : ''}`,
  };
}

const variants: Variant[] = [
  {
    key: 'lexical',
    name: 'lexical',
    // The lexical scorer ranks where there are no training phrasings (a knowledge folder without
    // them; the meaning scorer ranks the bundled knowledge). There nothing says how close a
    // message is to a question to decline (declineNearest is unknown) and the closest phrasing
    // is a title or listed question, so an out-of-scope question gets more confidence than in
    // training: chosen on messages measured with phrasings, the threshold came out at 0.05 and
    // the six-passage fixture answered "does sweden give asylum to americans" (0.052).
    ranker: FEATURES,
    answer: ANSWER_FEATURES,
    out: values.out,
    thresholdBare: true,
    signs: CONFIDENCE_SIGNS,
    retrieverWith: lexicalRetriever,
  },
];
const encoder = loadMeaning({
  onError: (error) => console.error(String(error)),
  onProgress: progressLines((line) => console.error(line)),
});
// The training messages are the knowledge's own phrasings and declines: their vectors come from
// the encoder's cache, not encoded again for every fold. (Dev questions are encoded each time.)
const knowledgeTexts = new Set([...utterances.map((u) => u.text), ...declines]);
const trainingEncoder: SentenceEncoder | undefined = encoder && {
  knowledgeVectors: (texts) => encoder.knowledgeVectors(texts),
  questionVector: (text) =>
    knowledgeTexts.has(text)
      ? (encoder.knowledgeVectors([text])[0] as Float32Array)
      : encoder.questionVector(text),
};
if (trainingEncoder)
  variants.push({
    key: 'meaning',
    name: 'lexical and meaning',
    // Measured for this scorer only: the lexical one is left as it was.
    weighSubsets: true,
    // The declines weigh twice the phrasings in all, the confidence's weights keep their signs
    // (CONFIDENCE_SIGNS) and its penalty is lighter. Out of fold (`npx tsx
    // bench/ranking/experiment.ts --only 'dw 1 +softDS .05,signs'`), the declines caught at the
    // out-of-fold threshold (precision 90.0 to 91.8%): 80.1% with weight 1 and free signs, 80.6%
    // with signs, 82.2% with weight 2, 83.3% with all three (weight 3: 83.7%, 4: 83.1%); on
    // test, read once, 76.2% → 79.4% at precision 90.6% → 89.3%. Before, meaningSoftDeclineShare
    // had taken weight 1 from 72.9% to 77.8%. The lexical scorer keeps 0.5 and the default
    // penalty: its threshold is chosen bare, on another distribution, and it decides when the
    // encoder runs at all (encodeBelow). It takes the signs too, which moved only nearest's
    // weight (−0.02 → 0): words-only dev 73.3% → 73.5%, with the encoder every answer the same.
    declineWeight: 2,
    l2: 0.001,
    signs: CONFIDENCE_SIGNS,
    ranker: MEANING_RANKER_FEATURES,
    answer: MEANING_ANSWER_FEATURES,
    out: values['meaning-out'],
    retrieverWith: meaningRetriever(trainingEncoder),
  });
else
  console.log(
    'The sentence encoder is off or unavailable: ranker-meaning.json is left as it is.\n',
  );
for (const variant of variants) {
  if (values.only && variant.key !== values.only) continue;
  const model = train(variant);
  if (!values['dry-run']) {
    await writeModel(variant.out, model);
    console.log(`Wrote ${variant.out}.\n`);
  }
}

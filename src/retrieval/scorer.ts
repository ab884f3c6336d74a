import { FEATURES, type FeatureName } from './features.ts';
import { type Linear, linearScore, type Model, ModelSchema, probability } from './model.ts';
import trained from './ranker.json' with { type: 'json' };

/**
 * Features of a candidate (features.ts) that the confidence reads as they are: only those of the
 * sentences that ask, so a story told before the question does not lower it (issue 12). Coverage
 * of the whole message, its listed-question coverage and its closest phrasing to the whole
 * message were dropped from it: on dev, one decision of 313 fewer right, and a question after a
 * story keeps 72% of its confidence instead of 39% (tests/retrieval/answers.test.ts).
 */
const CARRIED = [
  'askCoverage',
  'nearest',
  'centroid',
  'placeMismatch',
  'unknownWords',
  'unknownShare',
  'unknownPlace',
  'declineNearest',
] as const satisfies readonly FeatureName[];

/**
 * What the confidence is computed from, for one candidate: how far ahead of the others the ranker
 * puts it (its softmax share among the message's candidates and its lead over the best other, not
 * its raw score, which falls with a story's length), and how well it and the asking sentences
 * match. The share also orders the candidates: it rises with the ranker's score.
 */
export const ANSWER_FEATURES = ['share', 'margin', ...CARRIED] as const;

const carriedAt = CARRIED.map((name) => FEATURES.indexOf(name));

/**
 * The ranker's score of each candidate, and the features of its confidence: its share of the
 * scores, its margin, and the row's values at `carried` (the shipped model's, unless an
 * experiment compares others).
 */
export function answerFeaturesOf(
  ranker: Linear,
  rows: readonly number[][],
  carried: readonly number[] = carriedAt,
): number[][] {
  const scores = rows.map((row) => linearScore(ranker, row));
  const top = Math.max(...scores);
  const exps = scores.map((s) => Math.exp(s - top));
  const total = exps.reduce((a, b) => a + b, 0);
  return rows.map((row, i) => {
    const score = scores[i] ?? 0;
    const others = scores.filter((_, j) => j !== i);
    // A lone candidate leads by a wide margin: nothing else was found.
    const margin = others.length ? score - Math.max(...others) : 5;
    return [(exps[i] ?? 0) / total, margin, ...carried.map((at) => row[at] ?? 0)];
  });
}

/** Each candidate's rank score and confidence (0..1: how likely it is the right answer). */
export function scoreCandidates(
  model: Model,
  rows: readonly number[][],
): { rank: number; confidence: number }[] {
  const answerRows = answerFeaturesOf(model.ranker, rows);
  return answerRows.map((row) => ({
    rank: row[0] ?? 0,
    confidence: probability(model.answer, row),
  }));
}

/**
 * The scorer shipped with the bot, trained by `npm run train` on the bundled knowledge's
 * phrasings and declines. Its features are generic (coverage, similarity to a passage's own
 * phrasings, unknown words), so it ranks any knowledge folder; retrain after changing features.
 */
export function defaultModel(): Model {
  // Checked when first needed, not on import: `npm run train` imports this module to write a new
  // ranker.json after the features changed, when the old one no longer fits them.
  cached ??= checked(trained);
  return cached;
}
let cached: Model | undefined;

function checked(data: unknown): Model {
  const model = ModelSchema.parse(data);
  if (
    model.ranker.features.join() !== FEATURES.join() ||
    model.answer.features.join() !== ANSWER_FEATURES.join()
  )
    throw new Error(
      'src/retrieval/ranker.json was trained on other features than the code computes: run `npm run train`.',
    );
  return model;
}

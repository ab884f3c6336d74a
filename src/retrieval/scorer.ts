import { FEATURES, type FeatureName } from './features.ts';
import { type Linear, linearScore, type Model, ModelSchema, probability } from './model.ts';
import trained from './ranker.json' with { type: 'json' };

/**
 * What the confidence is computed from, for one candidate: how far ahead of the others the ranker
 * puts it, and how well it and the message match (named features from features.ts).
 */
export const ANSWER_FEATURES = [
  /** The ranker's softmax share of this candidate among the message's candidates. */
  'share',
  /** The ranker's score. */
  'score',
  /** Its lead over the best other candidate. */
  'margin',
  'coverage',
  'askCoverage',
  'questionCoverage',
  'nearest',
  'centroid',
  'nearestWhole',
  'placeMismatch',
  'unknownWords',
  'unknownShare',
  'unknownPlace',
  'declineNearest',
] as const;

const position = (name: FeatureName) => FEATURES.indexOf(name);

/** The ranker's score of each candidate, and the features of its confidence. */
export function answerFeaturesOf(ranker: Linear, rows: readonly number[][]): number[][] {
  const scores = rows.map((row) => linearScore(ranker, row));
  const top = Math.max(...scores);
  const exps = scores.map((s) => Math.exp(s - top));
  const total = exps.reduce((a, b) => a + b, 0);
  return rows.map((row, i) => {
    const score = scores[i] ?? 0;
    const others = scores.filter((_, j) => j !== i);
    const values: Record<(typeof ANSWER_FEATURES)[number], number> = {
      share: (exps[i] ?? 0) / total,
      score,
      margin: others.length ? score - Math.max(...others) : 5,
      coverage: row[position('coverage')] ?? 0,
      askCoverage: row[position('askCoverage')] ?? 0,
      questionCoverage: row[position('questionCoverage')] ?? 0,
      nearest: row[position('nearest')] ?? 0,
      centroid: row[position('centroid')] ?? 0,
      nearestWhole: row[position('nearestWhole')] ?? 0,
      placeMismatch: row[position('placeMismatch')] ?? 0,
      unknownWords: row[position('unknownWords')] ?? 0,
      unknownShare: row[position('unknownShare')] ?? 0,
      unknownPlace: row[position('unknownPlace')] ?? 0,
      declineNearest: row[position('declineNearest')] ?? 0,
    };
    return ANSWER_FEATURES.map((name) => values[name]);
  });
}

/** Each candidate's rank score and confidence (0..1: how likely it is the right answer). */
export function scoreCandidates(
  model: Model,
  rows: readonly number[][],
): { rank: number; confidence: number }[] {
  const answerRows = answerFeaturesOf(model.ranker, rows);
  return answerRows.map((row) => ({
    rank: row[1] ?? 0,
    confidence: probability(model.answer, row),
  }));
}

/**
 * The scorer shipped with the bot, trained by `npm run train` on the bundled knowledge's
 * phrasings and declines. Its features are generic (coverage, similarity to a passage's own
 * phrasings, unknown words), so it ranks any knowledge folder; retrain after changing features.
 */
export const DEFAULT_MODEL: Model = checked(trained);

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

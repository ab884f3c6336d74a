import { FEATURES, type FeatureName } from './features.ts';
import { MEANING_FEATURES, type MeaningFeatureName } from './meaning.ts';
import { type Linear, linearScore, type Model, ModelSchema, probability } from './model.ts';
import trained from './ranker.json' with { type: 'json' };
import trainedWithMeaning from './ranker-meaning.json' with { type: 'json' };

/**
 * Features of a candidate (features.ts) that the confidence reads as they are: only those of the
 * sentences that ask, so a story told before the question does not lower it (issue 12). Coverage
 * of the whole message, its listed-question coverage and its closest phrasing to the whole
 * message were dropped from it: on dev, one decision of 313 fewer right, and a question after a
 * story keeps 72% of its confidence instead of 39% (tests/retrieval/answers.test.ts).
 */
export const CARRIED = [
  'askCoverage',
  'nearest',
  'centroid',
  'placeMismatch',
  'unknownWords',
  'unknownShare',
  'unknownPlace',
  'declineNearest',
  'uncoveredPlace',
  'focusMissing',
  'factMissing',
  'jurisdictionMismatch',
  'unknownPerson',
  'asksPrediction',
] as const satisfies readonly FeatureName[];

/**
 * Carried features the ranker does not weigh, only the confidence. focusMissing ranked too
 * (weight -1.15) cost dev hit@1 (labelled 83.9 → 82.4%, misconceptions 86.2 → 79.3%): whether
 * the rarest words asked are in a passage says more about whether any passage answers than about
 * which one does, which BM25 and coverage already weigh.
 */
export const CONFIDENCE_ONLY = [
  'focusMissing',
  'factMissing',
  'unknownPerson',
  'asksPrediction',
] as const satisfies readonly FeatureName[];

/**
 * What the confidence is computed from, for one candidate: how far ahead of the others the ranker
 * puts it (its softmax share among the message's candidates and its lead over the best other, not
 * its raw score, which falls with a story's length), and how well it and the asking sentences
 * match. The share also orders the candidates: it rises with the ranker's score.
 */
export const ANSWER_FEATURES = ['share', 'margin', ...CARRIED] as const;

/** The features of a scorer that also reads sentence vectors (meaning.ts), in row order. */
export const MEANING_RANKER_FEATURES = [...FEATURES, ...MEANING_FEATURES] as const;

/** Its confidence also reads how near in meaning the message is to the passage and to a decline. */
export const MEANING_ANSWER_FEATURES = [
  ...ANSWER_FEATURES,
  'meaningNearest',
  'meaningTop',
  'meaningDecline',
  'meaningDeclineShare',
  'meaningSoftDeclineShare',
] as const satisfies readonly (string | MeaningFeatureName)[];

/**
 * Which way each of the confidence's features may push it: a candidate that covers more of the
 * question or is nearer in meaning to the passage's phrasings is never less likely to answer,
 * and one nearer the declines or with words no passage knows never more. Fitted freely, the
 * weights of askCoverage and nearest came out negative: the declines are written in the domain's
 * own words (knowledge/phrasings/declines.yaml), so among training messages high coverage went
 * with declining, and "add up 129 and 487 please", which covers no word, got 0.52 out of fold.
 * meaningTop (the nearest phrasing of any passage) is left free: beside meaningNearest it stands
 * for the candidate's gap to the best. `npm run train` fits both scorers' confidences with them
 * (scripts/train.ts); the lexical one reads only the features it has.
 */
export const CONFIDENCE_SIGNS: Readonly<Record<string, 1 | -1>> = {
  share: 1,
  margin: 1,
  askCoverage: 1,
  nearest: 1,
  centroid: 1,
  meaningNearest: 1,
  placeMismatch: -1,
  unknownWords: -1,
  unknownShare: -1,
  unknownPlace: -1,
  declineNearest: -1,
  uncoveredPlace: -1,
  focusMissing: -1,
  factMissing: -1,
  jurisdictionMismatch: -1,
  unknownPerson: -1,
  asksPrediction: -1,
  meaningDecline: -1,
  meaningDeclineShare: -1,
  meaningSoftDeclineShare: -1,
};

/**
 * Where the confidence's carried features (its features after share and margin) sit in a
 * ranker's rows, by name.
 */
export const carriedIndexes = (
  rankerFeatures: readonly string[],
  answerFeatures: readonly string[],
): number[] => answerFeatures.slice(2).map((name) => rankerFeatures.indexOf(name));

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
  const answerRows = answerFeaturesOf(
    model.ranker,
    rows,
    carriedIndexes(model.ranker.features, model.answer.features),
  );
  return answerRows.map((row) => ({
    rank: row[0] ?? 0,
    confidence: probability(model.answer, row),
  }));
}

/** The position of the candidate the ranker puts first (the earliest of equals), or -1 for none. */
export function firstRanked(scores: readonly { rank: number }[]): number {
  let first = -1;
  scores.forEach((score, i) => {
    if (first < 0 || score.rank > (scores[first]?.rank ?? 0)) first = i;
  });
  return first;
}

/**
 * Hits in the ranker's order, but with the runner-up first when the confidence trusts it (at or
 * above `threshold`) and not the ranker's first. The two are separate models: the ranker orders
 * candidates, the confidence says whether one answers, and on a long story or a paraphrase the
 * ranker's first can be a near miss while the confidence sees the runner-up's phrasings and
 * meaning match ("emerald isle" asked: asylum-in-ireland second, at 0.23 against 0.12). Only the
 * runner-up: one further down is too far from the ranker's reading to trust (dev: runner-up only
 * 90.5 → 90.9% answer accuracy, any of the first three 90.8%, of five 90.7%; test, read once:
 * 82.9%, unchanged, so the dev gain is not shown to generalise).
 */
export function trustedFirst<T extends { confidence: number }>(
  hits: readonly T[],
  threshold: number,
): T[] {
  const [first, second, ...rest] = hits;
  if (first && second && first.confidence < threshold && second.confidence >= threshold)
    return [second, first, ...rest];
  return [...hits];
}

/**
 * The scorer shipped with the bot, trained by `npm run train` on the bundled knowledge's
 * phrasings and declines. Its features are generic (coverage, similarity to a passage's own
 * phrasings, unknown words), so it ranks any knowledge folder; retrain after changing features.
 */
export function defaultModel(): Model {
  // Checked when first needed, not on import: `npm run train` imports this module to write a new
  // ranker.json after the features changed, when the old one no longer fits them.
  cached ??= checked(trained, 'ranker.json', FEATURES, ANSWER_FEATURES);
  return cached;
}
let cached: Model | undefined;

/** The shipped scorer over lexical and meaning features, for when the sentence encoder runs. */
export function defaultMeaningModel(): Model {
  cachedWithMeaning ??= checked(
    trainedWithMeaning,
    'ranker-meaning.json',
    MEANING_RANKER_FEATURES,
    MEANING_ANSWER_FEATURES,
  );
  return cachedWithMeaning;
}
let cachedWithMeaning: Model | undefined;

function checked(
  data: unknown,
  file: string,
  ranker: readonly string[],
  answer: readonly string[],
): Model {
  const model = ModelSchema.parse(data);
  if (
    model.ranker.features.join() !== ranker.join() ||
    model.answer.features.join() !== answer.join()
  )
    throw new Error(
      `src/retrieval/${file} was trained on other features than the code computes: run \`npm run train\`.`,
    );
  return model;
}

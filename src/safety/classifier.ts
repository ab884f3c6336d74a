/**
 * The intent model: naive Bayes and a logistic regression over the same features, their
 * posteriors averaged, trained when the assistant loads (tens of milliseconds) from labelled
 * phrasings. Features are word stems, pairs of stems, stems under a negation, and letter
 * trigrams; the asking sentence of a long message counts again. Stems let "overdosed" count as
 * "overdose"; trigrams carry the misspellings people type ("sucidal", "imigration"). The rules
 * still decide the certain cases first (src/safety/crisis.ts, intent.ts).
 *
 * Why two models (session 4, dev folds): naive Bayes counts each word for itself, so words shared
 * by an intent and its near-misses ("how do i ... the officer") pull both ways; the logistic
 * model weighs words against each other and reads those better, but alone it missed more crises
 * at the same false-alarm rate. The average read more of every intent than either alone.
 *
 * Libraries were tried first (session 3): natural's classifiers bring database clients
 * (mongoose, pg, redis) as dependencies; nlp.js's network (@nlpjs/neural) took 4 to 36 s to train
 * on this set on the project's 2 cores, against milliseconds here, and read fewer intents on dev
 * at the same near-miss rate; wink's classifier brings a language model package. The counting
 * and the gradient steps below are the whole of both models.
 */
import { CHAT_ASIDES, isStopWord, stem } from '../retrieval/text.ts';

export const INTENTS = ['crisis', 'detained', 'advice', 'deception', 'none'] as const;
export type Intent = (typeof INTENTS)[number];

export interface IntentGuess {
  /** The intent with the highest posterior. */
  intent: Intent;
  /** The posterior per intent (0..1, summing to 1); not calibrated, so thresholds are tuned on dev. */
  scores: Readonly<Record<Intent, number>>;
  /**
   * Per intent, how many of the message's content words (not stop words) its examples contain:
   * a posterior built from "is", "this" and letter trigrams alone ("is this a bot") is no reading.
   */
  support: Readonly<Record<Intent, number>>;
}

export interface IntentModel {
  classify(text: string): IntentGuess;
}

/** Add-α smoothing: small, because phrasings are short and telling words are rare. */
const ALPHA = 0.3;
/**
 * A letter trigram counts this much of a word: trigrams only stand in for a word misspelt, and
 * a word has several of them.
 */
const TRIGRAM_WEIGHT = 0.15;
/**
 * Naive Bayes counts each word several times over (its stem, the pairs it is in, its trigrams),
 * as if each were fresh evidence, so its posteriors are far surer than it is: a short follow-up
 * ("what about my wife, she has ...") read as a crisis from a pronoun pair and one word seen once
 * in a crisis example. Its log-odds are divided by this before the average (dev folds, issue 15:
 * 2 halved near-misses read as crisis or detention, 1.3% to 0.7%, at the same crisis recall;
 * 3 and 4 cost recall of advice and deception).
 */
const BAYES_TEMPERATURE = 2;

/** Lower case, apostrophes dropped ("i'm" → "im"), words of letters and digits. */
function wordsOf(text: string): string[] {
  return (
    text
      .toLowerCase()
      .replace(/[’‘']/g, '')
      .match(/[\p{L}\p{N}]+/gu)
      // Asides ("tbh", "lol") that a few crisis examples use, learnt as danger without this:
      // "tbh is there an easier way to just live there legally" got 911.
      ?.filter((word) => !CHAT_ASIDES.has(word)) ?? []
  );
}

/**
 * Words that turn what follows around: "so they don't see me", "without getting caught", "not
 * safe". The next few words also count as negated features, so "not caught" and "without being
 * caught" share one, which neither word alone says.
 */
const NEGATORS = new Set([
  'not',
  'no',
  'never',
  'without',
  'nobody',
  'noone',
  'dont',
  'doesnt',
  'didnt',
  'wont',
  'cant',
  'cannot',
  'isnt',
  'arent',
  'wasnt',
  'werent',
  'wouldnt',
  'shouldnt',
  'couldnt',
  'aint',
]);
/** How many words after a negator it reaches: "don't [let them] see" is two away. */
const NEGATION_SCOPE = 3;
/**
 * The last sentence of a message of several counts this much again: a long story ends with what
 * is asked ("... so would we get accepted?"), and the story's words should not outvote it.
 */
const ASKING_WEIGHT = 1;

/** The features of one stretch of text, each with its weight, added to `input`. */
function addFeatures(text: string, weight: number, input: Map<string, number>): void {
  const words = wordsOf(text);
  const stems = words.map(stem);
  const add = (feature: string, w: number) =>
    input.set(feature, (input.get(feature) ?? 0) + w * weight);
  let negated = 0;
  for (const s of stems) {
    add(s, 1);
    if (negated > 0) {
      add(`!${s}`, 1);
      negated--;
    }
    if (NEGATORS.has(s)) negated = NEGATION_SCOPE;
  }
  for (let i = 1; i < stems.length; i++) add(`${stems[i - 1]} ${stems[i]}`, 1);
  if (TRIGRAM_WEIGHT > 0)
    for (const word of words) {
      const padded = `<${word}>`;
      for (let i = 0; i + 3 <= padded.length; i++)
        add(`#${padded.slice(i, i + 3)}`, TRIGRAM_WEIGHT);
    }
}

/** The sentences of a message, the last one last ("... i lost my job. would canada take me"). */
function sentencesOf(text: string): string[] {
  return text.split(/(?<=[.!?;:\n])\s+|\n+/).filter((s) => wordsOf(s).length > 0);
}

/**
 * The model's input: each feature with its weight (stems, stem pairs, negated stems, letter
 * trigrams), the asking sentence weighed again.
 */
export function features(text: string): Map<string, number> {
  const input = new Map<string, number>();
  addFeatures(text, 1, input);
  const sentences = sentencesOf(text);
  const asking = sentences.at(-1);
  if (sentences.length > 1 && asking && ASKING_WEIGHT > 0)
    addFeatures(asking, ASKING_WEIGHT, input);
  return input;
}

/** Which content words of `text` each intent's examples contain (see `IntentGuess.support`). */
function supportOf(
  text: string,
  seen: Readonly<Record<Intent, ReadonlySet<string>>>,
): Record<Intent, number> {
  const content = [
    ...new Set(
      wordsOf(text)
        .filter((word) => !isStopWord(word))
        .map(stem),
    ),
  ];
  return Object.fromEntries(
    INTENTS.map((intent) => [intent, content.filter((s) => seen[intent].has(s)).length]),
  ) as Record<Intent, number>;
}

/**
 * A trained model as plain data, so that it can be saved and read back (intents.ts keeps it in
 * the cache folder: training takes most of a second of a start). Both models index the same
 * features: `features[i]` is the i-th column of every row below.
 */
export interface IntentWeights {
  features: string[];
  /** The logistic model: INTENTS.length rows of features.length weights, then one bias per intent. */
  logistic: { weights: Float64Array; bias: Float64Array };
  /** Naive Bayes: each intent's weighted count of each feature, and each intent's total. */
  bayes: { counts: Float64Array; totals: Float64Array };
}

export function trainIntentModel(
  examples: Readonly<Record<Intent, readonly string[]>>,
): IntentModel {
  return intentModelFrom(trainIntentWeights(examples));
}

export function trainIntentWeights(
  examples: Readonly<Record<Intent, readonly string[]>>,
): IntentWeights {
  // Each phrasing's features, computed once for both models (it is most of the training time).
  const inputs = Object.fromEntries(
    INTENTS.map((intent) => [intent, (examples[intent] ?? []).map(features)]),
  ) as Record<Intent, Map<string, number>[]>;
  const index = new Map<string, number>();
  for (const intent of INTENTS)
    for (const input of inputs[intent])
      for (const feature of input.keys()) if (!index.has(feature)) index.set(feature, index.size);
  return {
    features: [...index.keys()],
    logistic: trainLogistic(inputs, index),
    bayes: countFeatures(inputs, index),
  };
}

/** The model that `weights` describe. */
export function intentModelFrom(weights: IntentWeights): IntentModel {
  const index = new Map(weights.features.map((feature, i) => [feature, i]));
  const V = index.size;
  // An intent's examples contain a feature when its count is above zero (all weights are).
  const seen = Object.fromEntries(
    INTENTS.map((intent, k) => [
      intent,
      new Set(weights.features.filter((_, i) => (weights.bayes.counts[k * V + i] ?? 0) > 0)),
    ]),
  ) as Record<Intent, Set<string>>;
  const models: Posterior[] = [naiveBayes(weights.bayes, index), logistic(weights.logistic, index)];
  return {
    classify(text) {
      const input = features(text);
      const guesses = models.map((model) => model(input));
      const scores = Object.fromEntries(
        INTENTS.map((intent) => [
          intent,
          guesses.reduce((sum, guess) => sum + guess[intent], 0) / guesses.length,
        ]),
      ) as Record<Intent, number>;
      const intent = INTENTS.reduce((best, i) => (scores[i] > scores[best] ? i : best));
      return { intent, scores, support: supportOf(text, seen) };
    },
  };
}

/** One model's reading: the posterior per intent of a message's features. */
type Posterior = (input: ReadonlyMap<string, number>) => Record<Intent, number>;
type TrainingInputs = Readonly<Record<Intent, readonly ReadonlyMap<string, number>[]>>;

/** Passes over the examples; each pass visits them in a fixed shuffled order (reproducible). */
const EPOCHS = 30;
/** AdaGrad's step: each feature's steps shrink as its gradients add up, so rare words still learn. */
const RATE = 0.5;
/** L2 weight decay: keeps a word seen once from deciding alone. */
const DECAY = 1e-4;

/** A message as the logistic model reads it: feature positions and values, in step. */
interface Vector {
  at: Int32Array;
  value: Float64Array;
}

/**
 * The features of a message that `index` knows, scaled so that all its features, known or not,
 * have unit length: a long story then weighs no more than a short question, and a message of
 * mostly unknown words reads weakly.
 */
function vectorOf(input: ReadonlyMap<string, number>, index: ReadonlyMap<string, number>): Vector {
  const norm = Math.hypot(...input.values()) || 1;
  const known = [...input].flatMap(([feature, value]): [number, number][] => {
    const at = index.get(feature);
    return at === undefined ? [] : [[at, value]];
  });
  return {
    at: Int32Array.from(known, ([at]) => at),
    value: Float64Array.from(known, ([, value]) => value / norm),
  };
}

/** The logistic model's posterior: a softmax over each intent's weighted features. */
function probabilitiesOf(
  { weights, bias }: IntentWeights['logistic'],
  V: number,
  { at, value }: Vector,
): Float64Array {
  const K = bias.length;
  const z = Float64Array.from(bias);
  for (let k = 0; k < K; k++)
    for (let f = 0; f < at.length; f++)
      z[k] =
        (z[k] as number) + (weights[k * V + (at[f] as number)] as number) * (value[f] as number);
  const top = Math.max(...z);
  let sum = 0;
  for (let k = 0; k < K; k++) {
    z[k] = Math.exp((z[k] as number) - top);
    sum += z[k] as number;
  }
  return z.map((v) => v / sum);
}

function logistic(data: IntentWeights['logistic'], index: ReadonlyMap<string, number>): Posterior {
  return (input) => {
    const p = probabilitiesOf(data, index.size, vectorOf(input, index));
    return Object.fromEntries(INTENTS.map((intent, k) => [intent, p[k] ?? 0])) as Record<
      Intent,
      number
    >;
  };
}

function trainLogistic(
  inputs: TrainingInputs,
  index: ReadonlyMap<string, number>,
): IntentWeights['logistic'] {
  const rows: { label: number; x: Vector }[] = [];
  INTENTS.forEach((intent, label) => {
    for (const input of inputs[intent]) rows.push({ label, x: vectorOf(input, index) });
  });
  const K = INTENTS.length;
  const V = index.size;
  const weights = new Float64Array(K * V);
  const bias = new Float64Array(K);
  const squares = new Float64Array(K * V).fill(1e-8);
  const biasSquares = new Float64Array(K).fill(1e-8);
  // Each intent weighs as much in the loss as any other, however many examples it has.
  const sizes = INTENTS.map((_, label) => rows.filter((r) => r.label === label).length);
  const classWeight = sizes.map((n) => (n === 0 ? 0 : rows.length / (K * n)));
  const order = rows.map((_, i) => i);
  let seed = 17;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    for (const r of order) {
      const row = rows[r];
      if (!row) continue;
      const p = probabilitiesOf({ weights, bias }, V, row.x);
      const w = classWeight[row.label] ?? 1;
      for (let k = 0; k < K; k++) {
        const g = w * ((p[k] ?? 0) - (k === row.label ? 1 : 0));
        biasSquares[k] = (biasSquares[k] ?? 0) + g * g;
        bias[k] = (bias[k] ?? 0) - (RATE * g) / Math.sqrt(biasSquares[k] ?? 1);
        const { at, value } = row.x;
        for (let f = 0; f < at.length; f++) {
          const cell = k * V + (at[f] as number);
          const grad = g * (value[f] as number) + DECAY * (weights[cell] as number);
          squares[cell] = (squares[cell] as number) + grad * grad;
          weights[cell] =
            (weights[cell] as number) - (RATE * grad) / Math.sqrt(squares[cell] as number);
        }
      }
    }
  }
  return { weights, bias };
}

/** Each intent's weighted count of each feature, for naive Bayes. */
function countFeatures(
  inputs: TrainingInputs,
  index: ReadonlyMap<string, number>,
): IntentWeights['bayes'] {
  const V = index.size;
  const counts = new Float64Array(INTENTS.length * V);
  const totals = new Float64Array(INTENTS.length);
  INTENTS.forEach((intent, k) => {
    for (const input of inputs[intent])
      for (const [feature, weight] of input) {
        const at = k * V + (index.get(feature) as number);
        counts[at] = (counts[at] as number) + weight;
        totals[k] = (totals[k] as number) + weight;
      }
  });
  return { counts, totals };
}

function naiveBayes(
  { counts, totals }: IntentWeights['bayes'],
  index: ReadonlyMap<string, number>,
): Posterior {
  const size = index.size;
  return (input) => {
    // Equal priors: how many examples a class has says nothing about how often people mean it.
    const known = [...input].flatMap(([feature, weight]): [number, number][] => {
      const at = index.get(feature);
      return at === undefined ? [] : [[at, weight]];
    });
    const logs = INTENTS.map((_, k) => {
      const denominator = (totals[k] ?? 0) + ALPHA * size;
      return known.reduce(
        (sum, [at, weight]) =>
          sum + weight * Math.log(((counts[k * size + at] ?? 0) + ALPHA) / denominator),
        0,
      );
    });
    const top = Math.max(...logs);
    const weights = logs.map((log) => Math.exp((log - top) / BAYES_TEMPERATURE));
    const sum = weights.reduce((a, b) => a + b, 0);
    return Object.fromEntries(
      INTENTS.map((intent, i) => [intent, (weights[i] ?? 0) / sum]),
    ) as Record<Intent, number>;
  };
}

/**
 * Changes whenever the training code or its settings change: the source of the functions that
 * turn phrasings into features and weights, and the settings they read. A model saved by older
 * code (intent-model-store.ts) is then trained again instead of read back.
 */
export const TRAINING_FINGERPRINT = [
  wordsOf,
  addFeatures,
  sentencesOf,
  features,
  stem,
  trainIntentWeights,
  vectorOf,
  probabilitiesOf,
  trainLogistic,
  countFeatures,
  JSON.stringify({
    INTENTS,
    ALPHA,
    TRIGRAM_WEIGHT,
    NEGATORS: [...NEGATORS],
    CHAT_ASIDES: [...CHAT_ASIDES],
    NEGATION_SCOPE,
    ASKING_WEIGHT,
    EPOCHS,
    RATE,
    DECAY,
  }),
]
  .map(String)
  .join('\n');

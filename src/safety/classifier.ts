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
import { isStopWord, stem } from '../retrieval/text.ts';

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

/** Lower case, apostrophes dropped ("i'm" → "im"), words of letters and digits. */
function wordsOf(text: string): string[] {
  return (
    text
      .toLowerCase()
      .replace(/[’‘']/g, '')
      .match(/[\p{L}\p{N}]+/gu) ?? []
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
  known: (intent: Intent, stem: string) => boolean,
): Record<Intent, number> {
  const content = [
    ...new Set(
      wordsOf(text)
        .filter((word) => !isStopWord(word))
        .map(stem),
    ),
  ];
  return Object.fromEntries(
    INTENTS.map((intent) => [intent, content.filter((s) => known(intent, s)).length]),
  ) as Record<Intent, number>;
}

export function trainIntentModel(
  examples: Readonly<Record<Intent, readonly string[]>>,
): IntentModel {
  const bayes = trainNaiveBayes(examples);
  const logistic = trainLogistic(examples);
  return {
    classify(text) {
      const guesses = [bayes.classify(text), logistic.classify(text)] as const;
      const scores = Object.fromEntries(
        INTENTS.map((intent) => [
          intent,
          guesses.reduce((sum, guess) => sum + guess.scores[intent], 0) / guesses.length,
        ]),
      ) as Record<Intent, number>;
      const intent = INTENTS.reduce((best, i) => (scores[i] > scores[best] ? i : best));
      return { intent, scores, support: guesses[0].support };
    },
  };
}

/** Passes over the examples; each pass visits them in a fixed shuffled order (reproducible). */
const EPOCHS = 30;
/** AdaGrad's step: each feature's steps shrink as its gradients add up, so rare words still learn. */
const RATE = 0.5;
/** L2 weight decay: keeps a word seen once from deciding alone. */
const DECAY = 1e-4;

/**
 * The features of `text` that `index` knows, as (position, value) pairs scaled to unit length:
 * a long story then weighs no more than a short question.
 */
function vectorOf(text: string, index: ReadonlyMap<string, number>): [number, number][] {
  const input = [...features(text)];
  const norm = Math.hypot(...input.map(([, value]) => value)) || 1;
  return input.flatMap(([feature, value]): [number, number][] => {
    const at = index.get(feature);
    return at === undefined ? [] : [[at, value / norm]];
  });
}

function trainLogistic(examples: Readonly<Record<Intent, readonly string[]>>): IntentModel {
  const index = new Map<string, number>();
  const seen = new Map<Intent, Set<string>>(INTENTS.map((i) => [i, new Set<string>()]));
  const rows: { label: number; x: [number, number][] }[] = [];
  INTENTS.forEach((intent, label) => {
    for (const text of examples[intent] ?? []) {
      for (const feature of features(text).keys()) {
        if (!index.has(feature)) index.set(feature, index.size);
        seen.get(intent)?.add(feature);
      }
      rows.push({ label, x: vectorOf(text, index) });
    }
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
  const probabilities = (x: [number, number][]) => {
    const z = Array.from(bias);
    for (const [at, value] of x)
      for (let k = 0; k < K; k++) z[k] = (z[k] ?? 0) + (weights[k * V + at] ?? 0) * value;
    const top = Math.max(...z);
    const e = z.map((v) => Math.exp(v - top));
    const sum = e.reduce((a, b) => a + b, 0);
    return e.map((v) => v / sum);
  };
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    for (const r of order) {
      const row = rows[r];
      if (!row) continue;
      const p = probabilities(row.x);
      const w = classWeight[row.label] ?? 1;
      for (let k = 0; k < K; k++) {
        const g = w * ((p[k] ?? 0) - (k === row.label ? 1 : 0));
        biasSquares[k] = (biasSquares[k] ?? 0) + g * g;
        bias[k] = (bias[k] ?? 0) - (RATE * g) / Math.sqrt(biasSquares[k] ?? 1);
        for (const [at, value] of row.x) {
          const cell = k * V + at;
          const grad = g * value + DECAY * (weights[cell] ?? 0);
          squares[cell] = (squares[cell] ?? 0) + grad * grad;
          weights[cell] = (weights[cell] ?? 0) - (RATE * grad) / Math.sqrt(squares[cell] ?? 1);
        }
      }
    }
  }
  return {
    classify(text) {
      const p = probabilities(vectorOf(text, index));
      const scores = Object.fromEntries(INTENTS.map((intent, k) => [intent, p[k] ?? 0])) as Record<
        Intent,
        number
      >;
      const best = p.indexOf(Math.max(...p));
      return {
        intent: INTENTS[best] ?? 'none',
        scores,
        support: supportOf(text, (intent, s) => seen.get(intent)?.has(s) ?? false),
      };
    },
  };
}

function trainNaiveBayes(examples: Readonly<Record<Intent, readonly string[]>>): IntentModel {
  const counts = new Map<Intent, Map<string, number>>();
  const totals = new Map<Intent, number>();
  const vocabulary = new Set<string>();
  for (const intent of INTENTS) {
    const table = new Map<string, number>();
    let total = 0;
    for (const text of examples[intent] ?? [])
      for (const [feature, weight] of features(text)) {
        table.set(feature, (table.get(feature) ?? 0) + weight);
        vocabulary.add(feature);
        total += weight;
      }
    counts.set(intent, table);
    totals.set(intent, total);
  }
  const size = vocabulary.size;
  return {
    classify(text) {
      // Equal priors: how many examples a class has says nothing about how often people mean it.
      const known = [...features(text)].filter(([feature]) => vocabulary.has(feature));
      const logs = INTENTS.map((intent) => {
        const table = counts.get(intent) as Map<string, number>;
        const denominator = (totals.get(intent) ?? 0) + ALPHA * size;
        return known.reduce(
          (sum, [feature, weight]) =>
            sum + weight * Math.log(((table.get(feature) ?? 0) + ALPHA) / denominator),
          0,
        );
      });
      const top = Math.max(...logs);
      const weights = logs.map((log) => Math.exp(log - top));
      const sum = weights.reduce((a, b) => a + b, 0);
      const scores = Object.fromEntries(
        INTENTS.map((intent, i) => [intent, (weights[i] ?? 0) / sum]),
      ) as Record<Intent, number>;
      return {
        intent: INTENTS[logs.indexOf(top)] ?? 'none',
        scores,
        support: supportOf(text, (intent, s) => counts.get(intent)?.has(s) ?? false),
      };
    },
  };
}

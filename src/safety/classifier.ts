/**
 * The intent model: multinomial naive Bayes over word stems, pairs of stems and letter trigrams,
 * trained when the assistant loads (in milliseconds) from labelled phrasings. Stems let
 * "overdosed" count as "overdose"; trigrams carry the misspellings people type ("sucidal",
 * "imigration"). The rules still decide the certain cases first (src/safety/crisis.ts, intent.ts).
 *
 * Libraries were tried first (session 3): natural's classifiers bring database clients
 * (mongoose, pg, redis) as dependencies; nlp.js's network (@nlpjs/neural) took 4 to 36 s to train
 * on this set on the project's 2 cores, against milliseconds here, and read fewer intents on dev
 * at the same near-miss rate; wink's classifier brings a language model package. The counting
 * below is the whole of naive Bayes.
 */
import { isStopWord, stem } from '../retrieval/text.ts';

export const INTENTS = ['crisis', 'detained', 'advice', 'deception', 'none'] as const;
export type Intent = (typeof INTENTS)[number];

export interface IntentGuess {
  /** The intent with the highest posterior. */
  intent: Intent;
  /** The posterior per intent (0..1, summing to 1); naive Bayes is overconfident, so thresholds are tuned. */
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

/** The model's input: each feature with its weight (stems, stem pairs, letter trigrams). */
export function features(text: string): Map<string, number> {
  const words = wordsOf(text);
  const stems = words.map(stem);
  const input = new Map<string, number>();
  const add = (feature: string, weight: number) =>
    input.set(feature, (input.get(feature) ?? 0) + weight);
  for (const s of stems) add(s, 1);
  for (let i = 1; i < stems.length; i++) add(`${stems[i - 1]} ${stems[i]}`, 1);
  if (TRIGRAM_WEIGHT > 0)
    for (const word of words) {
      const padded = `<${word}>`;
      for (let i = 0; i + 3 <= padded.length; i++)
        add(`#${padded.slice(i, i + 3)}`, TRIGRAM_WEIGHT);
    }
  return input;
}

export function trainIntentModel(
  examples: Readonly<Record<Intent, readonly string[]>>,
): IntentModel {
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
      const content = [
        ...new Set(
          wordsOf(text)
            .filter((word) => !isStopWord(word))
            .map(stem),
        ),
      ];
      const support = Object.fromEntries(
        INTENTS.map((intent) => {
          const table = counts.get(intent) as Map<string, number>;
          return [intent, content.filter((s) => table.has(s)).length];
        }),
      ) as Record<Intent, number>;
      return { intent: INTENTS[logs.indexOf(top)] ?? 'none', scores, support };
    },
  };
}

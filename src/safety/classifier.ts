/**
 * A small intent model: multinomial naive Bayes over words and word pairs, trained when the
 * assistant loads (in milliseconds) from labelled phrasings. It generalises beyond the fixed
 * phrases of the rules ("what are my exact chances of winning my claim"), and the rules still
 * decide the certain cases first (src/safety/crisis.ts, intent.ts).
 */
import { stem } from '../retrieval/text.ts';

export const INTENTS = ['crisis', 'detained', 'advice', 'deception', 'none'] as const;
export type Intent = (typeof INTENTS)[number];

export interface IntentGuess {
  intent: Intent;
  /** The model's posterior for that intent (0..1); naive Bayes is overconfident, so thresholds are high. */
  probability: number;
}

export interface IntentModel {
  classify(text: string): IntentGuess;
}

/** Add-α smoothing: small, because phrasings are short and telling words are rare. */
const ALPHA = 0.3;

/**
 * Stems, with apostrophes dropped ("i'm" → "im"), and pairs of neighbouring stems ("right now"):
 * a stem lets "overdosed" count as "overdose" and "attacking" as "attacked".
 */
export function features(text: string): string[] {
  const words = (
    text
      .toLowerCase()
      .replace(/[’‘']/g, '')
      .match(/[\p{L}\p{N}]+/gu) ?? []
  ).map(stem);
  const pairs = words.slice(1).map((word, i) => `${words[i]} ${word}`);
  return [...words, ...pairs];
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
      for (const feature of features(text)) {
        table.set(feature, (table.get(feature) ?? 0) + 1);
        vocabulary.add(feature);
        total += 1;
      }
    counts.set(intent, table);
    totals.set(intent, total);
  }
  const size = vocabulary.size;
  return {
    classify(text) {
      // Equal priors: how many examples a class has says nothing about how often people mean it.
      const known = features(text).filter((feature) => vocabulary.has(feature));
      const logs = INTENTS.map((intent) => {
        const table = counts.get(intent) as Map<string, number>;
        const denominator = (totals.get(intent) ?? 0) + ALPHA * size;
        return known.reduce(
          (sum, feature) => sum + Math.log(((table.get(feature) ?? 0) + ALPHA) / denominator),
          0,
        );
      });
      const top = Math.max(...logs);
      const weights = logs.map((log) => Math.exp(log - top));
      const sum = weights.reduce((a, b) => a + b, 0);
      const best = logs.indexOf(top);
      return { intent: INTENTS[best] ?? 'none', probability: (weights[best] ?? 0) / sum };
    },
  };
}

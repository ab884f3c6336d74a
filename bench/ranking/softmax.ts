import type { Passage } from '../../src/knowledge/schema.ts';
import { phrasingsOf } from '../../src/retrieval/meaning.ts';
import { seededRandom } from '../seeded-random.ts';

/**
 * Research, not shipped (session 15, issue 12): a passage classifier over sentence vectors,
 * softmax regression from a message's vector to the passage it asks about or to "decline" (one
 * more class, after the passages), fitted on the titles, listed questions, training phrasings
 * and declines. classifier.ts beside this measures it out of fold; experiment.ts --cls adds its
 * probabilities as features. Alone it put the right passage first for 73.5% of the phrasings out of fold
 * (nearest phrasing: 53.2%); in the meaning ranker it took out-of-fold hit@1 81.9% → 84.9% and dev
 * 89.6% → 91.7%, but test went 84.2% → 83.0% and a block written blind lost two of 46 firsts:
 * it learned how the phrasings are written, not how people ask. See the README's Quality section.
 */

/** One training text's vector and its class (index into the classes). */
export interface ClassExample {
  vector: Float32Array;
  label: number;
}

/**
 * How it is fitted: Adam over shuffled batches, no penalty. Chosen out of fold over the phrasings
 * with a first version of classifier.ts (another shuffle): a rate of 0.005 for 20 passes put
 * 73.7% first, 0.002 for 30 passes 72.3%, 0.05 for 20 passes (overshooting) 51.0%.
 */
const FIT = { rate: 0.005, passes: 20, batch: 32 };

/**
 * Fits the classifier over `count` classes (the passages, by position, then the declines); the
 * shuffles come from a fixed seed, so the same examples give the same weights. About 40 s for the
 * bundled knowledge's 9,000 texts and 138 classes on one core.
 */
export function fitClassifier(examples: readonly ClassExample[], count: number): Classifier {
  const width = examples[0]?.vector.length ?? 0;
  const stride = width + 1;
  const weights = new Float64Array(count * stride);
  const moment = new Float64Array(weights.length);
  const velocity = new Float64Array(weights.length);
  const gradient = new Float64Array(weights.length);
  const logits = new Float64Array(count);
  const order = examples.map((_, i) => i);
  const random = seededRandom(20261204);
  let step = 0;
  for (let pass = 0; pass < FIT.passes; pass++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    for (let start = 0; start < order.length; start += FIT.batch) {
      gradient.fill(0);
      const batch = order.slice(start, start + FIT.batch);
      for (const n of batch) {
        const { vector, label } = examples[n] as ClassExample;
        softmaxInto(logits, weights, vector, count, width);
        for (let c = 0; c < count; c++) {
          const g = (logits[c] as number) - (c === label ? 1 : 0);
          // Most classes get next to no probability: skipping them is most of the speed.
          if (Math.abs(g) < 1e-5) continue;
          const row = c * stride;
          for (let k = 0; k < width; k++)
            gradient[row + k] = (gradient[row + k] as number) + g * (vector[k] as number);
          gradient[row + width] = (gradient[row + width] as number) + g;
        }
      }
      step++;
      const [b1, b2] = [0.9, 0.999];
      const [c1, c2] = [1 - b1 ** step, 1 - b2 ** step];
      for (let i = 0; i < weights.length; i++) {
        const g = (gradient[i] as number) / batch.length;
        moment[i] = b1 * (moment[i] as number) + (1 - b1) * g;
        velocity[i] = b2 * (velocity[i] as number) + (1 - b2) * g * g;
        weights[i] =
          (weights[i] as number) -
          (FIT.rate * ((moment[i] as number) / c1)) /
            (Math.sqrt((velocity[i] as number) / c2) + 1e-8);
      }
    }
  }
  // Kept to four decimals, as when it was measured (the weights were then written to a file).
  for (let i = 0; i < weights.length; i++)
    weights[i] = Math.round((weights[i] as number) * 1e4) / 1e4;
  return {
    probabilities(vectors) {
      const best = new Float64Array(count);
      for (const vector of vectors) {
        softmaxInto(logits, weights, vector, count, width);
        for (let c = 0; c < count; c++) best[c] = Math.max(best[c] as number, logits[c] as number);
      }
      return { passages: best.subarray(0, count - 1), decline: best[count - 1] as number };
    },
  };
}

/**
 * The examples for the passages' classifier: each passage's title, listed questions and training
 * phrasings, and the questions to decline; `vectorsOf` gives their vectors (the knowledge's, cached).
 */
export function classifierExamples(
  passages: readonly Passage[],
  training: {
    utterances: readonly { text: string; passage: string }[];
    declines: readonly string[];
  },
  vectorsOf: (texts: readonly string[]) => Float32Array[],
): ClassExample[] {
  const { texts, owners: labels } = phrasingsOf(passages, training.utterances);
  for (const text of training.declines) {
    texts.push(text);
    labels.push(passages.length);
  }
  const vectors = vectorsOf(texts);
  return vectors.map((vector, i) => ({ vector, label: labels[i] as number }));
}

/** A fitted classifier. */
export interface Classifier {
  /**
   * The probability of each passage (by position) and of the questions to decline, for the closer
   * reading of each: the highest over the readings.
   */
  probabilities(vectors: readonly Float32Array[]): { passages: Float64Array; decline: number };
}

/** Each class's probability for `vector`, written into `out`. */
function softmaxInto(
  out: Float64Array,
  weights: Float64Array,
  vector: Float32Array,
  count: number,
  width: number,
): void {
  const stride = width + 1;
  let max = Number.NEGATIVE_INFINITY;
  for (let c = 0; c < count; c++) {
    const row = c * stride;
    let z = weights[row + width] as number;
    for (let k = 0; k < width; k++) z += (weights[row + k] as number) * (vector[k] as number);
    out[c] = z;
    if (z > max) max = z;
  }
  let sum = 0;
  for (let c = 0; c < count; c++) {
    const e = Math.exp((out[c] as number) - max);
    out[c] = e;
    sum += e;
  }
  for (let c = 0; c < count; c++) out[c] = (out[c] as number) / sum;
}

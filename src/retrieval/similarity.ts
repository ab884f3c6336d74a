import { contentWords, stem } from './text.ts';

/** A sparse vector, L2-normalised: feature → weight. */
export type Vector = Map<string, number>;

/**
 * The vector of a text for comparing phrasings: its meaningful words as stems, and the letter
 * trigrams of each word, so "persecusion" is still close to "persecution". Words weigh by
 * `weightOf` (rarity in the knowledge); a word's trigrams share half its weight.
 */
export function vectorOf(text: string, weightOf: (word: string) => number): Vector {
  const vector: Vector = new Map();
  const add = (key: string, value: number) => vector.set(key, (vector.get(key) ?? 0) + value);
  for (const word of contentWords(text)) {
    const weight = weightOf(word);
    add(`w:${stem(word)}`, weight);
    const padded = ` ${word} `;
    const grams = padded.length - 2;
    for (let i = 0; i < grams; i++) add(`c:${padded.slice(i, i + 3)}`, (weight * 0.5) / grams);
  }
  return normalise(vector);
}

function normalise(vector: Vector): Vector {
  let norm = 0;
  for (const value of vector.values()) norm += value * value;
  norm = Math.sqrt(norm);
  if (norm > 0) for (const [key, value] of vector) vector.set(key, value / norm);
  return vector;
}

export function cosine(a: Vector, b: Vector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [key, value] of small) dot += value * (large.get(key) ?? 0);
  return dot;
}

/** The mean of some vectors, normalised: a passage's phrasings as one prototype. */
export function centroidOf(vectors: readonly Vector[]): Vector {
  const sum: Vector = new Map();
  for (const vector of vectors)
    for (const [key, value] of vector) sum.set(key, (sum.get(key) ?? 0) + value);
  return normalise(sum);
}

/** How close a message is to the ways of asking one passage. */
export interface PhrasingSimilarity {
  /** The closest single phrasing (0..1). */
  nearest: number;
  /** The passage's phrasings as one prototype (0..1): a nearest-centroid classifier. */
  centroid: number;
}

/**
 * The phrasings of each passage (its title, listed questions and training phrasings), as vectors,
 * built when a passage is first compared: on a large knowledge most never are.
 */
export function createPhrasingIndex(
  phrasingsOf: (position: number) => readonly string[],
  weightOf: (word: string) => number,
): {
  similarity(message: Vector, position: number): PhrasingSimilarity;
  vector(text: string): Vector;
} {
  const cache = new Map<number, { vectors: Vector[]; centroid: Vector }>();
  const vector = (text: string) => vectorOf(text, weightOf);
  const entry = (position: number) => {
    let found = cache.get(position);
    if (!found) {
      const vectors = phrasingsOf(position).map(vector);
      found = { vectors, centroid: centroidOf(vectors) };
      cache.set(position, found);
    }
    return found;
  };
  return {
    vector,
    similarity(message, position) {
      const { vectors, centroid } = entry(position);
      let nearest = 0;
      for (const phrasing of vectors) nearest = Math.max(nearest, cosine(message, phrasing));
      return { nearest, centroid: cosine(message, centroid) };
    },
  };
}

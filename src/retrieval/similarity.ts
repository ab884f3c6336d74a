import { contentWords, stem } from './text.ts';

/**
 * A sparse vector, L2-normalised: feature ids in ascending order and their weights. Comparing two
 * is a merge of two sorted typed arrays: a search compares hundreds, so this is its hot loop.
 */
export interface Vector {
  ids: Int32Array;
  values: Float64Array;
}

/** Feature (a word's stem, a letter trigram) → its id, shared by every vector. */
const featureIds = new Map<string, number>();
const idOf = (feature: string) => {
  let id = featureIds.get(feature);
  if (id === undefined) {
    id = featureIds.size;
    featureIds.set(feature, id);
  }
  return id;
};

/**
 * The vector of a text for comparing phrasings: its meaningful words as stems, and the letter
 * trigrams of each word, so "persecusion" is still close to "persecution". Words weigh by
 * `weightOf` (rarity in the knowledge), its trigrams as much together.
 */
export function vectorOf(text: string, weightOf: (word: string) => number): Vector {
  const weights = new Map<number, number>();
  const add = (feature: string, value: number) => {
    const id = idOf(feature);
    weights.set(id, (weights.get(id) ?? 0) + value);
  };
  for (const word of contentWords(text)) {
    const weight = weightOf(word);
    add(`w:${stem(word)}`, weight);
    const padded = ` ${word} `;
    const grams = padded.length - 2;
    // The trigrams together weigh as much as the word (their norm): a typo keeps most of them.
    const share = weight / Math.sqrt(grams);
    for (let i = 0; i < grams; i++) add(`c:${padded.slice(i, i + 3)}`, share);
  }
  return fromMap(weights);
}

function fromMap(weights: Map<number, number>): Vector {
  const ids = Int32Array.from(weights.keys()).sort();
  const values = new Float64Array(ids.length);
  let norm = 0;
  ids.forEach((id, i) => {
    const value = weights.get(id) ?? 0;
    values[i] = value;
    norm += value * value;
  });
  norm = Math.sqrt(norm);
  if (norm > 0) for (let i = 0; i < values.length; i++) values[i] = (values[i] ?? 0) / norm;
  return { ids, values };
}

/**
 * Cosine of two vectors, by merging their sorted features: the plain definition. Ranking compares
 * through cosineWith, which must give the same number to the last bit (tests/retrieval/scorer.test.ts
 * checks it against this one).
 */
export function cosine(a: Vector, b: Vector): number {
  let dot = 0;
  let i = 0;
  let j = 0;
  const { ids: x, values: u } = a;
  const { ids: y, values: v } = b;
  while (i < x.length && j < y.length) {
    const p = x[i] as number;
    const q = y[j] as number;
    if (p === q) dot += (u[i++] as number) * (v[j++] as number);
    else if (p < q) i++;
    else j++;
  }
  return dot;
}

/**
 * Cosine with one vector, for comparing it with many: the vector is spread out by feature id
 * once, and each comparison walks only the other vector's features. A long message has hundreds
 * of features and a phrasing tens, so this does a tenth of cosine's steps, with the same sum in
 * the same order (a feature the message lacks adds 0).
 */
export function cosineWith(message: Vector): (other: Vector) => number {
  const { ids, values } = message;
  const spread = new Float64Array((ids[ids.length - 1] ?? -1) + 1);
  ids.forEach((id, i) => {
    spread[id] = values[i] as number;
  });
  return ({ ids: y, values: v }) => {
    let dot = 0;
    for (let j = 0; j < y.length; j++) {
      const id = y[j] as number;
      if (id < spread.length) dot += (spread[id] as number) * (v[j] as number);
    }
    return dot;
  };
}

/** The mean of some vectors, normalised: a passage's phrasings as one prototype. */
export function centroidOf(vectors: readonly Vector[]): Vector {
  const sum = new Map<number, number>();
  for (const { ids, values } of vectors)
    ids.forEach((id, i) => {
      sum.set(id, (sum.get(id) ?? 0) + (values[i] ?? 0));
    });
  return fromMap(sum);
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
  /** How close `message` is to each passage's phrasings, asked position by position. */
  similarityTo(message: Vector): (position: number) => PhrasingSimilarity;
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
    similarityTo(message) {
      const closeness = cosineWith(message);
      return (position) => {
        const { vectors, centroid } = entry(position);
        let nearest = 0;
        for (const phrasing of vectors) nearest = Math.max(nearest, closeness(phrasing));
        return { nearest, centroid: closeness(centroid) };
      };
    },
  };
}

import type { Passage } from '../knowledge/schema.ts';

/**
 * What ranking needs of a sentence encoder (src/meaning/ provides one): unit vectors whose dot
 * product says how close two texts are in meaning, with no word in common ("get sent home" and
 * "removal order"). Synchronous, like `ask()`.
 */
export interface SentenceEncoder {
  /** Vectors of the knowledge's own texts; an encoder may remember these. */
  knowledgeVectors(texts: readonly string[]): Float32Array[];
  /** The vector of a person's message; never remembered. Throws when the encoder is unavailable. */
  questionVector(text: string): Float32Array;
  /**
   * The vectors of several readings of one message in one call (one trip to a worker); like
   * questionVector otherwise. Optional: without it each text is encoded alone.
   */
  questionVectors?(texts: readonly string[]): Float32Array[];
}

/**
 * The encoder's features of a candidate, after the lexical ones (features.ts). Named like those:
 * the keys of the trained weights (ranker-meaning.json).
 */
export const MEANING_FEATURES = [
  /** The closest of the passage's phrasings (title, listed questions, training phrasings). */
  'meaningNearest',
  /** The passage as a whole (title, questions and body in one text). */
  'meaningDoc',
  /** meaningNearest minus the best passage's: 0 for the closest passage. */
  'meaningGap',
  /** The best meaningNearest over every passage: how near the message is to anything known. */
  'meaningTop',
  /** The closest of the questions the knowledge lists as ones to decline (NaN: it lists none). */
  'meaningDecline',
  /**
   * Of the phrasings and questions to decline closest to the message, the share that are to
   * decline (NaN: it lists none). A message in a crowd of declines is one, however close it
   * also comes to some passage's phrasing (bench/ranking/experiment.ts, issue 12).
   */
  'meaningDeclineShare',
  /**
   * Like meaningDeclineShare over the 20 closest, each weighed by how close it is
   * (exp(similarity / SOFT_DECLINE_TAU), relative to the closest): a decline a hair nearer than
   * every phrasing counts more than one ranked tenth, and a count's cliff at 10 goes away
   * (bench/ranking/experiment.ts).
   */
  'meaningSoftDeclineShare',
] as const;

/** How many of the closest phrasings and declines meaningDeclineShare counts. */
export const DECLINE_NEIGHBOURS = 10;
/** How many meaningSoftDeclineShare weighs, and how fast its weight falls with similarity. */
export const SOFT_DECLINE_NEIGHBOURS = 20;
export const SOFT_DECLINE_TAU = 0.05;

export type MeaningFeatureName = (typeof MEANING_FEATURES)[number];

/** How many passages closest in meaning join the full-text candidates. */
export const MEANING_CANDIDATES = 10;

/** The text that stands for a whole passage. */
export const passageDocument = (passage: Pick<Passage, 'title' | 'questions' | 'body'>) =>
  [passage.title, ...passage.questions, passage.body].join('\n');

/** One message's closeness in meaning to every passage (by position) and to the declines. */
export interface MeaningOfMessage {
  nearest: Float32Array;
  doc: Float32Array;
  top: number;
  decline: number;
  declineShare: number;
  softDeclineShare: number;
  /** The positions of the passages closest in meaning, closest first. */
  closest: number[];
}

export interface MeaningIndex {
  /**
   * Measures a message by the closer of its readings (its asking sentences, and the whole
   * message when a story comes first): a story told before the question can add what it is about
   * ("I'm trans"), but never dilute the question. Undefined when the encoder fails (ranking is
   * then lexical).
   */
  measure(readings: readonly string[]): MeaningOfMessage | undefined;
  /** The features of a candidate at `position`, in MEANING_FEATURES order. */
  featuresOf(measured: MeaningOfMessage, position: number): number[];
  /**
   * How close two passages are in meaning (their documents' cosine), from the vectors already
   * made of the knowledge: no call to the encoder. Undefined for an unknown id.
   */
  related?(a: string, b: string): number | undefined;
}

/**
 * The knowledge's texts as vectors, once: each passage's document, and its phrasings as one
 * matrix whose rows say which passage they belong to, so a message is compared with every
 * phrasing in one pass.
 */
export function createMeaningIndex(
  encoder: SentenceEncoder,
  passages: readonly Passage[],
  training: {
    utterances: readonly { text: string; passage: string }[];
    declines: readonly string[];
  },
  onError?: (error: unknown) => void,
  /** How many passages closest in meaning join the candidates (experiments try others). */
  candidateCount = MEANING_CANDIDATES,
): MeaningIndex {
  const positionOf = new Map(passages.map((passage, position) => [passage.id, position]));
  const { texts, owners } = phrasingsOf(passages, training.utterances);
  const phrasings = matrixOf(encoder.knowledgeVectors(texts));
  const documents = matrixOf(encoder.knowledgeVectors(passages.map(passageDocument)));
  const declines = matrixOf(encoder.knowledgeVectors(training.declines));
  const count = passages.length;

  return {
    measure(readings) {
      let vectors: Float32Array[];
      try {
        vectors = encoder.questionVectors
          ? encoder.questionVectors(readings)
          : readings.map((text) => encoder.questionVector(text));
      } catch (error) {
        onError?.(error);
        return undefined;
      }
      const nearest = new Float32Array(count).fill(-1);
      const doc = new Float32Array(count).fill(-1);
      // A knowledge folder that lists no questions to decline says nothing either way (NaN is
      // read as unknown: see linearScore), as with the lexical declineNearest.
      let decline = declines.rows ? -1 : Number.NaN;
      const neighbours = new Neighbours(Math.max(DECLINE_NEIGHBOURS, SOFT_DECLINE_NEIGHBOURS));
      const toPhrasings = productsOf(phrasings, vectors);
      const toDocuments = productsOf(documents, vectors);
      const toDeclines = productsOf(declines, vectors);
      vectors.forEach((_, reading) => {
        toPhrasings[reading]?.forEach((similarity, i) => {
          const owner = owners[i] ?? 0;
          if (similarity > (nearest[owner] ?? -1)) nearest[owner] = similarity;
          neighbours.add(similarity, false);
        });
        toDocuments[reading]?.forEach((similarity, position) => {
          if (similarity > (doc[position] ?? -1)) doc[position] = similarity;
        });
        for (const similarity of toDeclines[reading] ?? []) {
          decline = Math.max(decline, similarity);
          neighbours.add(similarity, true);
        }
      });
      const declineShare = declines.rows ? neighbours.declineShare(DECLINE_NEIGHBOURS) : Number.NaN;
      const softDeclineShare = declines.rows
        ? neighbours.softDeclineShare(SOFT_DECLINE_NEIGHBOURS, SOFT_DECLINE_TAU)
        : Number.NaN;
      const closest = [...nearest.keys()]
        .sort((a, b) => (nearest[b] ?? 0) - (nearest[a] ?? 0))
        .slice(0, candidateCount);
      return {
        nearest,
        doc,
        top: nearest[closest[0] ?? 0] ?? 0,
        decline,
        declineShare,
        softDeclineShare,
        closest,
      };
    },
    featuresOf(measured, position) {
      const nearest = measured.nearest[position] ?? 0;
      const values: Record<MeaningFeatureName, number> = {
        meaningNearest: nearest,
        meaningDoc: measured.doc[position] ?? 0,
        meaningGap: nearest - measured.top,
        meaningTop: measured.top,
        meaningDecline: measured.decline,
        meaningDeclineShare: measured.declineShare,
        meaningSoftDeclineShare: measured.softDeclineShare,
      };
      return MEANING_FEATURES.map((name) => values[name]);
    },
    related(a, b) {
      const [i, j] = [positionOf.get(a), positionOf.get(b)];
      if (i === undefined || j === undefined) return undefined;
      const { width, data } = documents;
      let sum = 0;
      for (let k = 0; k < width; k++)
        sum += (data[i * width + k] as number) * (data[j * width + k] as number);
      return sum;
    },
  };
}

/**
 * Every phrasing of the passages (titles, listed questions, training phrasings) and the position
 * of the passage each belongs to; a training phrasing of an unknown passage is left out.
 */
export function phrasingsOf(
  passages: readonly Passage[],
  utterances: readonly { text: string; passage: string }[],
): { texts: string[]; owners: number[] } {
  const positionOf = new Map(passages.map((passage, position) => [passage.id, position]));
  const texts: string[] = [];
  const owners: number[] = [];
  passages.forEach((passage, position) => {
    for (const text of [passage.title, ...passage.questions]) {
      texts.push(text);
      owners.push(position);
    }
  });
  for (const { text, passage } of utterances) {
    const position = positionOf.get(passage);
    if (position === undefined) continue;
    texts.push(text);
    owners.push(position);
  }
  return { texts, owners };
}

/**
 * The `size` closest texts seen (phrasings and declines, over every reading of a message, as the
 * experiment measured them), kept sorted, closest first.
 */
class Neighbours {
  private readonly similarities: number[] = [];
  private readonly isDecline: boolean[] = [];
  constructor(private readonly size: number) {}
  add(similarity: number, isDecline: boolean) {
    const count = this.similarities.length;
    if (count === this.size && similarity <= (this.similarities[count - 1] ?? 0)) return;
    let at = count;
    while (at > 0 && similarity > (this.similarities[at - 1] ?? 0)) at--;
    this.similarities.splice(at, 0, similarity);
    this.isDecline.splice(at, 0, isDecline);
    if (count === this.size) {
      this.similarities.pop();
      this.isDecline.pop();
    }
  }
  /** The share of declines among the `count` closest. */
  declineShare(count: number): number {
    return this.isDecline.slice(0, count).filter(Boolean).length / count;
  }
  /** The declines' share of the `count` closest, each weighed by exp((similarity - closest) / tau). */
  softDeclineShare(count: number, tau: number): number {
    const closest = this.similarities[0] ?? 0;
    let all = 0;
    let declined = 0;
    this.similarities.slice(0, count).forEach((similarity, i) => {
      const weight = Math.exp((similarity - closest) / tau);
      all += weight;
      if (this.isDecline[i]) declined += weight;
    });
    return all ? declined / all : 0;
  }
}

/** Vectors of one length as the rows of one array: a message is compared with all in one pass. */
interface Matrix {
  rows: number;
  width: number;
  data: Float32Array;
}

function matrixOf(vectors: readonly Float32Array[]): Matrix {
  const width = vectors[0]?.length ?? 0;
  const data = new Float32Array(vectors.length * width);
  vectors.forEach((vector, row) => {
    if (vector.length !== width)
      throw new Error(
        `The sentence encoder gave vectors of ${vector.length} and ${width} numbers: reinstall it (npm ci).`,
      );
    data.set(vector, row * width);
  });
  return { rows: vectors.length, width, data };
}

/**
 * Each row's dot product with each of `vectors` (unit vectors: their cosine), two vectors per
 * pass: a story's two readings are compared with thousands of phrasings, and reading each row once
 * for both is faster than two passes (the 7,014 phrasing rows of the bundled knowledge, long dev
 * stories: median 9.2 against 12.0 ms, session 12).
 */
function productsOf(matrix: Matrix, vectors: readonly Float32Array[]): Float32Array[] {
  const out: Float32Array[] = [];
  for (let k = 0; k < vectors.length; k += 2) {
    const [a, b] = [vectors[k] as Float32Array, vectors[k + 1]];
    out.push(...(b ? pairProducts(matrix, a, b) : [products(matrix, a)]));
  }
  return out;
}

/**
 * Each row's dot product with `vector`. Four sums at a time: independent sums let the CPU overlap
 * them (a third less time than one running sum).
 */
function products({ rows, width, data }: Matrix, vector: Float32Array): Float32Array {
  const out = new Float32Array(rows);
  const tail = width - (width % 4);
  for (let row = 0; row < rows; row++) {
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    const start = row * width;
    for (let i = 0; i < tail; i += 4) {
      const j = start + i;
      s0 += (data[j] as number) * (vector[i] as number);
      s1 += (data[j + 1] as number) * (vector[i + 1] as number);
      s2 += (data[j + 2] as number) * (vector[i + 2] as number);
      s3 += (data[j + 3] as number) * (vector[i + 3] as number);
    }
    for (let i = tail; i < width; i++) s0 += (data[start + i] as number) * (vector[i] as number);
    out[row] = s0 + s1 + s2 + s3;
  }
  return out;
}

/** products() for two vectors at once, with the same sums in the same order for each. */
function pairProducts(
  { rows, width, data }: Matrix,
  a: Float32Array,
  b: Float32Array,
): [Float32Array, Float32Array] {
  const outA = new Float32Array(rows);
  const outB = new Float32Array(rows);
  const tail = width - (width % 4);
  for (let row = 0; row < rows; row++) {
    let a0 = 0;
    let a1 = 0;
    let a2 = 0;
    let a3 = 0;
    let b0 = 0;
    let b1 = 0;
    let b2 = 0;
    let b3 = 0;
    const start = row * width;
    for (let i = 0; i < tail; i += 4) {
      const j = start + i;
      const x0 = data[j] as number;
      const x1 = data[j + 1] as number;
      const x2 = data[j + 2] as number;
      const x3 = data[j + 3] as number;
      a0 += x0 * (a[i] as number);
      a1 += x1 * (a[i + 1] as number);
      a2 += x2 * (a[i + 2] as number);
      a3 += x3 * (a[i + 3] as number);
      b0 += x0 * (b[i] as number);
      b1 += x1 * (b[i + 1] as number);
      b2 += x2 * (b[i + 2] as number);
      b3 += x3 * (b[i + 3] as number);
    }
    for (let i = tail; i < width; i++) {
      const x = data[start + i] as number;
      a0 += x * (a[i] as number);
      b0 += x * (b[i] as number);
    }
    outA[row] = a0 + a1 + a2 + a3;
    outB[row] = b0 + b1 + b2 + b3;
  }
  return [outA, outB];
}

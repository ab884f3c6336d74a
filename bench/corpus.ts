import { JURISDICTIONS, type Passage, type Sentence } from '../src/knowledge/schema.ts';
import { isStopWord, words } from '../src/retrieval/text.ts';

/**
 * A deterministic synthetic knowledge base for the scale benchmarks: passages shaped like the real
 * ones (title, listed questions, 40–250 word bodies in sentences and paragraphs, sources), with
 * words drawn from a Zipf distribution over a realistic vocabulary. The most frequent words are
 * the real knowledge's own, in its own frequency order ("the", "refugee", "canada", "claim" …);
 * a long tail of made-up but word-like words follows, as a large real corpus would have.
 */

/** sfc32: a small, fast, seedable PRNG. Same seed, same sequence, on every machine. */
export function prng(seed: number): () => number {
  let a = 0x9e3779b9;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = seed >>> 0;
  const next = () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 16; i++) next();
  return next;
}

/** Size of the vocabulary, real words first, then the made-up tail. */
export const VOCABULARY_SIZE = 40_000;
/** Zipf exponent: close to 1 for English text. */
const ZIPF_S = 1.0;

/** Words ranked by frequency: the real knowledge's words, then a deterministic made-up tail. */
export function buildVocabulary(passages: readonly Passage[], size = VOCABULARY_SIZE): string[] {
  const frequency = new Map<string, number>();
  for (const passage of passages) {
    for (const word of words([passage.title, ...passage.questions, passage.body].join(' '))) {
      if (/^[a-z]{2,}$/.test(word) || word === 'a' || word === 'i')
        frequency.set(word, (frequency.get(word) ?? 0) + 1);
    }
  }
  const real = [...frequency]
    .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))
    .map(([word]) => word);
  const vocabulary = real.slice(0, size);
  const seen = new Set(vocabulary);
  const random = prng(0x5eed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)] as T;
  const onsets = ['b', 'c', 'd', 'f', 'g', 'h', 'j', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v'];
  const clusters = ['br', 'ch', 'cl', 'dr', 'fr', 'gr', 'pl', 'pr', 'sh', 'st', 'th', 'tr', 'w'];
  const vowels = ['a', 'e', 'i', 'o', 'u', 'ai', 'ea', 'ou', 'io'];
  const codas = ['', '', '', 'n', 'r', 'l', 's', 'm', 'nt', 'st', 'rd', 'ck'];
  const suffixes = ['', '', '', '', 's', 'ed', 'ing', 'tion', 'ment', 'al', 'er', 'ly', 'ity'];
  let guard = 0;
  while (vocabulary.length < size && guard++ < size * 20) {
    const syllables = 1 + Math.floor(random() * 3);
    let word = '';
    for (let s = 0; s < syllables; s++) {
      word += (random() < 0.25 ? pick(clusters) : pick(onsets)) + pick(vowels) + pick(codas);
    }
    word += pick(suffixes);
    if (word.length < 4 || word.length > 12 || seen.has(word) || isStopWord(word)) continue;
    seen.add(word);
    vocabulary.push(word);
  }
  return vocabulary;
}

/** Draws ranks 0..n-1 with probability ∝ 1 / (rank + 1)^s. */
function zipfSampler(n: number, random: () => number, s = ZIPF_S): () => number {
  const cumulative = new Float64Array(n);
  let sum = 0;
  for (let rank = 0; rank < n; rank++) {
    sum += 1 / (rank + 1) ** s;
    cumulative[rank] = sum;
  }
  return () => {
    const target = random() * sum;
    let low = 0;
    let high = n - 1;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((cumulative[mid] as number) < target) low = mid + 1;
      else high = mid;
    }
    return low;
  };
}

const TOPICS = [
  'alternatives',
  'cases',
  'claim-process',
  'eligibility',
  'law-changes',
  'legal-help',
  'lgbtq',
  'other-countries',
  'risks',
  'safe-third-country',
  'statistics',
];
const OPENERS = ['Can', 'How', 'What', 'Is', 'Do', 'Who', 'When', 'Why', 'Where', 'Should'];

export interface CorpusOptions {
  size: number;
  seed?: number;
  vocabulary: readonly string[];
}

/** `size` synthetic passages, identical for the same size, seed and vocabulary. */
export function generateCorpus({ size, seed = 42, vocabulary }: CorpusOptions): Passage[] {
  const random = prng(seed);
  const zipf = zipfSampler(vocabulary.length, random);
  // Each passage has a theme: a few mid-frequency content words it keeps coming back to.
  const themeZipf = zipfSampler(vocabulary.length - 200, random);
  const between = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const passages: Passage[] = [];

  for (let n = 0; n < size; n++) {
    const theme: string[] = [];
    while (theme.length < 5) {
      const word = vocabulary[200 + themeZipf()] as string;
      if (!isStopWord(word)) theme.push(word);
    }
    const word = (themeShare: number) =>
      random() < themeShare
        ? (theme[Math.floor(random() * theme.length)] as string)
        : (vocabulary[zipf()] as string);
    const phrase = (length: number, themeShare: number) =>
      Array.from({ length }, () => word(themeShare)).join(' ');
    const question = (length: number, themeShare: number) =>
      `${OPENERS[between(0, OPENERS.length - 1)]} ${phrase(length, themeShare)}?`;

    const id = `synthetic-${String(n).padStart(6, '0')}`;
    const topic = TOPICS[n % TOPICS.length] as string;
    const sources = Array.from({ length: between(1, 3) }, (_, k) => ({
      title: `Source ${k + 1} for ${id}`,
      publisher: 'Synthetic Publisher',
      url: `https://example.org/synthetic/${id}/${k + 1}`,
      published: `20${between(15, 25)}-0${between(1, 9)}`,
    }));

    const bodyWords = between(60, 230);
    const paragraphs: Sentence[][] = [];
    const markdown: string[] = [];
    let written = 0;
    while (written < bodyWords) {
      const paragraph: Sentence[] = [];
      const lines: string[] = [];
      const sentences = between(2, 4);
      for (let s = 0; s < sentences && written < bodyWords; s++) {
        const length = Math.min(between(8, 24), bodyWords - written + 3);
        const text = phrase(length, 0.15);
        const sentence = `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
        const source = between(0, sources.length - 1);
        paragraph.push({ text: sentence, source });
        lines.push(`${sentence.slice(0, -1)} [${source + 1}].`);
        written += length;
      }
      paragraphs.push(paragraph);
      markdown.push(lines.join(' '));
    }

    passages.push({
      id,
      title: question(between(4, 8), 0.5),
      questions: Array.from({ length: between(2, 4) }, () => question(between(5, 11), 0.35)),
      topic,
      jurisdiction: JURISDICTIONS[n % JURISDICTIONS.length] as Passage['jurisdiction'],
      sources,
      reviewed: '2026-06-01',
      file: `${topic}/${id}.md`,
      body: markdown.join('\n\n'),
      paragraphs,
      wordCount: written,
    });
  }
  return passages;
}

export interface QuerySets {
  /**
   * Words among the 100 content words found in the most passages (at 10k passages, each in 5–80%
   * of them): every query matches a large part of the corpus. Calibrated so that raw MiniSearch
   * lands near the issue's own measurement (about 5 ms median, 22 ms p95 at 10k passages).
   */
  frequent: string[];
  /** Content words found in a handful of passages (at most 0.1%, at least one). */
  rare: string[];
}

/** Deterministic query sets for a corpus: `count` queries each, of 2–4 (frequent) or 2–3 (rare) words. */
export function buildQueries(passages: readonly Passage[], count: number, seed = 7): QuerySets {
  const documentFrequency = new Map<string, number>();
  for (const passage of passages) {
    const text = [passage.title, ...passage.questions, passage.body].join(' ');
    for (const word of new Set(words(text))) {
      if (/^[a-z]{3,}$/.test(word) && !isStopWord(word))
        documentFrequency.set(word, (documentFrequency.get(word) ?? 0) + 1);
    }
  }
  const byFrequency = [...documentFrequency].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1));
  const total = passages.length;
  const frequentWords = byFrequency.slice(0, 100).map(([w]) => w);
  const rareLimit = Math.max(2, Math.floor(total * 0.001));
  const rareWords = byFrequency.filter(([, df]) => df <= rareLimit).map(([w]) => w);

  const random = prng(seed);
  const make = (pool: readonly string[], min: number, max: number) =>
    Array.from({ length: count }, () => {
      const length = min + Math.floor(random() * (max - min + 1));
      const chosen = new Set<string>();
      for (let guard = 0; chosen.size < length && guard < 50; guard++)
        chosen.add(pool[Math.floor(random() * pool.length)] as string);
      return [...chosen].join(' ');
    });
  return { frequent: make(frequentWords, 2, 4), rare: make(rareWords, 2, 3) };
}

import { distance } from 'fastest-levenshtein';
import type { Passage, SynonymGroups } from '../knowledge/schema.ts';
import { isEnglishWord } from './english.ts';
import { placeWords } from './places.ts';
import { createSynonymExpander, type Expansion } from './synonyms.ts';
import { contentWords, isCommonWord, stem, termsOf } from './text.ts';
import type { Tuning } from './tuning.ts';

/**
 * What the knowledge's words are: the terms each is indexed under, which passages use them, how
 * rare they are. Built once per knowledge; query building, search and scoring all read it.
 */
export interface Lexicon {
  /** A word's index terms (itself and its stem), computed once per word of the knowledge. */
  termsOf(word: string): string[];
  /** The key a word is counted under: its stem. */
  keyOf(word: string): string;
  /** Every term the index holds, to tell a typo from a word the knowledge uses. */
  vocabulary: ReadonlySet<string>;
  /** Passages (by position) using each word key anywhere. */
  passagesWith: ReadonlyMap<string, number[]>;
  /** Passages (by position) using each word key in their title or listed questions. */
  passagesAsking: ReadonlyMap<string, number[]>;
  documentFrequency(word: string): number;
  /** Inverse document frequency (BM25's): rare words matter more. */
  idf(word: string): number;
  /** 1, or tuning.commonWeight for a common English word no curated question uses. */
  salience(word: string): number;
  /** A country's name that no passage mentions ("japan"): a subject the knowledge lacks. */
  isUnknownPlace(word: string): boolean;
  /**
   * The country a word names, forgiving a typo of one some passage mentions ("mexco" → "mexico");
   * undefined for a word that names none.
   */
  placeOf(word: string): string | undefined;
  /** Some passage uses the word, or the synonyms table knows it. */
  isKnown(word: string): boolean;
  /** One of the word's forms is an index term. */
  inVocabulary(word: string): boolean;
  /** Synonym phrases in a text and the other spellings they stand for. */
  expand(text: string): Expansion[];
  /** The words' terms as plain data, for a saved index. */
  savedWords(): [string, string[]][];
  passageCount: number;
}

export function createLexicon(
  passages: readonly Passage[],
  synonyms: SynonymGroups,
  tuning: Tuning,
  savedWords?: [string, string[]][],
): Lexicon {
  // Each distinct word of the knowledge is stemmed once: stemming is most of building an index.
  const knownWords = new Map<string, string[]>(savedWords);
  const indexTerms = (word: string): string[] => {
    let terms = knownWords.get(word);
    if (!terms) {
      terms = termsOf(word);
      knownWords.set(word, terms);
    }
    return terms;
  };
  const keyOf = (word: string) => (knownWords.get(word) ?? termsOf(word)).at(-1) as string;

  // The passages (by position) that use each word, keyed by its stem: anywhere, for document
  // frequency and the candidates of a search; in a title or listed question, for the candidates.
  const passagesUsing = (textOf: (passage: Passage) => string) => {
    const lists = new Map<string, number[]>();
    passages.forEach((passage, position) => {
      const keys = new Set<string>();
      for (const word of contentWords(textOf(passage))) keys.add(indexTerms(word).at(-1) as string);
      for (const key of keys) {
        const list = lists.get(key);
        if (list) list.push(position);
        else lists.set(key, [position]);
      }
    });
    return lists;
  };
  const passagesWith = passagesUsing((p) => [p.title, ...p.questions, p.body, p.topic].join(' '));
  const passagesAsking = passagesUsing((p) => [p.title, ...p.questions].join(' '));
  const vocabulary = new Set([...knownWords.values()].flat());
  const documentFrequency = (word: string) => passagesWith.get(keyOf(word))?.length ?? 0;
  const total = passages.length;
  const expand = createSynonymExpander(synonyms);
  // Words the curated questions use are never "common", whatever a general list says.
  const curated = new Set(
    passages.flatMap((p) => [p.title, ...p.questions].flatMap((q) => contentWords(q).map(stem))),
  );
  const places = placeWords();
  const isKnown = (word: string) => documentFrequency(word) > 0 || expand(word).length > 0;
  const inVocabulary = (word: string) => termsOf(word).some((term) => vocabulary.has(term));
  // Only places some passage mentions are worth correcting to: a typo of one the knowledge lacks
  // would change nothing (neither is mentioned).
  let mentionedPlaces: string[] | undefined;
  const placeOf = (word: string): string | undefined => {
    if (places.has(word)) return word;
    // A real English word the knowledge lacks ("canned") is no typo of a place.
    if (word.length < 5 || inVocabulary(word) || isKnown(word) || isEnglishWord(word))
      return undefined;
    mentionedPlaces ??= [...places].filter((place) => documentFrequency(place) > 0);
    // Two edits from six letters on: a swap of two letters ("germnay") is two.
    const allowed = word.length >= 6 ? 2 : 1;
    return mentionedPlaces.find((place) => distance(word, place) <= allowed);
  };
  return {
    termsOf: indexTerms,
    keyOf,
    vocabulary,
    passagesWith,
    passagesAsking,
    documentFrequency,
    idf(word) {
      const df = documentFrequency(word);
      return Math.log(1 + (total - df + 0.5) / (df + 0.5));
    },
    salience: (word) =>
      isCommonWord(word) && !curated.has(stem(word)) && !places.has(word) ? tuning.commonWeight : 1,
    isUnknownPlace: (word) => places.has(word) && documentFrequency(word) === 0,
    placeOf,
    isKnown,
    inVocabulary,
    expand,
    savedWords: () => [...knownWords],
    passageCount: total,
  };
}

/** A passage's body as plain text, as the index reads it. */
export function bodyOf(passage: Passage): string {
  return passage.paragraphs
    .flat()
    .map((s) => s.text)
    .join(' ');
}

import type { Lexicon } from './lexicon.ts';
import { splitStory } from './story.ts';
import { contentWords, termsOf } from './text.ts';
import type { Tuning } from './tuning.ts';

/** A word of the message and how much it counts. */
export interface QueryWord {
  word: string;
  /** Higher for the sentences that ask than for the story or an earlier question. */
  weight: number;
  /** Relative importance for coverage: inverse document frequency. */
  idf: number;
  /** In the sentences that ask, not in the story or context. */
  asked: boolean;
}

/** A message made ready to search: its words, the terms to send, and which word each stands for. */
export interface Query {
  /** The sentences that ask (the whole message when it tells no story). */
  ask: string;
  /** The story told before the question, and any earlier question of the conversation. */
  context: string;
  words: QueryWord[];
  /** Each term to search, with its boost. */
  termWeight: Map<string, number>;
  /** Which message words each term stands for (a synonym stands for the word it came from). */
  owners: Map<string, Set<string>>;
  /** Terms the person typed (not synonyms): only those may be fuzzy-matched when economical. */
  typed: Set<string>;
  /** The last word asked, prefix-matched: people type "work perm" while they think. */
  lastWord?: string;
  /** The question's heaviest known words, each with its synonyms: what a candidate must use. */
  mainWords: string[][];
}

export interface QueryOptions {
  /** An earlier question of the same conversation, read as context for a short follow-up. */
  context?: string;
  /** Leave out words the knowledge never uses (for a message in another language). */
  knownWordsOnly?: boolean;
}

/** Builds the query for a message, or undefined when it has no meaningful word. */
export function buildQuery(
  message: string,
  options: QueryOptions,
  lexicon: Lexicon,
  tuning: Tuning,
): Query | undefined {
  const WEIGHT = tuning.weight;
  const { ask, story } = splitStory(message);
  // The story weighs like the conversation's earlier question: context, not what is asked.
  const context = [story, options.context ?? ''].filter(Boolean).join(' ');
  const words: QueryWord[] = [];
  const add = (word: string, weight: number, asked: boolean) => {
    const existing = words.find((w) => w.word === word);
    const weighed = weight * lexicon.salience(word);
    if (existing) {
      existing.weight = Math.max(existing.weight, weighed);
      existing.asked ||= asked;
    } else words.push({ word, weight: weighed, idf: lexicon.idf(word), asked });
  };
  const usable = (text: string) =>
    contentWords(text).filter((word) => !options.knownWordsOnly || lexicon.isKnown(word));
  for (const word of usable(ask)) add(word, WEIGHT.question, true);
  for (const word of usable(context)) add(word, WEIGHT.context, false);
  if (words.length === 0) return undefined;

  const owners = new Map<string, Set<string>>();
  const termWeight = new Map<string, number>();
  const own = (term: string, word: string, weight: number) => {
    if (!owners.has(term)) owners.set(term, new Set());
    owners.get(term)?.add(word);
    termWeight.set(term, Math.max(termWeight.get(term) ?? 0, weight));
  };
  const typed = new Set<string>();
  for (const { word, weight } of words) {
    // A misspelt country ("mexco") is searched as the country it names, as if typed right: fuzzy
    // matching alone discounts it below passages that only share "asylum" and "americans".
    const place = lexicon.placeOf(word);
    const spelt = place && place !== word ? [word, place] : [word];
    for (const term of spelt.flatMap(termsOf)) {
      own(term, word, weight);
      typed.add(term);
    }
  }
  // The other spellings of each question word, from the synonyms table.
  const spellings = new Map<string, string[]>();
  for (const text of [ask, context]) {
    for (const expansion of lexicon.expand(text)) {
      if (text === ask)
        spellings.set(expansion.word, [
          ...(spellings.get(expansion.word) ?? []),
          ...expansion.words,
        ]);
      // A phrase made only of small words ("do-over", "turned down") has no question word to
      // credit: its synonyms still help ranking, without counting towards coverage.
      const owner = words.find((w) => w.word === expansion.word);
      const weight = (owner?.weight ?? WEIGHT.question) * WEIGHT.synonym;
      for (const word of expansion.words)
        for (const term of termsOf(word)) own(term, owner?.word ?? `~${expansion.word}`, weight);
    }
  }

  // The main words: the question's own (not its context's), those weighed most.
  const asked = new Set(contentWords(ask));
  const askedWords = words.filter(
    (w) => asked.has(w.word) && lexicon.documentFrequency(w.word) > 0,
  );
  const heaviest = Math.max(...askedWords.map((w) => w.weight));
  const mainWords = askedWords
    .filter((w) => w.weight === heaviest)
    .map((w) => [w.word, ...(spellings.get(w.word) ?? [])]);
  return {
    ask,
    context,
    words,
    termWeight,
    owners,
    typed,
    lastWord: contentWords(ask).at(-1),
    mainWords,
  };
}

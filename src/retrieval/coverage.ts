import type { Candidate } from './candidates.ts';
import type { Lexicon } from './lexicon.ts';
import type { Query } from './query.ts';
import type { Tuning } from './tuning.ts';

/** How much of a message a passage matched (each 0..1). */
export interface Coverage {
  /**
   * Share of the message's meaning this passage matched: matched words weighted by how rare they
   * are in the knowledge, the sentences that ask above the story told before them.
   */
  coverage: number;
  /** Like coverage, counting only words matched in the passage's title or listed questions. */
  questionCoverage: number;
  /**
   * Like coverage, over the sentences that ask only: a long story before the question does not
   * lower it.
   */
  askCoverage: number;
}

/**
 * Measures coverage for the candidates of one query. A word the index does not hold is either a
 * typo ("asylm"), matched fuzzily, or a subject the knowledge lacks ("poutine", one letter from
 * "routine"): it weighs as unknown, and a fuzzy match earns only part of that weight. A country
 * no passage mentions weighs most: "asylum in Japan" is about Japan.
 */
export function coverageFor(
  query: Query,
  lexicon: Lexicon,
  tuning: Tuning,
): (candidate: Candidate) => Coverage {
  const weightOf = new Map(
    query.words.map((w) => {
      if (lexicon.isUnknownPlace(w.word)) return [w.word, w.weight * tuning.unknownPlaceWeight];
      return [w.word, w.weight * (lexicon.inVocabulary(w.word) ? w.idf : tuning.unknownWeight)];
    }),
  );
  const creditOf = (word: string) =>
    (weightOf.get(word) ?? 0) * (lexicon.inVocabulary(word) ? 1 : tuning.fuzzyCredit);
  const asked = new Set(query.words.filter((w) => w.asked).map((w) => w.word));
  const sum = (words: Iterable<string>, value: (word: string) => number) => {
    let total = 0;
    for (const word of words) total += value(word);
    return total;
  };
  const totalWeight = sum(weightOf.keys(), (word) => weightOf.get(word) ?? 0);
  const askedWeight = sum(asked, (word) => weightOf.get(word) ?? 0);
  const share = (words: Set<string>, whole: number, only?: Set<string>) =>
    whole > 0 ? sum(words, (word) => (only && !only.has(word) ? 0 : creditOf(word))) / whole : 0;
  return (candidate) => ({
    coverage: share(candidate.matched, totalWeight),
    questionCoverage: share(candidate.inQuestions, totalWeight),
    askCoverage: share(candidate.matched, askedWeight, asked),
  });
}

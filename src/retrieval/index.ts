import type { Passage, SynonymGroups } from '../knowledge/schema.ts';
import { createCandidateSearch } from './candidates.ts';
import { coverageFor } from './coverage.ts';
import { createLexicon } from './lexicon.ts';
import { buildQuery } from './query.ts';
import { DEFAULT_TUNING, type Tuning } from './tuning.ts';

export { DEFAULT_TUNING, type Tuning } from './tuning.ts';

/** A passage that matched a question, with how well it matched. */
export interface Hit {
  id: string;
  /** MiniSearch's BM25+ score: comparable between hits of one search only. */
  score: number;
  /**
   * Share of the question's meaning this passage matched (0..1): matched words weighted by how
   * rare they are in the knowledge. "Weather in Toronto" matches "Toronto" but not the rarer,
   * unknown "weather", so its coverage stays low and the bot abstains.
   */
  coverage: number;
  /** The question words the passage matched. */
  matched: string[];
  /**
   * Like coverage, counting only words matched in the passage's title or listed questions: the
   * curated ways of asking. Words found only in a body ("Toronto", "bank") say little about
   * whether the passage answers the question.
   */
  questionCoverage: number;
  /** Like coverage, over the sentences that ask only (not the story told before them). */
  askCoverage: number;
}

export interface SearchOptions {
  /** An earlier question of the same conversation, read as context for a short follow-up. */
  context?: string;
  /** How many hits to return at most (default 5). */
  limit?: number;
  /**
   * Leave words the knowledge never uses out of coverage. For questions in another language,
   * whose grammar words would otherwise make every match look weak.
   */
  knownWordsOnly?: boolean;
}

export interface Retriever {
  search(question: string, options?: SearchOptions): Hit[];
  /** The built index as plain data, for createRetriever to start from without rebuilding it. */
  save(): SavedIndex;
}

/** A built index as plain data (JSON-safe): MiniSearch's own, and the knowledge's words' terms. */
export interface SavedIndex {
  minisearch: ReturnType<ReturnType<typeof createCandidateSearch>['save']>;
  words: [string, string[]][];
}

/**
 * Indexes `passages` for search, or, given `saved` (from save() on the same passages), loads that
 * index instead of building it: a fraction of the time on a large knowledge base. A search builds
 * the query (query.ts), finds candidates with MiniSearch (candidates.ts) and scores them.
 */
export function createRetriever(
  passages: Passage[],
  synonyms: SynonymGroups,
  tuning: Tuning = DEFAULT_TUNING,
  saved?: SavedIndex,
): Retriever {
  const lexicon = createLexicon(passages, synonyms, tuning, saved?.words);
  const candidates = createCandidateSearch(passages, lexicon, tuning, saved?.minisearch);

  return {
    save: () => ({ minisearch: candidates.save(), words: lexicon.savedWords() }),
    search(message, options = {}) {
      const limit = options.limit ?? 5;
      const query = buildQuery(message, options, lexicon, tuning);
      if (!query) return [];
      const measure = coverageFor(query, lexicon, tuning);
      const rankOf = (hit: Hit) => hit.score * hit.coverage ** tuning.coverageExponent;
      return (
        candidates
          .search(query)
          .map((candidate) => ({
            id: candidate.id,
            score: candidate.score,
            matched: [...candidate.matched],
            ...measure(candidate),
          }))
          // BM25 alone lets a passage full of common words and their synonyms ("refugee claim",
          // "United States") outrank the one passage that names what was asked ("Mexico"):
          // weighing by coverage puts the passage that answers the whole question first.
          .sort((a, b) => rankOf(b) - rankOf(a))
          .slice(0, limit)
      );
    },
  };
}

import MiniSearch, { type Options as MiniSearchIndexOptions } from 'minisearch';
import type { Passage } from '../knowledge/schema.ts';
import { bodyOf, type Lexicon } from './lexicon.ts';
import type { Query } from './query.ts';
import { isCommonWord, isStopWord, stem, words } from './text.ts';
import type { Tuning } from './tuning.ts';

/** How many of MiniSearch's best results are scored closely. */
export const CANDIDATE_DEPTH = 20;

/** A passage MiniSearch found for a query, with the message words it matched and where. */
export interface Candidate {
  id: string;
  /** Position of the passage in the knowledge. */
  position: number;
  /** MiniSearch's BM25+ score: comparable between candidates of one search only. */
  score: number;
  /** 1-based rank in MiniSearch's results. */
  rank: number;
  /** The message words this passage matched. */
  matched: Set<string>;
  /** Of them, those matched in its title or listed questions. */
  inQuestions: Set<string>;
}

export interface CandidateSearch {
  /** The best CANDIDATE_DEPTH passages for a query, best first by MiniSearch's score. */
  search(query: Query): Candidate[];
  /** MiniSearch's index as plain data. */
  save(): ReturnType<MiniSearch['toJSON']>;
}

/**
 * The full-text backbone: MiniSearch over title, listed questions, body and topic, with English
 * stems and raw forms, fuzzy matching for words the index does not know, and prefix matching of
 * the last word. Built from `passages`, or loaded from `saved` (the same passages' save()).
 */
export function createCandidateSearch(
  passages: readonly Passage[],
  lexicon: Lexicon,
  tuning: Tuning,
  saved?: ReturnType<MiniSearch['toJSON']>,
): CandidateSearch {
  const indexOptions: MiniSearchIndexOptions<Passage> = {
    fields: ['title', 'questions', 'body', 'topic'],
    extractField: (passage, field) => {
      if (field === 'questions') return passage.questions.join('\n');
      if (field === 'body') return bodyOf(passage);
      if (field === 'topic') return passage.topic.replace(/-/g, ' ');
      return String(passage[field as keyof Passage] ?? '');
    },
    tokenize: (text) => words(text),
    processTerm: (term) => (isStopWord(term) ? null : lexicon.termsOf(term)),
  };
  const index = saved
    ? MiniSearch.loadJS<Passage>(saved, indexOptions)
    : new MiniSearch<Passage>(indexOptions);
  if (!saved) index.addAll(passages as Passage[]);
  const positionOf = new Map(passages.map((passage, position) => [passage.id, position]));
  const total = passages.length;
  const { keyOf, vocabulary, passagesWith, passagesAsking } = lexicon;

  /**
   * MiniSearch scores every posting of every query term (it has no top-k), so on a large index a
   * question of common words costs a pass over most of it. When more than tuning.exhaustiveUpTo
   * passages use a main word of the question (itself or a synonym), the search is economical: only
   * the CANDIDATE_DEPTH passages that use the most main words are scored (ties included; using
   * them in a title or listed question breaks ties, as an answer needs a match there), synonyms
   * are not fuzzy-matched, and known words are sent as stems alone. A boost of 0 makes MiniSearch
   * skip a passage before scoring it. The bundled knowledge is far below that size: its answers
   * come from exhaustive scoring (bench/ measures both).
   */
  const candidatesFor = (mainWords: readonly string[][]) => {
    const postings = mainWords.flat().map((word) => passagesWith.get(keyOf(word))?.length ?? 0);
    if (postings.reduce((sum, n) => sum + n, 0) <= tuning.exhaustiveUpTo) return undefined;
    // A passage's rank: main words used anywhere, then main words used in its questions.
    const rank = new Uint32Array(total);
    const anywhere = {
      lists: passagesWith,
      points: mainWords.length + 1,
      last: new Int32Array(total),
    };
    const asking = { lists: passagesAsking, points: 1, last: new Int32Array(total) };
    mainWords.forEach((spellings, i) => {
      // Once per word, however many of its spellings a passage uses.
      for (const { lists, points, last } of [anywhere, asking])
        for (const spelling of spellings)
          for (const position of lists.get(keyOf(spelling)) ?? [])
            if (last[position] !== i + 1) {
              last[position] = i + 1;
              rank[position] = (rank[position] ?? 0) + points;
            }
    });
    const ranked = rank.filter((value) => value > 0);
    if (ranked.length <= tuning.exhaustiveUpTo) return undefined;
    const bar = ranked.sort().at(-CANDIDATE_DEPTH) ?? 1;
    const ids = new Set<string>();
    rank.forEach((value, position) => {
      if (value >= bar) ids.add(passages[position]?.id as string);
    });
    return (id: string) => (ids.has(id) ? 1 : 0);
  };

  return {
    save: () => index.toJSON(),
    search(query) {
      const { termWeight, owners, typed, lastWord } = query;
      const candidates = candidatesFor(query.mainWords);
      // Every known word is indexed under its own form and its stem, so the stem alone finds the
      // same passages: when the question matches too many to score them all, it goes alone.
      const terms = [...termWeight.keys()].filter(
        (term) =>
          !candidates ||
          !vocabulary.has(term) ||
          !termWeight.has(stem(term)) ||
          stem(term) === term,
      );
      const results = index.search(terms.join(' '), {
        boostDocument: candidates,
        tokenize: (text) => text.split(' '),
        processTerm: (term) => term,
        boost: tuning.boost,
        boostTerm: (term) => termWeight.get(term) ?? 1,
        // People type the last word while they think: "work perm" should find "work permit".
        prefix: (term) => term === lastWord && term.length >= 3,
        // Only a word the index does not know can be a typo; one typo from five letters, two from
        // eight (shorter words have too many neighbours). Fuzzy matching is most of a search's
        // cost on a large index, so known words skip it, and so do synonyms (spelled right) when
        // the question matches too many passages to score them all.
        fuzzy: (term) =>
          vocabulary.has(term) ||
          isCommonWord(term) ||
          (candidates && !typed.has(term)) ||
          !/^\p{L}{5,}$/u.test(term)
            ? false
            : term.length >= 8
              ? 2
              : 1,
      });

      // search() scores every match; only the best few are worth a closer look.
      return results.slice(0, CANDIDATE_DEPTH).map((result, i) => {
        const matched = new Set<string>();
        const inQuestions = new Set<string>();
        // MiniSearch says which document terms matched in which fields, but not which query term
        // each came from: an exact match names itself; a fuzzy or prefix one is one of the others.
        const inexact = Object.keys(result.match).filter((term) => !termWeight.has(term));
        for (const term of result.queryTerms) {
          const fields = result.match[term] ?? inexact.flatMap((t) => result.match[t] ?? []);
          for (const word of owners.get(term) ?? []) {
            matched.add(word);
            if (fields.includes('title') || fields.includes('questions')) inQuestions.add(word);
          }
        }
        const id = result.id as string;
        return {
          id,
          position: positionOf.get(id) ?? -1,
          score: result.score,
          rank: i + 1,
          matched,
          inQuestions,
        };
      });
    },
  };
}

import MiniSearch, { type Options as MiniSearchIndexOptions } from 'minisearch';
import type { Passage, SynonymGroups } from '../knowledge/schema.ts';
import { placeWords } from './places.ts';
import { splitStory } from './story.ts';
import { createSynonymExpander } from './synonyms.ts';
import { contentWords, isCommonWord, isStopWord, stem, termsOf, words } from './text.ts';

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
  minisearch: ReturnType<MiniSearch['toJSON']>;
  words: [string, string[]][];
}

/** The knobs of ranking and of the coverage measure, tuned on the evaluation set (`npm run eval`). */
export interface Tuning {
  /** Field boosts: a question phrased like a passage's title or listed questions is the best sign. */
  boost: { title: number; questions: number; body: number; topic: number };
  /** Words of the question count more than those of its context; synonyms count less. */
  weight: { question: number; context: number; synonym: number };
  /** Ranking is score × coverage^exponent: higher favours passages that cover the whole question. */
  coverageExponent: number;
  /**
   * Weight, in coverage, of a word no passage matches at all ("legit", "cuz", "japan"). Lower
   * than a rare known word's, so slang does not sink an answer; high enough that an unknown
   * subject ("asylum in Japan") still does.
   */
  unknownWeight: number;
  /** Weight of a common English word that no curated question uses ("back", "thing", "once"). */
  commonWeight: number;
  /** Weight of a country the knowledge never mentions ("asylum in Japan"): the subject is unknown. */
  unknownPlaceWeight: number;
  /** Share of an unknown word's weight that a fuzzy match earns: a typo, or a near miss. */
  fuzzyCredit: number;
  /**
   * Up to this many passages using a main word of the question, every match is scored; beyond,
   * only the likeliest candidates are (see candidatesFor).
   */
  exhaustiveUpTo: number;
}

export const DEFAULT_TUNING: Tuning = {
  boost: { title: 4, questions: 3, body: 1, topic: 1 },
  weight: { question: 2, context: 1, synonym: 0.3 },
  coverageExponent: 1,
  unknownWeight: 3,
  commonWeight: 0.1,
  unknownPlaceWeight: 8,
  fuzzyCredit: 0.5,
  exhaustiveUpTo: 500,
};

/** How many of MiniSearch's best results are re-ranked by coverage. */
const RERANK_DEPTH = 20;

interface QueryWord {
  word: string;
  weight: number;
  /** Relative importance for coverage: inverse document frequency. */
  idf: number;
}

/**
 * Indexes `passages` for search, or, given `saved` (from save() on the same passages), loads that
 * index instead of building it: a fraction of the time on a large knowledge base.
 */
export function createRetriever(
  passages: Passage[],
  synonyms: SynonymGroups,
  tuning: Tuning = DEFAULT_TUNING,
  saved?: SavedIndex,
): Retriever {
  const WEIGHT = tuning.weight;
  // Each distinct word of the knowledge is stemmed once: stemming is most of building the index.
  const knownWords = new Map<string, string[]>(saved?.words);
  const indexTerms = (word: string): string[] => {
    let terms = knownWords.get(word);
    if (!terms) {
      terms = termsOf(word);
      knownWords.set(word, terms);
    }
    return terms;
  };
  const indexOptions: MiniSearchIndexOptions<Passage> = {
    fields: ['title', 'questions', 'body', 'topic'],
    extractField: (passage, field) => {
      if (field === 'questions') return passage.questions.join('\n');
      if (field === 'body')
        return passage.paragraphs
          .flat()
          .map((s) => s.text)
          .join(' ');
      if (field === 'topic') return passage.topic.replace(/-/g, ' ');
      return String(passage[field as keyof Passage] ?? '');
    },
    tokenize: (text) => words(text),
    processTerm: (term) => (isStopWord(term) ? null : indexTerms(term)),
  };
  const index = saved
    ? MiniSearch.loadJS<Passage>(saved.minisearch, indexOptions)
    : new MiniSearch<Passage>(indexOptions);
  if (!saved) index.addAll(passages);
  // Every term the index holds, to tell a typo from a word the knowledge uses.
  const vocabulary = new Set([...knownWords.values()].flat());
  /** The key a word is counted under: its stem, the last of its index terms. */
  const keyOf = (word: string) => (knownWords.get(word) ?? termsOf(word)).at(-1) as string;

  // The passages (by position) that use each word, keyed by its stem: anywhere, for document
  // frequency and the candidates of a search; in a title or listed question, for the candidates.
  const passagesUsing = (textOf: (passage: Passage) => string) => {
    const lists = new Map<string, number[]>();
    passages.forEach((passage, position) => {
      for (const key of new Set(contentWords(textOf(passage)).map(keyOf))) {
        const list = lists.get(key);
        if (list) list.push(position);
        else lists.set(key, [position]);
      }
    });
    return lists;
  };
  const passagesWith = passagesUsing((p) => [p.title, ...p.questions, p.body, p.topic].join(' '));
  const passagesAsking = passagesUsing((p) => [p.title, ...p.questions].join(' '));
  const documentFrequency = (word: string) => passagesWith.get(keyOf(word))?.length ?? 0;
  const total = passages.length;
  const idf = (word: string): number => {
    const df = documentFrequency(word);
    return Math.log(1 + (total - df + 0.5) / (df + 0.5));
  };
  const expand = createSynonymExpander(synonyms);
  // Words the curated questions use are never "common", whatever a general list says.
  const curated = new Set(
    passages.flatMap((p) => [p.title, ...p.questions].flatMap((q) => contentWords(q).map(stem))),
  );
  const places = placeWords();
  const salience = (word: string) =>
    isCommonWord(word) && !curated.has(stem(word)) && !places.has(word) ? tuning.commonWeight : 1;
  const isUnknownPlace = (word: string) => places.has(word) && documentFrequency(word) === 0;
  const isKnown = (word: string) => documentFrequency(word) > 0 || expand(word).length > 0;

  /**
   * MiniSearch scores every posting of every query term (it has no top-k), so on a large index a
   * question of common words costs a pass over most of it. When more than tuning.exhaustiveUpTo
   * passages use a main word of the question (itself or a synonym), the search is economical: only
   * the RERANK_DEPTH passages that use the most main words are scored (ties included; using them
   * in a title or listed question breaks ties, as an answer needs a match there), synonyms are
   * not fuzzy-matched, and known words are sent as stems alone. A boost of 0 makes MiniSearch skip
   * a passage before scoring it. The bundled knowledge is far below that size: its answers come
   * from exhaustive scoring (bench/ measures both).
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
    const bar = ranked.sort().at(-RERANK_DEPTH) ?? 1;
    const ids = new Set<string>();
    rank.forEach((value, position) => {
      if (value >= bar) ids.add(passages[position]?.id as string);
    });
    return (id: string) => (ids.has(id) ? 1 : 0);
  };

  return {
    save: () => ({ minisearch: index.toJSON(), words: [...knownWords] }),
    search(message, options = {}) {
      const limit = options.limit ?? 5;
      const { ask: question, story } = splitStory(message);
      // The story weighs like the conversation's earlier question: context, not what is asked.
      const context = [story, options.context ?? ''].filter(Boolean).join(' ');
      const queryWords: QueryWord[] = [];
      const add = (word: string, weight: number) => {
        const existing = queryWords.find((w) => w.word === word);
        if (existing) existing.weight = Math.max(existing.weight, weight * salience(word));
        else queryWords.push({ word, weight: weight * salience(word), idf: idf(word) });
      };
      const usable = (text: string) =>
        contentWords(text).filter((word) => !options.knownWordsOnly || isKnown(word));
      for (const word of usable(question)) add(word, WEIGHT.question);
      for (const word of usable(context)) add(word, WEIGHT.context);
      if (queryWords.length === 0) return [];

      // Each query term remembers which question words it stands for, to measure coverage.
      const owners = new Map<string, Set<string>>();
      const termWeight = new Map<string, number>();
      const own = (term: string, word: string, weight: number) => {
        if (!owners.has(term)) owners.set(term, new Set());
        owners.get(term)?.add(word);
        termWeight.set(term, Math.max(termWeight.get(term) ?? 0, weight));
      };
      const typed = new Set<string>();
      for (const { word, weight } of queryWords)
        for (const term of termsOf(word)) {
          own(term, word, weight);
          typed.add(term);
        }
      // The other spellings of each question word, from the synonyms table.
      const spellings = new Map<string, string[]>();
      for (const text of [question, context]) {
        for (const expansion of expand(text)) {
          if (text === question)
            spellings.set(expansion.word, [
              ...(spellings.get(expansion.word) ?? []),
              ...expansion.words,
            ]);
          // A phrase made only of small words ("do-over", "turned down") has no question word to
          // credit: its synonyms still help ranking, without counting towards coverage.
          const owner = queryWords.find((w) => w.word === expansion.word);
          const weight = (owner?.weight ?? WEIGHT.question) * WEIGHT.synonym;
          for (const word of expansion.words) {
            for (const term of termsOf(word))
              own(term, owner?.word ?? `~${expansion.word}`, weight);
          }
        }
      }

      const lastWord = contentWords(question).at(-1);
      // The main words: the question's own (not its context's), those weighed most.
      const asked = new Set(contentWords(question));
      const askedWords = queryWords.filter(
        (w) => asked.has(w.word) && documentFrequency(w.word) > 0,
      );
      const heaviest = Math.max(...askedWords.map((w) => w.weight));
      const mainWords = askedWords
        .filter((w) => w.weight === heaviest)
        .map((w) => [w.word, ...(spellings.get(w.word) ?? [])]);
      const candidates = candidatesFor(mainWords);
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
      const top = results.slice(0, RERANK_DEPTH).map((result) => {
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
        return { id: result.id as string, score: result.score, matched, inQuestions };
      });
      // A word the index does not hold is either a typo ("asylm"), matched fuzzily, or a subject
      // the knowledge lacks ("poutine", which is one letter from "routine"): it weighs as unknown,
      // and a fuzzy match earns only part of that weight.
      const known = (word: string) => termsOf(word).some((term) => vocabulary.has(term));
      const weightOf = new Map(
        queryWords.map((w) => {
          if (isUnknownPlace(w.word)) return [w.word, w.weight * tuning.unknownPlaceWeight];
          return [w.word, w.weight * (known(w.word) ? w.idf : tuning.unknownWeight)];
        }),
      );
      const creditOf = (word: string) =>
        (weightOf.get(word) ?? 0) * (known(word) ? 1 : tuning.fuzzyCredit);
      const totalWeight = [...weightOf.values()].reduce((sum, value) => sum + value, 0);
      return (
        top
          .map((hit) => {
            const share = (words: Set<string>) =>
              totalWeight > 0
                ? [...words].reduce((sum, word) => sum + creditOf(word), 0) / totalWeight
                : 0;
            return {
              id: hit.id,
              score: hit.score,
              coverage: share(hit.matched),
              questionCoverage: share(hit.inQuestions),
              matched: [...hit.matched],
            };
          })
          // BM25 alone lets a passage full of common words and their synonyms ("refugee claim",
          // "United States") outrank the one passage that names what was asked ("Mexico"):
          // weighing by coverage puts the passage that answers the whole question first.
          .sort(
            (a, b) =>
              b.score * b.coverage ** tuning.coverageExponent -
              a.score * a.coverage ** tuning.coverageExponent,
          )
          .slice(0, limit)
      );
    },
  };
}

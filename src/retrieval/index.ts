import MiniSearch from 'minisearch';
import type { Passage, SynonymGroups } from '../knowledge/schema.ts';
import { createSynonymExpander } from './synonyms.ts';
import { contentWords, isStopWord, termsOf, words } from './text.ts';

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
}

/** Field boosts: a question phrased like a passage's title or listed questions is the best sign. */
const BOOST = { title: 3, questions: 2.5, body: 1, topic: 1 } as const;
/** How many of MiniSearch's best results are re-ranked by coverage. */
const RERANK_DEPTH = 20;
/** Words of the question count twice those of its context, and synonyms count half. */
const WEIGHT = { question: 2, context: 1, synonym: 0.5 } as const;

interface QueryWord {
  word: string;
  weight: number;
  /** Relative importance for coverage: inverse document frequency. */
  idf: number;
}

export function createRetriever(passages: Passage[], synonyms: SynonymGroups): Retriever {
  const index = new MiniSearch<Passage>({
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
    processTerm: (term) => (isStopWord(term) ? null : termsOf(term)),
  });
  index.addAll(passages);

  const documentFrequency = new Map<string, number>();
  for (const passage of passages) {
    const text = [passage.title, ...passage.questions, passage.body, passage.topic].join(' ');
    for (const word of new Set(contentWords(text).map((w) => termsOf(w).at(-1) as string))) {
      documentFrequency.set(word, (documentFrequency.get(word) ?? 0) + 1);
    }
  }
  const total = passages.length;
  const idf = (word: string): number => {
    const df = documentFrequency.get(termsOf(word).at(-1) as string) ?? 0;
    return Math.log(1 + (total - df + 0.5) / (df + 0.5));
  };
  const expand = createSynonymExpander(synonyms);
  const isKnown = (word: string) =>
    documentFrequency.has(termsOf(word).at(-1) as string) || expand(word).length > 0;

  return {
    search(question, options = {}) {
      const limit = options.limit ?? 5;
      const queryWords: QueryWord[] = [];
      const add = (word: string, weight: number) => {
        const existing = queryWords.find((w) => w.word === word);
        if (existing) existing.weight = Math.max(existing.weight, weight);
        else queryWords.push({ word, weight, idf: idf(word) });
      };
      for (const word of contentWords(question)) {
        if (!options.knownWordsOnly || isKnown(word)) add(word, WEIGHT.question);
      }
      if (options.context)
        for (const word of contentWords(options.context)) add(word, WEIGHT.context);
      if (queryWords.length === 0) return [];

      // Each query term remembers which question words it stands for, to measure coverage.
      const owners = new Map<string, Set<string>>();
      const termWeight = new Map<string, number>();
      const own = (term: string, word: string, weight: number) => {
        if (!owners.has(term)) owners.set(term, new Set());
        owners.get(term)?.add(word);
        termWeight.set(term, Math.max(termWeight.get(term) ?? 0, weight));
      };
      for (const { word, weight } of queryWords)
        for (const term of termsOf(word)) own(term, word, weight);
      for (const text of [question, options.context ?? '']) {
        for (const expansion of expand(text)) {
          const owner = queryWords.find((w) => w.word === expansion.word);
          if (!owner) continue;
          for (const word of expansion.words) {
            for (const term of termsOf(word)) own(term, owner.word, owner.weight * WEIGHT.synonym);
          }
        }
      }

      const lastWord = contentWords(question).at(-1);
      const terms = [...termWeight.keys()];
      const results = index.search(terms.join(' '), {
        tokenize: (text) => text.split(' '),
        processTerm: (term) => term,
        boost: BOOST,
        boostTerm: (term) => termWeight.get(term) ?? 1,
        // People type the last word while they think: "work perm" should find "work permit".
        prefix: (term) => term === lastWord && term.length >= 3,
        // One typo in a word of five letters or more, two from eight: shorter words have too many neighbours.
        fuzzy: (term) => (!/^\p{L}{5,}$/u.test(term) ? false : term.length >= 8 ? 2 : 1),
      });

      const weightOf = new Map(queryWords.map((w) => [w.word, w.weight * w.idf]));
      const totalWeight = [...weightOf.values()].reduce((sum, value) => sum + value, 0);
      // search() scores every match; only the best few are worth a closer look.
      return (
        results
          .slice(0, RERANK_DEPTH)
          .map((result) => {
            const matched = new Set<string>();
            for (const term of result.queryTerms)
              for (const word of owners.get(term) ?? []) matched.add(word);
            const covered = [...matched].reduce((sum, word) => sum + (weightOf.get(word) ?? 0), 0);
            const coverage = totalWeight > 0 ? covered / totalWeight : 0;
            return {
              id: result.id as string,
              score: result.score,
              coverage,
              matched: [...matched],
            };
          })
          // BM25 alone lets a passage full of common words and their synonyms ("refugee claim",
          // "United States") outrank the one passage that names what was asked ("Mexico"):
          // weighing by coverage puts the passage that answers the whole question first.
          .sort((a, b) => b.score * b.coverage ** 2 - a.score * a.coverage ** 2)
          .slice(0, limit)
      );
    },
  };
}

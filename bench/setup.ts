import { loadEvalSet } from '../evaluation/load.ts';
import { BUNDLED_KNOWLEDGE_DIR } from '../src/index.ts';
import { type Knowledge, loadKnowledge } from '../src/knowledge/load.ts';
import type { Passage } from '../src/knowledge/schema.ts';
import { buildQueries, buildVocabulary, generateCorpus } from './corpus.ts';
import { round } from './stats.ts';

export interface Workload {
  /** The real knowledge: its vocabulary seeds the corpus, its synonyms feed the retriever. */
  knowledge: Knowledge;
  corpus: Passage[];
  /** Query sets by name: frequent words, rare words, and the evaluation questions as asked. */
  sets: { frequent: string[]; rare: string[]; questions: string[] };
  generateMs: number;
  bodyWords: number;
}

/** The synthetic corpus of `size` passages and its query sets (`queries` of each). */
export async function workload(size: number, queries: number): Promise<Workload> {
  const knowledge = await loadKnowledge(BUNDLED_KNOWLEDGE_DIR);
  const vocabulary = buildVocabulary(knowledge.passages);
  const start = performance.now();
  const corpus = generateCorpus({ size, vocabulary });
  const generateMs = round(performance.now() - start, 1);
  const questions = (await loadEvalSet()).questions.map((turn) => turn.q).slice(0, queries);
  return {
    knowledge,
    corpus,
    sets: { ...buildQueries(corpus, queries), questions },
    generateMs,
    bodyWords: corpus.reduce((sum, passage) => sum + passage.wordCount, 0),
  };
}

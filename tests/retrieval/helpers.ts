import { loadKnowledge } from '../../src/index.ts';
import type { Knowledge } from '../../src/knowledge/load.ts';
import { createLexicon, type Lexicon } from '../../src/retrieval/lexicon.ts';
import { DEFAULT_TUNING } from '../../src/retrieval/tuning.ts';
import { VALID_FIXTURE } from '../helpers/paths.ts';

/** The six-passage fixture and its lexicon, for the retrieval stages' unit tests. */
export async function fixtureLexicon(): Promise<{ knowledge: Knowledge; lexicon: Lexicon }> {
  const knowledge = await loadKnowledge(VALID_FIXTURE);
  return {
    knowledge,
    lexicon: createLexicon(knowledge.passages, knowledge.synonyms, DEFAULT_TUNING),
  };
}

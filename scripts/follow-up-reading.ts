import { subjectWords } from '../src/conversation/context.ts';
import { BUNDLED_KNOWLEDGE_DIR } from '../src/index.ts';
import { loadKnowledge } from '../src/knowledge/load.ts';
import { loadMeaning } from '../src/meaning/index.ts';
import { createRetriever, type Hit } from '../src/retrieval/index.ts';
import { createMeaningIndex } from '../src/retrieval/meaning.ts';

/**
 * The bundled knowledge and what a follow-up is read with (`followUpCandidates`' options), built
 * as ask() builds them, for the tools that replay conversations outside the assistant (the
 * follow-up trainer, bench/follow-ups/diagnose.ts). The sentence encoder is used when it is on:
 * the confidences the follow-up model weighs are the meaning scorer's then, not the lexical one's.
 */
export async function followUpReading(contextCandidates?: number) {
  const knowledge = await loadKnowledge(BUNDLED_KNOWLEDGE_DIR);
  const encoder = loadMeaning();
  const meaning = encoder
    ? createMeaningIndex(encoder, knowledge.passages, knowledge.phrasings, (error) => {
        throw error;
      })
    : undefined;
  const retriever = createRetriever(knowledge.passages, knowledge.synonyms, undefined, undefined, {
    phrasings: knowledge.phrasings,
    ...(meaning ? { meaning } : {}),
  });
  const byId = new Map(knowledge.passages.map((p) => [p.id, p]));
  const options = {
    search: retriever.search,
    confident: (hit: Hit | undefined) => hit !== undefined && hit.confidence >= retriever.threshold,
    passage: (id: string) => byId.get(id),
    subjects: subjectWords(knowledge.passages),
    related: (a: string, b: string) => meaning?.related?.(a, b),
    ...(contextCandidates ? { contextCandidates } : {}),
  };
  return { knowledge, retriever, byId, options };
}

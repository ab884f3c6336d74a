import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Answer } from './answer.ts';
import { composeAbstention, composeAnswer } from './compose/answer.ts';
import { STARTER_PASSAGE_IDS } from './compose/wording.ts';
import { looksLikeFollowUp } from './conversation/follow-up.ts';
import { ConversationMemory, type MemoryOptions } from './conversation/memory.ts';
import { type Knowledge, loadKnowledge } from './knowledge/load.ts';
import type { Passage } from './knowledge/schema.ts';
import { createRetriever, type Hit } from './retrieval/index.ts';
import { createSuggester } from './suggest.ts';

/** The knowledge that ships with the bot. */
export const BUNDLED_KNOWLEDGE_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  'knowledge',
);

/**
 * Below this coverage the best passage is not an answer. Tuned on the evaluation set
 * (`npm run eval`): it balances answering paraphrases against abstaining on unrelated questions.
 */
export const DEFAULT_THRESHOLD = 0.5;

export interface AssistantOptions {
  /** Folder of passages (default: the bundled `knowledge/`). */
  knowledgeDir?: string;
  /** Minimum coverage to answer rather than abstain (default {@link DEFAULT_THRESHOLD}). */
  threshold?: number;
  /** Conversation memory limits, for follow-up questions. */
  memory?: MemoryOptions;
  /** Today's date (for review-date checks); injectable for tests. */
  today?: () => string;
}

export interface AskOptions {
  /** Questions with the same id form one conversation: short follow-ups are read in context. */
  conversationId?: string;
}

export interface Assistant {
  /** Answers one question from the knowledge, with citations, or abstains. Never throws on input. */
  ask(question: string, options?: AskOptions): Answer;
  /** The passage behind a citation, by id. */
  passage(id: string): Passage | undefined;
  /** Every passage, in file order. */
  passages(): readonly Passage[];
  /** Forgets a conversation. */
  forget(conversationId: string): void;
  /** Curated questions matching what someone has typed so far (for autocomplete), at most `limit`. */
  suggest(typed: string, limit?: number): string[];
}

/**
 * Loads and validates the knowledge, indexes it and returns an assistant. Rejects with a
 * KnowledgeError that names every invalid file and field.
 *
 * @example
 * const assistant = await createAssistant();
 * const answer = assistant.ask('Can Americans claim asylum in Canada?');
 */
export async function createAssistant(options: AssistantOptions = {}): Promise<Assistant> {
  const knowledge = await loadKnowledge(options.knowledgeDir ?? BUNDLED_KNOWLEDGE_DIR);
  return assistantFor(knowledge, options);
}

export function assistantFor(knowledge: Knowledge, options: AssistantOptions = {}): Assistant {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const today = options.today ?? (() => new Date().toISOString().slice(0, 10));
  const byId = new Map(knowledge.passages.map((passage) => [passage.id, passage]));
  const retriever = createRetriever(knowledge.passages, knowledge.synonyms);
  const memory = new ConversationMemory(options.memory);
  const suggest = createSuggester(knowledge.passages);

  const starters = (): string[] => {
    const featured = STARTER_PASSAGE_IDS.map((id) => byId.get(id)).filter((p) => p !== undefined);
    const pool = featured.length ? featured : knowledge.passages;
    return pool.slice(0, 3).map((passage) => passage.title);
  };

  return {
    ask(question, { conversationId } = {}) {
      const previous = conversationId ? memory.get(conversationId) : undefined;
      let hits = retriever.search(question);
      let effective = question;
      if (previous) {
        const standaloneIsWeak = (hits[0]?.coverage ?? 0) < threshold;
        if (looksLikeFollowUp(question) || standaloneIsWeak) {
          const inContext = retriever.search(question, { context: previous });
          if ((inContext[0]?.coverage ?? 0) >= threshold) {
            hits = inContext;
            effective = `${previous} ${question}`.slice(-500);
          }
        }
      }

      const top = hits[0];
      const context = { passages: byId, today: today() };
      if (!top || top.coverage < threshold) {
        const suggestions = hits.length ? titles(hits, byId) : starters();
        return composeAbstention(
          question,
          suggestions.length ? suggestions : starters(),
          top?.coverage ?? 0,
          context,
        );
      }
      if (conversationId) memory.set(conversationId, effective);
      return composeAnswer(question, hits, context);
    },
    passage: (id) => byId.get(id),
    passages: () => knowledge.passages,
    forget: (conversationId) => memory.delete(conversationId),
    suggest: (typed, limit = 25) => suggest(typed, limit),
  };
}

function titles(hits: Hit[], byId: ReadonlyMap<string, Passage>): string[] {
  return hits.map((hit) => byId.get(hit.id)?.title).filter((title) => title !== undefined);
}

export { type Answer, AnswerSchema, type Citation, CitationSchema } from './answer.ts';
export {
  type AskOptions,
  type Assistant,
  type AssistantOptions,
  BUNDLED_KNOWLEDGE_DIR,
  createAssistant,
  type Turn,
} from './assistant.ts';
export { wordCount } from './compose/focus.ts';
export type { LastAnswer } from './conversation/memory.ts';
export { type SmallTalk, smallTalkOf } from './conversation/smalltalk.ts';
export { formatIssue, KnowledgeError, type KnowledgeIssue } from './errors.ts';
export { type Knowledge, loadKnowledge } from './knowledge/load.ts';
export type { Passage, Source } from './knowledge/schema.ts';
export { type KnowledgeOverview, knowledgeOverview } from './overview.ts';
export { RecentMap, type RecentOptions } from './recent-map.ts';
export { normalizeText } from './safety/clean.ts';

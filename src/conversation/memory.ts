import { RecentMap } from '../recent-map.ts';

export interface MemoryOptions {
  /** How long a conversation is remembered after its last answer (default 30 minutes). */
  ttlMs?: number;
  /** How many conversations are remembered at most; the least recent is forgotten first (default 1,000). */
  maxConversations?: number;
  now?: () => number;
}

/**
 * What a conversation remembers of its last answer, to read a follow-up against it: which
 * passages it quoted and their topic. Not the question's text: the passages' own titles give a
 * follow-up its context ("there" after an answer about Germany).
 */
export interface LastAnswer {
  /** Ids of the passages the answer quoted, best first. */
  passages: string[];
  topic: string;
  /**
   * Passages already given in full on "tell me more", so that asking again gives the next one
   * (the others the answer quoted, then the steps its lead lists as `next`), not the same text.
   */
  shownInFull?: string[];
}

/**
 * Each conversation's last answer, in memory only. Nothing is written anywhere; entries expire
 * and the oldest are dropped.
 */
export function createConversationMemory(options: MemoryOptions = {}): RecentMap<LastAnswer> {
  return new RecentMap<LastAnswer>({
    max: options.maxConversations ?? 1000,
    ttlMs: options.ttlMs ?? 30 * 60 * 1000,
    now: options.now,
  });
}

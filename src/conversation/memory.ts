import { RecentMap } from '../recent-map.ts';

export interface MemoryOptions {
  /** How long a conversation is remembered after its last question (default 30 minutes). */
  ttlMs?: number;
  /** How many conversations are remembered at most; the least recent is forgotten first (default 1,000). */
  maxConversations?: number;
  now?: () => number;
}

/**
 * The last question of each conversation, in memory only, so a short follow-up can be read in
 * its context. Nothing is written anywhere; entries expire and the oldest are dropped.
 */
export function createConversationMemory(options: MemoryOptions = {}): RecentMap<string> {
  return new RecentMap<string>({
    max: options.maxConversations ?? 1000,
    ttlMs: options.ttlMs ?? 30 * 60 * 1000,
    now: options.now,
  });
}

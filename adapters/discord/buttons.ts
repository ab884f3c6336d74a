import { randomBytes } from 'node:crypto';
import type { Vote } from '../../src/index.ts';
import { RecentMap } from '../../src/index.ts';

/** What an answer's buttons act on, kept in memory under a short key. */
export interface AnswerActions {
  conversationId: string;
  /** Passages the answer cited: what a 👍/👎 counts for. */
  passageIds: string[];
  followUps: string[];
}

export type ButtonAction =
  | { type: 'ask'; key: string; index: number }
  | { type: 'vote'; key: string; vote: Vote };

// Discord caps a custom_id at 100 characters, so ids carry a short key, not questions or ids.
const PREFIX = 'asylum';
const ID = /^asylum:(ask|vote):([\w-]{1,32}):(\d|up|down)$/;

export const followUpButtonId = (key: string, index: number): string =>
  `${PREFIX}:ask:${key}:${index}`;
export const voteButtonId = (key: string, vote: Vote): string => `${PREFIX}:vote:${key}:${vote}`;

/** Reads one of our button ids; undefined for anything else. */
export function parseButtonId(customId: string): ButtonAction | undefined {
  const match = ID.exec(customId);
  if (!match) return undefined;
  const [, type, key = '', arg = ''] = match;
  if (type === 'ask' && /^\d$/.test(arg)) return { type, key, index: Number(arg) };
  if (type === 'vote' && (arg === 'up' || arg === 'down')) return { type, key, vote: arg };
  return undefined;
}

/**
 * The actions behind recent answers' buttons. Keys are random, so a button from before a restart
 * finds nothing instead of someone else's answer.
 */
export class AnswerActionStore {
  readonly #actions: RecentMap<AnswerActions>;

  constructor(max = 5_000) {
    // A day is longer than anyone comes back to a button; a restart forgets them all anyway.
    this.#actions = new RecentMap({ max, ttlMs: 24 * 60 * 60 * 1000 });
  }

  remember(actions: AnswerActions): string {
    const key = randomBytes(8).toString('base64url');
    this.#actions.set(key, actions);
    return key;
  }

  get(key: string): AnswerActions | undefined {
    return this.#actions.get(key);
  }
}

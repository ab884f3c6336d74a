import type { Vote } from '../shared/feedback.ts';

export type ButtonAction =
  | { type: 'ask'; key: string; index: number }
  | { type: 'vote'; key: string; vote: Vote }
  | { type: 'share'; key: string }
  | { type: 'more'; key: string };

// Discord caps a custom_id at 100 characters, so ids carry the answer's short key, not questions.
const PREFIX = 'asylum';
const ID = /^asylum:(ask|vote|share|more):([\w-]{1,32})(?::(\d|up|down))?$/;

export const followUpButtonId = (key: string, index: number): string =>
  `${PREFIX}:ask:${key}:${index}`;
export const voteButtonId = (key: string, vote: Vote): string => `${PREFIX}:vote:${key}:${vote}`;
export const shareButtonId = (key: string): string => `${PREFIX}:share:${key}`;
export const moreButtonId = (key: string): string => `${PREFIX}:more:${key}`;

/** Reads one of our button ids; undefined for anything else. */
export function parseButtonId(customId: string): ButtonAction | undefined {
  const match = ID.exec(customId);
  if (!match) return undefined;
  const [, type, key = '', arg] = match;
  if (type === 'ask' && arg && /^\d$/.test(arg)) return { type, key, index: Number(arg) };
  if (type === 'vote' && (arg === 'up' || arg === 'down')) return { type, key, vote: arg };
  if (type === 'share' && arg === undefined) return { type, key };
  if (type === 'more' && arg === undefined) return { type, key };
  return undefined;
}

import type { Core } from '../../adapters/shared/conversation-service.ts';

/** A post the driver made: where it is, so its thread can be read and replied in. */
export interface Post {
  /** The platform's ids, for the driver. */
  raw: unknown;
}

export type Author = 'person' | 'other bot' | 'this bot';

export interface AutoStartOptions {
  core: Core & { suggest(typed: string, limit?: number): string[] };
  /** AUTO_ANSWER_MIN_CONFIDENCE (default: the shipped default). */
  minConfidence?: number;
  rateLimit?: { burst: number; perMinute: number };
}

/**
 * A thin driver over one surface's auto-answer places (Slack channels, Discord forums) and its
 * fake. Actions resolve once delivered; `settle()` resolves once the surface has handled every
 * event delivered before it, so that silence can be asserted without waiting on a clock.
 */
export interface AutoDriver {
  readonly name: string;
  start(options: AutoStartOptions): Promise<void>;
  /** A new top-level post (Slack: a message; Discord: a forum post titled `text`). */
  post(text: string, options?: { author?: Author; listed?: boolean }): Promise<Post>;
  /** A new post that mentions the bot: a direct question. */
  postMentioning(text: string): Promise<Post>;
  /** The platform delivers the same post again. */
  redeliver(post: Post): Promise<void>;
  /** The author edits the post. */
  edit(post: Post, text: string): Promise<void>;
  /** A reply in the post's thread, mentioning the bot or not. */
  reply(post: Post, text: string, options?: { mention?: boolean }): Promise<void>;
  settle(): Promise<void>;
  /** Everything the bot sent in the post's thread so far, as a reader sees it (JSON). */
  repliesIn(post: Post): string[];
  /** Every message the bot sent anywhere, for "nothing at all" checks. */
  everything(): string[];
  logs(): string;
  close(): Promise<void>;
}

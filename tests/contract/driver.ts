import type { Suggester } from '../../adapters/discord/handlers.ts';
import type { Core } from '../../adapters/shared/conversation-service.ts';
import type { FeedbackCounter } from '../../adapters/shared/feedback.ts';

/** What a person on a surface received, read back from the platform's fake. */
export interface Sent {
  /** Everything a reader sees, joined: text, sources, buttons' labels. */
  shown: string;
  /** Only the asker can see it. */
  private: boolean;
  /** The platform's own record of the message, for the driver. */
  raw: unknown;
}

export type ButtonKind =
  | 'followUp'
  | 'up'
  | 'down'
  | 'share'
  /** "Talk to a person" under an answer, then its confirmation's choices. */
  | 'escalate'
  | 'confirm'
  | 'confirmWithQuestion'
  /** "More": the passages behind a shortened answer. */
  | 'more';

export interface StartOptions {
  core: Core & Suggester;
  rateLimit?: { burst: number; perMinute: number };
  feedback?: FeedbackCounter;
  /** Set up a moderators' channel ("Talk to a person"). */
  escalation?: boolean;
}

/**
 * A thin driver over one surface and its fake: the contract suite speaks only to this. Every
 * action resolves with the message the surface sent in answer (waiting for it when the platform
 * acknowledges first).
 */
export interface SurfaceDriver {
  readonly name: string;
  /** What the platform allows: private answers and buttons exist in Slack and Discord only. */
  readonly supports: { privacy: boolean; buttons: boolean; rateLimit: boolean };
  start(options: StartOptions): Promise<void>;
  /** The surface's main way to ask: `/asylum` in the chat bots, a line in the terminal. */
  ask(text: string, user?: string): Promise<Sent>;
  /** A direct message (the terminal: a line). */
  direct(text: string): Promise<Sent>;
  /** A public question (a mention; the terminal: a line). */
  mention(text: string): Promise<Sent>;
  /** A reply continuing the conversation of `sent`: in its thread, as a reply to it. */
  replyTo(sent: Sent, text: string): Promise<Sent>;
  click(sent: Sent, button: ButtonKind, user?: string): Promise<Sent>;
  /** What was posted in the moderators' channel, as sent (surfaces that have one). */
  moderatorNotices?(): string[];
  /** Whether the message, as the platform would show it, can notify anyone. */
  pingsAnyone(sent: Sent): boolean;
  logs(): string;
  /** Starts an action without waiting for its answer (for the stop case). */
  askInBackground(text: string): void;
  stop(): Promise<unknown>;
  /** The next message sent, after askInBackground. */
  nextSent(): Promise<Sent>;
  close(): Promise<void>;
}

import type { types } from '@slack/bolt';
import { z } from 'zod';
import type { Answer, Citation } from '../../src/index.ts';
import {
  escapeWithin,
  link,
  markdownToMrkdwn,
  plainText,
  splitMrkdwn,
  truncate,
} from './mrkdwn.ts';

export type Block = types.SectionBlock | types.ContextBlock | types.ActionsBlock;

/** A message for chat.postMessage or a response_url: blocks, and the text Slack falls back to. */
export interface SlackMessage {
  /** Shown in notifications and read by screen readers; never empty. */
  text: string;
  blocks: Block[];
}

/** Slack's Block Kit limits (https://docs.slack.dev/reference/block-kit). */
export const LIMITS = {
  blocks: 50,
  sectionText: 3000,
  contextElements: 10,
  buttonText: 75,
  buttonValue: 2000,
} as const;

export const ACTION = {
  followUp: (i: number) => `asylum_follow_up_${i}`,
  followUpPattern: /^asylum_follow_up_\d+$/,
  feedbackUp: 'asylum_feedback_up',
  feedbackDown: 'asylum_feedback_down',
  share: 'asylum_share',
} as const;

export const SLASH_COMMAND = '/asylum';

const EXAMPLES = [
  'Can Americans claim asylum in Canada?',
  'Does the Safe Third Country Agreement apply to US citizens?',
  'Can I work while my refugee claim is pending?',
];

/** Bodies longer than this many sections are shortened (a real answer needs one or two). */
const MAX_BODY_SECTIONS = 40;
/** Sources shown; a longer list ends with "and N more". */
const MAX_SOURCE_ELEMENTS = 2 * LIMITS.contextElements;
const SHORTENED = '_(Shortened: the whole answer does not fit in one Slack message.)_';
const FALLBACK_TEXT = 'An answer to your question about asylum.';

/** `verbatim` stops Slack from turning bare names, channels and URLs into live links or mentions. */
function mrkdwn(text: string): types.MrkdwnElement {
  return { type: 'mrkdwn', text, verbatim: true };
}

function section(text: string): types.SectionBlock {
  return { type: 'section', text: mrkdwn(text) };
}

function button(actionId: string, label: string, value: string): types.Button {
  return {
    type: 'button',
    action_id: actionId,
    text: { type: 'plain_text', text: truncate(plainText(label), LIMITS.buttonText), emoji: true },
    value,
  };
}

/** Button values come back to us verbatim; entities keep mention syntax out of the message. */
export function encodeValue(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function decodeValue(value: string): string {
  return value.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

const PassageIdsSchema = z.array(z.string()).max(100);

/** The passage ids a 👍/👎 applies to, as many as fit in a button value. */
function feedbackValue(citations: readonly Citation[]): string {
  const ids: string[] = [];
  for (const id of new Set(citations.flatMap((c) => c.passages))) {
    if (encodeValue(JSON.stringify([...ids, id])).length > LIMITS.buttonValue) break;
    ids.push(id);
  }
  return encodeValue(JSON.stringify(ids));
}

/** The passage ids from a feedback button's value; empty when the value is not ours. */
export function passageIdsFrom(value: string | undefined): string[] {
  try {
    const parsed = PassageIdsSchema.safeParse(JSON.parse(decodeValue(value ?? '')));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

/** One source: at most 1,500 + 600 + 400 + 100 characters and a few more, within the 3,000. */
function citationLine(c: Citation): string {
  const label = escapeWithin(`[${c.n}] ${c.title}`, 600);
  const date = c.published ? escapeWithin(c.published, 100) : 'undated';
  const stale = c.outdated ? ' · ⚠️ _may be out of date_' : '';
  return `${link(c.url, label)} · ${escapeWithin(c.publisher, 400)}, ${date}${stale}`;
}

function sourceBlocks(citations: readonly Citation[]): types.ContextBlock[] {
  if (!citations.length) return [];
  let elements = ['*Sources*', ...citations.map(citationLine)];
  if (elements.length > MAX_SOURCE_ELEMENTS) {
    const shown = elements.slice(0, MAX_SOURCE_ELEMENTS - 1);
    elements = [...shown, `…and ${elements.length - shown.length} more`];
  }
  const blocks: types.ContextBlock[] = [];
  for (let i = 0; i < elements.length; i += LIMITS.contextElements) {
    const chunk = elements.slice(i, i + LIMITS.contextElements);
    blocks.push({ type: 'context', elements: chunk.map(mrkdwn) });
  }
  return blocks;
}

function bodyBlocks(answer: Answer): types.SectionBlock[] {
  const body = [answer.notices.join(' '), answer.text].filter((part) => part.trim()).join('\n\n');
  const pieces = splitMrkdwn(markdownToMrkdwn(body), LIMITS.sectionText);
  if (pieces.length > MAX_BODY_SECTIONS) {
    pieces.length = MAX_BODY_SECTIONS;
    const last = pieces.pop() ?? '';
    const room = LIMITS.sectionText - SHORTENED.length - 2;
    pieces.push(`${splitMrkdwn(last, room)[0] ?? ''}\n\n${SHORTENED}`);
  }
  return pieces.map(section);
}

function fallbackText(answer: Answer): string {
  const plain = [...answer.notices, answer.text].join(' ').replace(/\s+/g, ' ');
  return escapeWithin(plain, LIMITS.sectionText).trim() || FALLBACK_TEXT;
}

export interface RenderOptions {
  /**
   * Restate the question: for messages whose question the reader cannot see, such as a shared
   * answer or the answer to a clicked follow-up.
   */
  restate?: boolean;
  /** Offer "Share in channel" for a private answer; the key finds the answer again. */
  shareKey?: string;
}

/**
 * An Answer as a Slack message: the (restated) question, the text in sections of at most 3,000
 * characters, the numbered sources with publisher and date, the disclaimer, up to three follow-up
 * buttons, 👍/👎 when there are sources to rate, and "Share in channel" for private answers.
 * Every kind of answer is laid out the same way. All answer and user text is escaped.
 */
export function renderAnswer(answer: Answer, options: RenderOptions = {}): SlackMessage {
  const blocks: Block[] = [];
  const question = escapeWithin(answer.question.replace(/\s+/g, ' '), 1000).trim();
  if (options.restate && question) blocks.push(section(`*Question:* ${question}`));
  blocks.push(...bodyBlocks(answer), ...sourceBlocks(answer.citations));
  const disclaimer = escapeWithin(answer.disclaimer, LIMITS.sectionText).trim();
  if (disclaimer) blocks.push({ type: 'context', elements: [mrkdwn(disclaimer)] });

  const followUps = answer.followUps
    .map((q) => q.replace(/\s+/g, ' ').trim())
    .filter((q) => plainText(q).trim())
    .slice(0, 3);
  if (followUps.length) {
    blocks.push({ type: 'context', elements: [mrkdwn('You could also ask:')] });
    blocks.push({
      type: 'actions',
      block_id: 'asylum_follow_ups',
      elements: followUps.map((q, i) =>
        button(ACTION.followUp(i), q, encodeValue(truncate(q, 400))),
      ),
    });
  }

  const actions: types.Button[] = [];
  if (answer.citations.length) {
    const ids = feedbackValue(answer.citations);
    actions.push(button(ACTION.feedbackUp, '👍 Helpful', ids));
    actions.push(button(ACTION.feedbackDown, '👎 Not helpful', ids));
  }
  if (options.shareKey) {
    actions.push({
      ...button(ACTION.share, 'Share in channel', encodeValue(options.shareKey)),
      style: 'primary',
    });
  }
  if (actions.length)
    blocks.push({ type: 'actions', block_id: 'asylum_actions', elements: actions });

  return { text: fallbackText(answer), blocks };
}

/** A short message in the bot's own voice (help, apology, "slow down"): one section. */
export function renderNotice(text: string): SlackMessage {
  return { text, blocks: [section(text)] };
}

/** What `/asylum` with no question, or a mention with no question, replies. */
export function renderHelp(): SlackMessage {
  const examples = EXAMPLES.map((q) => `• \`${SLASH_COMMAND} ${q}\``).join('\n');
  const text = [
    'Ask me about seeking asylum or refuge abroad as an American. I answer from curated sources and cite every sentence.',
    `For example:\n${examples}`,
    `You can also mention me in a channel (I answer in a thread) or send me a direct message. Answers to \`${SLASH_COMMAND}\` are private until you share them.`,
    '_This is general legal information, not legal advice._',
  ].join('\n\n');
  return renderNotice(text);
}

import type { types } from '@slack/bolt';
import type { AnswerView, PassagesView, SourceView } from '../shared/answer-view.ts';
import type { Reply } from '../shared/conversation-service.ts';
import { WORDING } from '../shared/wording.ts';
import {
  escapeMrkdwn,
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
} as const;

export const ACTION = {
  followUp: (i: number) => `asylum_follow_up_${i}`,
  followUpPattern: /^asylum_follow_up_(\d)$/,
  feedbackUp: 'asylum_feedback_up',
  feedbackDown: 'asylum_feedback_down',
  share: 'asylum_share',
  more: 'asylum_more',
} as const;

export const SLASH_COMMAND = '/asylum';

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

export function section(text: string): types.SectionBlock {
  return { type: 'section', text: mrkdwn(text) };
}

export function button(actionId: string, label: string, value: string): types.Button {
  return {
    type: 'button',
    action_id: actionId,
    text: { type: 'plain_text', text: truncate(plainText(label), LIMITS.buttonText), emoji: true },
    value,
  };
}

/** One source: at most 1,500 + 600 + 400 + 100 characters and a few more, within the 3,000. */
function citationLine(c: SourceView): string {
  const label = escapeWithin(`[${c.n}] ${c.title}`, 600);
  const date = escapeWithin(c.date, 100);
  const stale = c.outdated ? ` · ⚠️ _${WORDING.outdated}_` : '';
  return `${link(c.url, label)} · ${escapeWithin(c.publisher, 400)}, ${date}${stale}`;
}

function sourceBlocks(citations: readonly SourceView[]): types.ContextBlock[] {
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

function bodyBlocks(answer: AnswerView): types.SectionBlock[] {
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

function fallbackText(answer: AnswerView): string {
  const plain = [...answer.notices, answer.text].join(' ').replace(/\s+/g, ' ');
  return escapeWithin(plain, LIMITS.sectionText).trim() || FALLBACK_TEXT;
}

export interface RenderOptions {
  /**
   * Restate the question: for messages whose question the reader cannot see, such as a shared
   * answer or the answer to a clicked follow-up.
   */
  restate?: boolean;
  /** The answer's key: every button carries it, and the service finds the answer by it. */
  key?: string;
  /** A private answer: offer "Share in channel". */
  shareable?: boolean;
}

/**
 * An answer as a Slack message: the (restated) question, the text in sections of at most 3,000
 * characters, the numbered sources with publisher and date, the disclaimer, up to three follow-up
 * buttons, 👍/👎 when there are sources to rate, and "Share in channel" for private answers.
 * All answer and user text is escaped.
 */
export function renderAnswer(answer: AnswerView, options: RenderOptions = {}): SlackMessage {
  const blocks: Block[] = [];
  const key = options.key ?? '';
  const question = escapeWithin(answer.question, 1000).trim();
  if (options.restate && question) blocks.push(section(`*${WORDING.questionLabel}:* ${question}`));
  blocks.push(...bodyBlocks(answer), ...sourceBlocks(answer.sources));
  const disclaimer = escapeWithin(answer.disclaimer, LIMITS.sectionText).trim();
  if (disclaimer) blocks.push({ type: 'context', elements: [mrkdwn(disclaimer)] });

  // The index in the view is what the service finds the question by: keep it through the filter.
  const followUps = answer.followUps
    .map((question, index) => ({ question, index }))
    .filter(({ question }) => plainText(question).trim());
  if (followUps.length) {
    blocks.push({ type: 'context', elements: [mrkdwn(`${answer.followUpsHeading}:`)] });
    blocks.push({
      type: 'actions',
      block_id: 'asylum_follow_ups',
      elements: followUps.map(({ question, index }) =>
        button(ACTION.followUp(index), question, key),
      ),
    });
  }

  const actions: types.Button[] = [];
  if (answer.votable) {
    actions.push(button(ACTION.feedbackUp, `👍 ${WORDING.helpful}`, key));
    actions.push(button(ACTION.feedbackDown, `👎 ${WORDING.notHelpful}`, key));
  }
  if (options.shareable) {
    actions.push({ ...button(ACTION.share, WORDING.share, key), style: 'primary' });
  }
  actions.push(...moreButton(answer, key));
  if (actions.length)
    blocks.push({ type: 'actions', block_id: 'asylum_actions', elements: actions });

  return { text: fallbackText(answer), blocks };
}

/** "More" under a shortened answer: its passages in full, shown to the clicker alone. */
function moreButton(answer: AnswerView, key: string): types.Button[] {
  return answer.truncated ? [button(ACTION.more, WORDING.more, key)] : [];
}

/**
 * The passages behind an answer in full ("More"): each one's title, body in sections of at most
 * 3,000 characters, and sources, within Slack's 50 blocks. A passage that does not fit is cut,
 * with a note of where it continues (its source).
 */
export function renderPassages(view: PassagesView): SlackMessage {
  const blocks: Block[] = [section(escapeWithin(view.heading, LIMITS.sectionText))];
  // Room kept for the note that says where a cut passage continues.
  const budget = LIMITS.blocks - 1;
  for (const passage of view.passages) {
    const title = section(`*${escapeWithin(passage.title, 1000)}*`);
    const body = splitMrkdwn(markdownToMrkdwn(passage.body), LIMITS.sectionText).map(section);
    const sources = sourceBlocks(passage.sources);
    const whole = [title, ...body, ...sources];
    if (blocks.length + whole.length <= budget) {
      blocks.push(...whole);
      continue;
    }
    const room = LIMITS.blocks - 1 - blocks.length;
    if (room > 0) blocks.push(title, ...body.slice(0, room - 1));
    const where = link(passage.continuesAt, escapeMrkdwn(passage.continuesAt));
    blocks.push({ type: 'context', elements: [mrkdwn(`_…${WORDING.continuesAt(where)}_`)] });
    break;
  }
  return { text: escapeWithin(view.heading, LIMITS.sectionText), blocks };
}

/** A short message in the bot's own voice (help, apology, "slow down"): one section. */
export function renderNotice(text: string): SlackMessage {
  return { text, blocks: [section(text)] };
}

/** Whatever the conversation service asks to send. */
export function renderReply(reply: Reply): SlackMessage {
  if (reply.type === 'notice') return renderNotice(reply.text);
  if (reply.type === 'passages') return renderPassages(reply.view);
  return renderAnswer(reply.view, {
    restate: reply.restate,
    key: reply.key,
    shareable: reply.shareable,
  });
}

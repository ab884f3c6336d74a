import {
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIEmbed,
  type APIEmbedField,
  ButtonStyle,
  ComponentType,
  type MessageMentionOptions,
} from 'discord.js';
import type { AnswerView, PassagesView, SourceView } from '../shared/answer-view.ts';
import type { Reply } from '../shared/conversation-service.ts';
import type { Vote } from '../shared/feedback.ts';
import { WORDING } from '../shared/wording.ts';
import { followUpButtonId, moreButtonId, shareButtonId, voteButtonId } from './buttons.ts';

/** What Discord accepts in one message; over any of these the whole message is rejected. */
export const LIMITS = {
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  /** Title, description, field names and values and footers of all the embeds of one message. */
  embedTotal: 6000,
  embedsPerMessage: 10,
  content: 2000,
  actionRows: 5,
  buttonsPerRow: 5,
  buttonLabel: 80,
  customId: 100,
  choices: 25,
  choiceName: 100,
} as const;

const COLOR = 0x2f6fb0;
// Below this much room left in a message, more answer text starts a new message instead.
const MIN_CHUNK = 500;

export type ButtonRow = APIActionRowComponent<APIButtonComponentWithCustomId>;

/** One Discord message, in the shape discord.js sends (allowedMentions is turned into allowed_mentions). */
export interface DiscordMessage {
  content?: string;
  embeds: APIEmbed[];
  components: ButtonRow[];
  allowedMentions: MessageMentionOptions;
}

/** Custom ids for an answer's buttons; the bot decides what they point to. */
export interface AnswerButtonIds {
  followUp(index: number): string;
  vote(vote: Vote): string;
  /** Present on a private answer: "Share in channel". */
  share?(): string;
  /** "More": the passages of a shortened answer in full. */
  more?(): string;
}

/** The buttons of the answer stored under `key`. */
export function buttonIdsFor(key: string, shareable: boolean): AnswerButtonIds {
  return {
    followUp: (index) => followUpButtonId(key, index),
    vote: (vote) => voteButtonId(key, vote),
    ...(shareable ? { share: () => shareButtonId(key) } : {}),
    more: () => moreButtonId(key),
  };
}

/**
 * Nothing the bot sends may notify anyone: not @everyone or @here, not a role, not a user, not
 * even the person it replies to. A fresh object each time, as discord.js edits what it is given.
 */
export function noMentions(): MessageMentionOptions {
  return { parse: [], repliedUser: false };
}

/** A short message in the bot's own voice (an apology, "slow down"). */
export function renderNotice(text: string): DiscordMessage {
  return {
    content: truncate(text, LIMITS.content),
    embeds: [],
    components: [],
    allowedMentions: noMentions(),
  };
}

/**
 * An answer as one or more messages: the question as the title, notices and cited text as the
 * description, one field per source, the disclaimer in the footer; buttons for follow-up questions
 * and feedback on the last message. Long answers continue in further embeds and messages, so
 * every message stays within Discord's limits.
 */
export function renderAnswer(answer: AnswerView, buttons?: AnswerButtonIds): DiscordMessage[] {
  const packer = new EmbedPacker();
  packer.title(truncate(answer.question, LIMITS.title));
  packer.description([...answer.notices, answer.text].filter((s) => s.trim()).join('\n\n'));
  for (const source of answer.sources) packer.field(sourceField(source));
  packer.footer(truncate(answer.disclaimer, LIMITS.footer));

  const messages = packer
    .messages()
    .map((embeds): DiscordMessage => ({ embeds, components: [], allowedMentions: noMentions() }));
  const last = messages.at(-1);
  if (last && buttons) last.components = buttonRows(answer, buttons);
  return messages;
}

/** Whatever the conversation service asks to send. */
export function renderReply(reply: Reply): DiscordMessage[] {
  if (reply.type === 'notice') return [renderNotice(reply.text)];
  if (reply.type === 'passages') return renderPassages(reply.view);
  return renderAnswer(reply.view, buttonIdsFor(reply.key, reply.shareable));
}

/**
 * The passages behind an answer in full ("More"): one embed per passage, its title, body as the
 * description and sources as fields. A body longer than one description is cut, with a note of
 * where it continues (its source); more passages than fit go on in further messages.
 */
export function renderPassages(view: PassagesView): DiscordMessage[] {
  const packer = new EmbedPacker();
  for (const passage of view.passages) {
    packer.title(truncate(passage.title, LIMITS.title));
    packer.description(cutWithNote(passage.body, WORDING.continuesAt(passage.continuesAt)));
    for (const source of passage.sources) packer.field(sourceField(source));
  }
  return packer.messages().map((embeds, i) => ({
    ...(i === 0 ? { content: truncate(view.heading, LIMITS.content) } : {}),
    embeds,
    components: [],
    allowedMentions: noMentions(),
  }));
}

/** Text within one embed description, or cut with "… <note>" when it is longer. */
function cutWithNote(text: string, note: string): string {
  if (text.length <= LIMITS.description) return text;
  const ending = `… (${note})`;
  return `${text.slice(0, breakPoint(text, LIMITS.description - ending.length)).trimEnd()}${ending}`;
}

function sourceField(source: SourceView): APIEmbedField {
  const details = [source.publisher, source.date];
  if (source.outdated) details.push(`⚠️ ${WORDING.outdated}`);
  return {
    name: truncate(`[${source.n}] ${source.title}`, LIMITS.fieldName),
    value: truncate(`${details.filter(Boolean).join(' · ')}\n${source.url}`, LIMITS.fieldValue),
  };
}

function buttonRows(answer: AnswerView, ids: AnswerButtonIds): ButtonRow[] {
  const rows: ButtonRow[] = [];
  const followUps = answer.followUps
    .map((question, index) => ({ label: truncate(question, LIMITS.buttonLabel), index }))
    .filter(({ label }) => label);
  if (followUps.length) {
    rows.push({
      type: ComponentType.ActionRow,
      components: followUps.map(({ label, index }) => ({
        type: ComponentType.Button,
        style: ButtonStyle.Secondary,
        label,
        custom_id: ids.followUp(index),
      })),
    });
  }
  const actions: APIButtonComponentWithCustomId[] = [];
  if (answer.votable) {
    const vote = (v: Vote, emoji: string, label: string): APIButtonComponentWithCustomId => ({
      type: ComponentType.Button,
      style: ButtonStyle.Secondary,
      emoji: { name: emoji },
      label,
      custom_id: ids.vote(v),
    });
    actions.push(vote('up', '👍', WORDING.helpful), vote('down', '👎', WORDING.notHelpful));
  }
  if (ids.share) {
    actions.push({
      type: ComponentType.Button,
      style: ButtonStyle.Primary,
      label: WORDING.share,
      custom_id: ids.share(),
    });
  }
  actions.push(...moreButton(answer, ids));
  if (actions.length) rows.push({ type: ComponentType.ActionRow, components: actions });
  return rows;
}

/** "More" under a shortened answer: its passages in full, shown to the clicker alone. */
function moreButton(answer: AnswerView, ids: AnswerButtonIds): APIButtonComponentWithCustomId[] {
  if (!answer.truncated || !ids.more) return [];
  return [
    {
      type: ComponentType.Button,
      style: ButtonStyle.Secondary,
      label: WORDING.more,
      custom_id: ids.more(),
    },
  ];
}

/**
 * Fills embeds in order and starts a new embed or message whenever the next piece would break a
 * limit: 4,096 per description, 25 fields per embed, 10 embeds and 6,000 characters per message.
 */
class EmbedPacker {
  readonly #messages: APIEmbed[][] = [[]];
  #embed: APIEmbed | undefined;
  #used = 0;

  title(text: string): void {
    if (!text) return;
    this.#fresh().title = text;
    this.#used += text.length;
  }

  description(text: string): void {
    let rest = text.trim();
    while (rest) {
      if (this.#embed?.description !== undefined || this.#embed?.fields) this.#embed = undefined;
      if (this.#room() < Math.min(MIN_CHUNK, rest.length)) this.#newMessage();
      const max = Math.min(LIMITS.description, this.#room());
      const cut = breakPoint(rest, max);
      const chunk = rest.slice(0, cut).trimEnd();
      rest = rest.slice(cut).trimStart();
      if (!chunk) continue;
      const embed = this.#embed ?? this.#fresh();
      embed.description = chunk;
      this.#used += chunk.length;
    }
  }

  field(field: APIEmbedField): void {
    const size = field.name.length + field.value.length;
    if ((this.#embed?.fields?.length ?? 0) >= LIMITS.fields) this.#embed = undefined;
    if (this.#room() < size) this.#newMessage();
    const embed = this.#embed ?? this.#fresh();
    embed.fields ??= [];
    embed.fields.push(field);
    this.#used += size;
  }

  footer(text: string): void {
    if (!text) return;
    if (this.#room() < text.length) this.#newMessage();
    (this.#embed ?? this.#fresh()).footer = { text };
    this.#used += text.length;
  }

  messages(): APIEmbed[][] {
    const messages = this.#messages.filter((embeds) => embeds.length);
    // Discord rejects a message with nothing in it; only an answer of blank strings gets here.
    return messages.length ? messages : [[{ color: COLOR, description: '…' }]];
  }

  #room(): number {
    return LIMITS.embedTotal - this.#used;
  }

  #fresh(): APIEmbed {
    const current = this.#messages.at(-1);
    if (!current || current.length >= LIMITS.embedsPerMessage) this.#newMessage();
    const embed: APIEmbed = { color: COLOR };
    this.#messages.at(-1)?.push(embed);
    this.#embed = embed;
    return embed;
  }

  #newMessage(): void {
    this.#messages.push([]);
    this.#embed = undefined;
    this.#used = 0;
  }
}

/** Cuts `text` to at most `max` characters, ending with … when it had to cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, safeCut(text, max - 1)).trimEnd()}…`;
}

/**
 * Where to end a chunk of at most `max` characters: at a paragraph, sentence or word break in its
 * second half when there is one, so continued text reads naturally.
 */
function breakPoint(text: string, max: number): number {
  if (text.length <= max) return text.length;
  const head = text.slice(0, max);
  const floor = Math.floor(max / 2);
  const paragraph = head.lastIndexOf('\n\n');
  if (paragraph >= floor) return paragraph;
  const sentence = Math.max(...[...head.matchAll(/[.!?…]\s/g)].map((m) => m.index + 1), -1);
  if (sentence >= floor) return sentence;
  const space = head.search(/\s\S*$/);
  if (space >= floor) return space;
  return safeCut(text, max);
}

/** `max`, or one less so as not to split an emoji or other character outside the BMP in two. */
function safeCut(text: string, max: number): number {
  const code = text.charCodeAt(max - 1);
  return code >= 0xd800 && code <= 0xdbff && max > 1 ? max - 1 : max;
}

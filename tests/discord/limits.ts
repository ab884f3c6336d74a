import { type Client, MessagePayload } from 'discord.js';
import type { DiscordMessage } from '../../adapters/discord/render.ts';

/**
 * Discord's limits, written out here independently of the adapter's own constants, so a wrong
 * constant in the adapter cannot make its tests pass.
 */
const MAX = {
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  total: 6000,
  embeds: 10,
  content: 2000,
  rows: 5,
  buttons: 5,
  label: 80,
  customId: 100,
};

interface WireEmbed {
  title?: string;
  description?: string;
  footer?: { text?: string };
  fields?: { name: string; value: string }[];
}
interface WireRow {
  type: number;
  components: { label?: string; emoji?: unknown; custom_id: string }[];
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Every rule a message body (as sent to Discord's API) breaks; empty when Discord would accept it
 * and it cannot ping anyone.
 */
// biome-ignore lint/suspicious/noExplicitAny: a JSON message body as sent on the wire
export function problemsOf(body: any): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, problem: string) => {
    if (!ok) problems.push(problem);
  };
  const text = (value: unknown, max: number, what: string, required = false) => {
    if (value === undefined && !required) return 0;
    const s = String(value ?? '');
    check(s.length <= max, `${what} is ${s.length} > ${max} characters`);
    check(!required || s.trim().length > 0, `${what} is blank`);
    check(!LONE_SURROGATE.test(s), `${what} splits a character in two`);
    return s.length;
  };

  const mentions = body.allowed_mentions;
  check(
    Array.isArray(mentions?.parse) && mentions.parse.length === 0,
    `allowed_mentions.parse is ${JSON.stringify(mentions?.parse)}, not []`,
  );
  check(!mentions?.users?.length && !mentions?.roles?.length, 'allowed_mentions lists someone');
  check(!mentions?.replied_user, 'allowed_mentions pings the replied user');

  const embeds: WireEmbed[] = body.embeds ?? [];
  text(body.content, MAX.content, 'content');
  check(Boolean(body.content?.trim()) || embeds.length > 0, 'message is empty');
  check(embeds.length <= MAX.embeds, `${embeds.length} embeds > ${MAX.embeds}`);
  let total = 0;
  embeds.forEach((embed, i) => {
    total += text(embed.title, MAX.title, `embed ${i} title`);
    total += text(embed.description, MAX.description, `embed ${i} description`);
    total += text(embed.footer?.text, MAX.footer, `embed ${i} footer`);
    const fields = embed.fields ?? [];
    check(fields.length <= MAX.fields, `embed ${i} has ${fields.length} fields > ${MAX.fields}`);
    fields.forEach((field, j) => {
      total += text(field.name, MAX.fieldName, `embed ${i} field ${j} name`, true);
      total += text(field.value, MAX.fieldValue, `embed ${i} field ${j} value`, true);
    });
    check(
      Boolean(embed.title || embed.description || embed.footer || fields.length),
      `embed ${i} is empty`,
    );
  });
  check(total <= MAX.total, `embeds total ${total} > ${MAX.total} characters`);

  const rows: WireRow[] = body.components ?? [];
  check(rows.length <= MAX.rows, `${rows.length} action rows > ${MAX.rows}`);
  const ids = new Set<string>();
  rows.forEach((row, i) => {
    check(row.type === 1, `row ${i} is not an action row`);
    check(row.components.length <= MAX.buttons, `row ${i} has ${row.components.length} buttons`);
    for (const button of row.components) {
      text(button.label, MAX.label, `row ${i} button label`, !button.emoji);
      text(button.custom_id, MAX.customId, `row ${i} button custom_id`, true);
      check(!ids.has(button.custom_id), `custom_id ${button.custom_id} is used twice`);
      ids.add(button.custom_id);
    }
  });
  return problems;
}

/**
 * The body discord.js would send for a rendered message (camelCase options → API JSON), using a
 * client that never logs in.
 */
export function wireBody(client: Client, message: DiscordMessage): Record<string, unknown> {
  // A bare target with a client makes discord.js treat it as a channel, which is enough here.
  const target = { client } as unknown as ConstructorParameters<typeof MessagePayload>[0];
  return new MessagePayload(target, message).resolveBody().body as Record<string, unknown>;
}

import { normalizeText } from '../../src/index.ts';

/**
 * Discord markup that can notify people or points at a server's users, roles and channels:
 * `<@id>`, `<@!id>`, `<@&id>`, `<#id>`, @everyone and @here. None of it means anything to the
 * knowledge base, and none of it may be echoed back where it could ping someone.
 */
const MENTION = /<@[!&]?\d+>|<#\d+>|@everyone|@here/gi;

/**
 * The question as the core should see it: no mentions, no control characters, single spaces.
 * The text is normalized first, as the core normalizes it, so `＠everyone` or `@every\u200Bone`
 * cannot slip past the filter and become `@everyone` in the core's echo. Mentions become spaces
 * so that removing one cannot join its neighbours into a new one.
 */
export function cleanQuestion(raw: string): string {
  let text = normalizeText(raw);
  for (let previous = ''; previous !== text; ) {
    previous = text;
    text = text.replace(MENTION, ' ');
  }
  return text.replace(/\s+/g, ' ').trim();
}

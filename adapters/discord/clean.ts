/**
 * Discord markup that can notify people or points at a server's users, roles and channels:
 * `<@id>`, `<@!id>`, `<@&id>`, `<#id>`, @everyone and @here. None of it means anything to the
 * knowledge base, and none of it may be echoed back where it could ping someone.
 */
const MENTION = /<@[!&]?\d+>|<#\d+>|@everyone|@here/gi;
// C0/C1 control characters, including newlines: a question is one line.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/g;

/**
 * The question as the core should see it: no mentions, no control characters, single spaces.
 * Mentions become spaces so that removing one cannot join its neighbours into a new one.
 */
export function cleanQuestion(raw: string): string {
  let text = raw.replace(CONTROL, ' ');
  for (let previous = ''; previous !== text; ) {
    previous = text;
    text = text.replace(MENTION, ' ');
  }
  return text.replace(/\s+/g, ' ').trim();
}

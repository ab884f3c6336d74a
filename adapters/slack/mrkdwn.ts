// C0 control characters other than tab and newline, and DEL: invisible, and some break clients.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F]/g;
// Plain "@here" is inert in Block Kit with `verbatim: true`, but a word joiner keeps it inert
// wherever Slack might still parse it (notification text, a future default).
const BROADCAST = /@(?=(?:here|channel|everyone)\b)/gi;

/**
 * Makes any text (a passage, a title, a question) safe inside Slack mrkdwn: `&`, `<` and `>` as
 * entities, so nothing can become `<!channel>`, `<@U…>` or a link; no control characters.
 */
export function escapeMrkdwn(text: string): string {
  return text
    .replace(CONTROL, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(BROADCAST, '@\u2060');
}

/**
 * Text for `plain_text` objects (button labels), which Slack shows literally: entities would show
 * as `&lt;`, so angle brackets become look-alike quotes instead.
 */
export function plainText(text: string): string {
  return text
    .replace(CONTROL, '')
    .replace(/</g, '\u2039')
    .replace(/>/g, '\u203A')
    .replace(BROADCAST, '@\u2060');
}

/** Cuts text to at most `max` UTF-16 units without splitting a character, ending in "…". */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = '';
  for (const char of text) {
    if (cut.length + char.length > max - 1) break;
    cut += char;
  }
  return `${cut.trimEnd()}…`;
}

/** Entities and whole characters: the units escaped text can be cut between. */
const ESCAPED_UNIT = /&(?:amp|lt|gt);|[\s\S]/gu;

/** Escaped text of at most `max` characters, cut (with "…") between characters and entities. */
export function escapeWithin(text: string, max: number): string {
  const escaped = escapeMrkdwn(text);
  if (escaped.length <= max) return escaped;
  let cut = '';
  for (const [unit] of escaped.matchAll(ESCAPED_UNIT)) {
    if (cut.length + unit.length > max - 1) break;
    cut += unit;
  }
  return `${cut.trimEnd()}…`;
}

/** Longer URLs are shown without a link rather than crowd out the rest of a source line. */
const MAX_URL = 1500;

/**
 * A link in mrkdwn, `<url|label>` (the label already escaped), for http(s) URLs only; anything
 * else shows the label alone. The URL is percent-encoded where mrkdwn would misread it, and `&`
 * becomes `&amp;` as Slack expects.
 */
export function link(url: string, escapedLabel: string): string {
  const label = escapedLabel.replace(/\|/g, '\u2223');
  if (!/^https?:\/\/\S+$/i.test(url)) return label;
  const safeUrl = url.replace(/[<>|"]/g, (char) => encodeURIComponent(char)).replace(/&/g, '&amp;');
  return safeUrl.length > MAX_URL ? label : `<${safeUrl}|${label}>`;
}

/**
 * Answer Markdown as Slack mrkdwn. The text is plain prose with `[n]` markers, so only the few
 * Markdown forms a passage might carry are converted: `**bold**`, `[label](https://…)`, headings
 * and `-` bullets. Everything is escaped first.
 */
export function markdownToMrkdwn(markdown: string): string {
  return escapeMrkdwn(markdown)
    .replace(/\*\*(?=\S)([^*\n]+?)\*\*/g, '*$1*')
    .replace(
      /\[([^\]\n]+)\]\((https?:\/\/[^\s()]+)\)/g,
      (_, label: string, url: string) =>
        // Both parts are escaped already: undo the escaping of the URL only, for link().
        `<${url.replace(/[|"]/g, (char) => encodeURIComponent(char))}|${label.replace(/\|/g, '\u2223')}>`,
    )
    .replace(/^#{1,6}[ \t]+(.+)$/gm, '*$1*')
    .replace(/^[ \t]*[-*][ \t]+/gm, '• ');
}

/**
 * The pieces of mrkdwn that must not be cut: links, entities, whole characters. Anything else can
 * be split between two blocks.
 */
const ATOM = /<[^<>]*>|&(?:amp|lt|gt);|[\s\S]/gu;

function splitAtoms(text: string, max: number): string[] {
  const pieces: string[] = [];
  let current = '';
  for (const match of text.matchAll(ATOM)) {
    let atom = match[0];
    // A link too long for any block falls back to its label (escaped text, safe to cut).
    if (atom.length > max) atom = atom.slice(1, -1).split('|').slice(1).join('|') || '…';
    if (current.length + atom.length > max) {
      if (current) pieces.push(current);
      current = '';
    }
    current += atom.length > max ? truncate(atom, max) : atom;
  }
  if (current) pieces.push(current);
  return pieces;
}

/** Words (with their following spaces) that fit in `max`; longer words are cut. */
function splitWords(paragraph: string, max: number): string[] {
  const pieces: string[] = [];
  let current = '';
  for (const word of paragraph.match(/(?:<[^<>]*>|\S)+\s*|\s+/g) ?? []) {
    if (current.length + word.trimEnd().length > max) {
      if (current.trim()) pieces.push(current.trimEnd());
      current = '';
    }
    if (word.trimEnd().length > max) {
      const parts = splitAtoms(word.trimEnd(), max);
      pieces.push(...parts.slice(0, -1));
      current = `${parts.at(-1) ?? ''} `;
    } else {
      current += word;
    }
  }
  if (current.trim()) pieces.push(current.trimEnd());
  return pieces;
}

/**
 * Splits mrkdwn into pieces of at most `max` characters for section blocks, at paragraph breaks
 * when it can, then between words, and never inside a link, an entity or a character.
 */
export function splitMrkdwn(mrkdwn: string, max: number): string[] {
  const pieces: string[] = [];
  let current = '';
  for (const paragraph of mrkdwn.split(/\n{2,}/)) {
    const trimmed = paragraph.trim();
    if (!trimmed) continue;
    const joined = current ? `${current}\n\n${trimmed}` : trimmed;
    if (joined.length <= max) {
      current = joined;
      continue;
    }
    if (current) pieces.push(current);
    current = '';
    if (trimmed.length <= max) {
      current = trimmed;
      continue;
    }
    const parts = splitWords(trimmed, max);
    pieces.push(...parts.slice(0, -1));
    current = parts.at(-1) ?? '';
  }
  if (current) pieces.push(current);
  return pieces.filter((piece) => piece.trim());
}

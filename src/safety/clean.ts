/** Longer questions are not answered: nobody types one, and it keeps each answer fast. */
export const MAX_QUESTION_CHARS = 1000;
/** Safety checks read this much of an over-long message, so a plea for help is never cut off. */
const MAX_SCANNED_CHARS = 20_000;

// Zero-width and direction-control characters: invisible, and used to hide words from filters.
const INVISIBLE = /[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g;
// Control characters (C0 and C1, tabs and newlines included): they become plain spaces.
const CONTROL = /\p{Cc}/gu;
// Half of a surrogate pair with no other half: not a character, and strict UTF-8 rejects it.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// Markdown links and images, `[label](destination "title")` and `![alt](…)`, and reference
// links `[label][ref]`: the label stays, the destination goes (it may be `javascript:`).
// The destination allows one level of balanced parentheses, as CommonMark does in practice;
// every part is bounded or unambiguous, so matching stays linear.
const INLINE_LINK =
  /!?\[([^[\]]{0,1000})\]\(\s{0,20}(?:<[^<>]{0,2000}>|[^\s()]{0,2000}(?:\([^\s()]{0,2000}\)[^\s()]{0,2000}){0,20})(?:\s{1,20}(?:"[^"]{0,500}"|'[^']{0,500}'|\([^()]{0,500}\)))?\s{0,20}\)/g;
const REFERENCE_LINK = /!?\[([^[\]]{0,1000})\]\[[^[\]]{0,1000}\]/g;
// A link reference definition, `[ref]: destination`: nothing of it is question.
const LINK_DEFINITION = /\[[^[\]]{0,1000}\]:\s{0,20}\S{1,2000}/g;
// Angle-bracket markup (HTML tags, autolinks such as <javascript:…>, chat mentions like <@U123>).
const ANGLE_MARKUP = /<[^<>]*>/g;
// What is left that Markdown or HTML could read as markup: emphasis, code, headings, tables,
// and stray brackets (without `[` no link can form, without `<` no tag or autolink).
const MARKUP_CHARACTERS = /[*_`~#|[\]<>]+/g;

export interface CleanQuestion {
  /** Normalized text: what retrieval and the safety rules read. */
  text: string;
  /** Length of the cleaned text before any cut. */
  chars: number;
  tooLong: boolean;
}

/**
 * Where to cut `text` to keep at most `max` UTF-16 units without splitting a surrogate pair
 * (an emoji cut in half is not text, and strict UTF-8 consumers reject it).
 */
export function codePointCut(text: string, max: number): string {
  if (text.length <= max) return text;
  const end = /[\uD800-\uDBFF]/.test(text.charAt(max - 1)) ? max - 1 : max;
  return text.slice(0, Math.max(0, end));
}

/** Markup removed, the words of links and images kept. */
export function stripMarkup(text: string): string {
  return text
    .replace(INLINE_LINK, ' $1 ')
    .replace(REFERENCE_LINK, ' $1 ')
    .replace(LINK_DEFINITION, ' ')
    .replace(ANGLE_MARKUP, ' ')
    .replace(MARKUP_CHARACTERS, ' ');
}

/**
 * Text as every filter should read it: NFKC (fullwidth `＠` is `@`), no invisible characters
 * (which split words to hide them), control characters as spaces, no half surrogate pairs.
 * Adapters filter platform markup after this, so what they remove is what the core would read.
 */
export function normalizeText(raw: string): string {
  return String(raw ?? '')
    .replace(LONE_SURROGATE, '\uFFFD')
    .normalize('NFKC')
    .replace(INVISIBLE, '')
    .replace(CONTROL, ' ');
}

/**
 * Normalizes whatever was typed (NFKC, no invisible or control characters, no markup, single
 * spaces). Never throws, whatever the input.
 */
export function cleanQuestion(raw: string): CleanQuestion {
  const normalized = normalizeText(codePointCut(String(raw ?? ''), MAX_SCANNED_CHARS * 2));
  const text = codePointCut(stripMarkup(normalized).replace(/\s+/g, ' ').trim(), MAX_SCANNED_CHARS);
  return { text, chars: text.length, tooLong: text.length > MAX_QUESTION_CHARS };
}

/** The question as echoed back in an Answer: cleaned, and cut with an ellipsis when too long. */
export function echo(clean: CleanQuestion): string {
  return clean.tooLong ? `${codePointCut(clean.text, MAX_QUESTION_CHARS)}…` : clean.text;
}

/** Longer questions are not answered: nobody types one, and it keeps each answer fast. */
export const MAX_QUESTION_CHARS = 1000;
/** Safety checks read this much of an over-long message, so a plea for help is never cut off. */
const MAX_SCANNED_CHARS = 20_000;

// Zero-width and direction-control characters: invisible, and used to hide words from filters.
const INVISIBLE = /[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g;
// Control characters (C0 and C1, tabs and newlines included): they become plain spaces.
const CONTROL = /\p{Cc}/gu;
// Angle-bracket markup (HTML tags, chat mentions like <@U123>) and Markdown emphasis characters.
const MARKUP = /<[^<>]{0,200}>|[*_`~#|]+/g;

export interface CleanQuestion {
  /** Normalized text: what retrieval and the safety rules read. */
  text: string;
  /** Length of the cleaned text before any cut. */
  chars: number;
  tooLong: boolean;
}

/**
 * Normalizes whatever was typed (NFKC, no invisible or control characters, no markup, single
 * spaces). Never throws, whatever the input.
 */
export function cleanQuestion(raw: string): CleanQuestion {
  const text = String(raw ?? '')
    .slice(0, MAX_SCANNED_CHARS * 2)
    .normalize('NFKC')
    .replace(INVISIBLE, '')
    .replace(CONTROL, ' ')
    .replace(MARKUP, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, MAX_SCANNED_CHARS);
  return { text, chars: text.length, tooLong: text.length > MAX_QUESTION_CHARS };
}

/** The question as echoed back in an Answer: cleaned, and cut with an ellipsis when too long. */
export function echo(clean: CleanQuestion): string {
  return clean.tooLong ? `${clean.text.slice(0, MAX_QUESTION_CHARS)}…` : clean.text;
}

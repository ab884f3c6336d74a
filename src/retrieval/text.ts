import { createRequire } from 'node:module';
import { stemmer } from 'stemmer';
import { eng } from 'stopword';

/**
 * Asides of chat that say nothing of what a message asks, as opposed to urgency ("rn") or a
 * plea ("pls"), which the safety reading keeps.
 */
export const CHAT_ASIDES: ReadonlySet<string> = new Set([
  'tbh',
  'lol',
  'lmao',
  'ngl',
  'btw',
  'imo',
  'fwiw',
  'smh',
  'omg',
  'haha',
  'tho',
]);

/**
 * Words that carry no meaning in a question to this bot. Beyond the English stop words: greetings,
 * politeness and "asking" verbs, which would otherwise count as unmatched words and make the
 * bot abstain on "hi, can you tell me if Americans can claim asylum in Canada please".
 */
const FILLER = [
  'hi',
  'hello',
  'hey',
  'please',
  'thanks',
  'thank',
  'tell',
  'know',
  'want',
  'wondering',
  'wonder',
  'question',
  'ask',
  'asking',
  'anyone',
  'someone',
  'somebody',
  'does',
  'doe',
  'im',
  'ive',
  'id',
  'ok',
  'okay',
  'yes',
  'no',
  'just',
  'really',
  'actually',
  'maybe',
  'possible',
  'possibly',
  'explain',
  'help',
  'need',
  'info',
  'information',
  'thing',
  'things',
  'bot',
  'us',
  'mean',
  'means',
  'there',
  'any',
  'if',
  'a',
  'an',
  'the',
  'is',
  'are',
  'am',
  'be',
  'been',
  'being',
  'i',
  'me',
  'my',
  'you',
  'your',
  'yours',
  'it',
  'its',
  'we',
  'our',
  'they',
  'them',
  'their',
  'he',
  'she',
  'his',
  'her',
  'so',
  'also',
  'then',
  'than',
  'ever',
  'even',
  'going',
  'gonna',
  'wanna',
  'gotta',
  'lot',
  'lots',
  'kind',
  'sort',
  'still',
  'would',
  'could',
  'should',
  'will',
  'shall',
  'may',
  'might',
  'whether',
  'which',
  'what',
  'when',
  'where',
  'who',
  'whom',
  'why',
  'how',
  'do',
  'did',
  'done',
  // How people chat: asides and abbreviations that name nothing ("is that still true tho?").
  ...CHAT_ASIDES,
  'though',
  'rn',
  'idk',
  'pls',
  'plz',
  'thx',
  'u',
  'ur',
  'ya',
  'yall',
  'uh',
  'um',
  'hmm',
  'kinda',
  'sorta',
  'literally',
  'basically',
  'anyway',
  'anyways',
];

const STOP = new Set([...eng, ...FILLER]);

/**
 * The broader list of common English words (stopwords-iso, 1,298 words): "work", "back", "open",
 * "thing". They are kept in queries, because some matter here ("work permit", "sent back"), but
 * unless a curated question uses them they weigh little: see the retriever.
 */
const COMMON: ReadonlySet<string> = new Set(
  (createRequire(import.meta.url)('stopwords-iso') as Record<string, string[]>).en ?? [],
);

export function isCommonWord(word: string): boolean {
  return COMMON.has(word);
}

// "U.S." and "USA" name the country; lowercase "us" is usually the pronoun.
const COUNTRY = /\bU\.\s?S\.(?:\s?A\.)?|\bU\.?S\.?A\b|\bUS\b/g;

/** Lowercases, folds accents and unifies spellings that should match each other. */
export function normalize(text: string): string {
  return (
    text
      .normalize('NFKC')
      .replace(COUNTRY, ' usa ')
      .toLowerCase()
      // "Back to the states" is the US, not the "state protection" of refugee law.
      .replace(/\bthe states\b/g, ' usa ')
      .normalize('NFD')
      .replace(/\p{M}+/gu, '')
      .replace(/[’‘`]/g, "'")
      .replace(/'s\b/g, '')
      .replace(/'/g, '')
      // c-12 → c12, 9-8-8 → 988, s.96 → s96: one token, as people type them either way.
      .replace(/(\p{L})[-.](?=\d)/gu, '$1')
      .replace(/(\d)-(?=\d)/g, '$1')
  );
}

/** Splits normalized text into words. */
export function words(text: string): string[] {
  return normalize(text).match(/[\p{L}\p{N}&]+/gu) ?? [];
}

export function isStopWord(word: string): boolean {
  return STOP.has(word);
}

export function stem(word: string): string {
  return /^\p{L}+$/u.test(word) ? stemmer(word) : word;
}

/**
 * The terms a word is indexed under: the word itself and its stem. Keeping the raw form lets a
 * typo near a suffix ("rejectoin") still fuzzy-match "rejection", which its stem would not.
 */
export function termsOf(word: string): string[] {
  const stemmed = stem(word);
  return stemmed === word ? [word] : [word, stemmed];
}

/** The meaningful words of a text, in order, without repeats. */
export function contentWords(text: string): string[] {
  return [...new Set(words(text).filter((word) => !isStopWord(word)))];
}

import { stemmer } from 'stemmer';
import { eng } from 'stopword';

/**
 * The `paraphrase` rule of tests/eval/README.md, as code: a paraphrase turn uses no content word of
 * its first expected passage's title or listed `questions:`. Words are compared by Porter stem, so
 * "deported" counts as a use of "deportation"'s stem only when the stems agree ("deport"), and
 * "claims" counts as "claim". Deliberately strict: no synonyms are allowed for, the writer avoids
 * them by choosing other words.
 */

/** Words every passage shares (README: Canada, American, asylum, refugee, claim, protection, people). */
const SHARED = [
  'canada',
  'canadian',
  'canadians',
  'american',
  'americans',
  'america',
  'us',
  'usa',
  'u.s',
  'united',
  'states',
  'asylum',
  'refugee',
  'refugees',
  'claim',
  'claims',
  'claiming',
  'claimed',
  'protection',
  'people',
];

/** Function words beyond the `stopword` package's short English list. */
const FUNCTION_WORDS = [
  'will',
  'not',
  'no',
  'yes',
  'does',
  'doesn',
  'don',
  'isn',
  'aren',
  'can',
  'cannot',
  'am',
  'i',
  'im',
  'ive',
  'it',
  'its',
  'what',
  'whats',
  'who',
  'whom',
  'why',
  'when',
  'which',
  'there',
  'yet',
  'just',
  'even',
  'ever',
  'so',
  'us',
  'you',
  'your',
  'me',
  'my',
  'a',
  'an',
  'the',
  's',
  't',
];

const IGNORED = new Set([...eng, ...SHARED, ...FUNCTION_WORDS].map((word) => stemmer(word)));

function words(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[’']/g, '')
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 0);
}

/** Stems of the content words of a passage's title and listed questions. */
export function keyStems(passage: { title: string; questions: readonly string[] }): Set<string> {
  const stems = [passage.title, ...passage.questions].flatMap(words).map((word) => stemmer(word));
  return new Set(stems.filter((stem) => !IGNORED.has(stem)));
}

/** The words of `question` whose stems are among `stems`: empty when the question obeys the rule. */
export function keyWordsUsed(question: string, stems: ReadonlySet<string>): string[] {
  return [...new Set(words(question).filter((word) => stems.has(stemmer(word))))];
}

import { createRequire } from 'node:module';
import type { Country } from 'world-countries';
import { isEnglishWord } from './english.ts';
import { isCommonWord, isStopWord, words } from './text.ts';

// Words that name a country or its people but mean something else far more often in questions
// to this bot: US states, everyday words, and the asker's own country.
const AMBIGUOUS = new Set([
  'georgia',
  'jersey',
  'chad',
  'jordan',
  'guinea',
  'turkey',
  'american',
  'america',
  'americans',
  'samoan',
  'man',
  'united',
  'states',
  'kingdom',
  'republic',
  'islands',
  'island',
  'saint',
  'north',
  'south',
  'east',
  'west',
  'new',
  'democratic',
  'people',
  'central',
  'african',
  'virgin',
  'french',
  'polish',
  'dominica',
  'mali',
  'niger',
  'cook',
  'christmas',
  'norfolk',
  'heard',
  'bouvet',
]);

/** Names of the United Kingdom and its nations that world-countries lists under none of them. */
const BRITAIN = ['uk', 'britain', 'england', 'scotland', 'wales'];

/** Every country of world-countries but the asker's own (the United States). */
function otherCountries(): Country[] {
  const countries = createRequire(import.meta.url)('world-countries/countries.json') as Country[];
  return countries.filter((country) => country.cca2 !== 'US');
}

/** A word too short, too common or too ambiguous to be read as a country's name. */
const tooPlain = (word: string) =>
  word.length < 4 || AMBIGUOUS.has(word) || isStopWord(word) || isCommonWord(word);

let cache: ReadonlySet<string> | undefined;

/**
 * Single words that name a country or its people ("japan", "swedish", "uk"), from the
 * world-countries data. A question about a country the knowledge never mentions is a question
 * the bot cannot answer, however well the rest of it matches.
 */
export function placeWords(): ReadonlySet<string> {
  if (cache) return cache;
  const names = new Set<string>(BRITAIN);
  for (const country of otherCountries()) {
    const demonym = country.demonyms?.eng;
    const phrases = [
      country.name.common,
      country.name.official,
      ...(country.altSpellings ?? []),
      demonym?.m,
      demonym?.f,
    ];
    for (const phrase of phrases) {
      if (!phrase) continue;
      for (const word of words(phrase)) {
        if (tooPlain(word)) continue;
        names.add(word);
        if (phrase === demonym?.m) names.add(`${word}s`);
      }
    }
  }
  cache = names;
  return names;
}

let countryCache: ReadonlyMap<string, ReadonlySet<string>> | undefined;

/**
 * The words that name a country (by its ISO 3166 alpha-2 code) beyond doubt: a one-word common
 * name ("japan"), a demonym ("swiss") or a word of its other names that is no English word
 * ("zealand", "deutschland"), with words that are English ("cape", "channel") only from a name or
 * demonym of one word. Stricter than placeWords, whose words of official names and other
 * spellings include "federal", "country", "nation" and "isle": enough to say a country is asked
 * about, and which one.
 */
export function placeCountries(): ReadonlyMap<string, ReadonlySet<string>> {
  if (countryCache) return countryCache;
  const names = new Map<string, Set<string>>([
    ...BRITAIN.map((word): [string, Set<string>] => [word, new Set(['GB'])]),
    ['holland', new Set(['NL'])],
    ['brasil', new Set(['BR'])],
  ]);
  const add = (word: string, code: string) => {
    const codes = names.get(word);
    if (codes) codes.add(code);
    else names.set(word, new Set([code]));
  };
  for (const country of otherCountries()) {
    const demonym = country.demonyms?.eng;
    const common = words(country.name.common);
    const sure = new Set(common.length === 1 ? common : []);
    for (const phrase of [demonym?.m, demonym?.f]) {
      const demonymWords = phrase ? words(phrase) : [];
      if (demonymWords.length === 1) sure.add(demonymWords[0] as string);
    }
    const phrases = [country.name.common, country.name.official, ...(country.altSpellings ?? [])];
    for (const word of [...sure, ...phrases.flatMap(words)]) {
      if (tooPlain(word)) continue;
      // The asker's language names no country they ask about.
      if (word === 'english' || (!sure.has(word) && isEnglishWord(word))) continue;
      add(word, country.cca2);
      if (demonym?.m && words(demonym.m).includes(word)) add(`${word}s`, country.cca2);
    }
  }
  countryCache = names;
  return names;
}

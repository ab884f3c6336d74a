import { createRequire } from 'node:module';
import type { Country } from 'world-countries';
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

let cache: ReadonlySet<string> | undefined;

/**
 * Single words that name a country or its people ("japan", "swedish", "uk"), from the
 * world-countries data. A question about a country the knowledge never mentions is a question
 * the bot cannot answer, however well the rest of it matches.
 */
export function placeWords(): ReadonlySet<string> {
  if (cache) return cache;
  const countries = createRequire(import.meta.url)('world-countries/countries.json') as Country[];
  const names = new Set<string>(['uk', 'britain', 'england', 'scotland', 'wales']);
  for (const country of countries) {
    if (country.cca2 === 'US') continue;
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
        if (word.length < 4 || AMBIGUOUS.has(word) || isStopWord(word) || isCommonWord(word))
          continue;
        names.add(word);
        if (phrase === demonym?.m) names.add(`${word}s`);
      }
    }
  }
  cache = names;
  return names;
}

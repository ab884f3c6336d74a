export type Language = 'en' | 'es' | 'fr';

// Words common in Spanish or French questions and rare in English ones. A general language
// detector (franc) was tried and read short English questions as Spanish; for the two languages
// we note, a word list is both smaller and right.
const MARKERS: Record<Exclude<Language, 'en'>, Set<string>> = {
  es: new Set(
    'puedo puede podemos pedir solicitar asilo cómo como qué que dónde donde cuándo cuando soy estoy tengo quiero necesito para los las del una unos mis ayuda refugiado refugiada refugio estadounidense estadounidenses canadá méxico hola gracias porque pero también sí y es el la de en mi me ir vivir trabajo'.split(
      ' ',
    ),
  ),
  fr: new Set(
    'je j peux puis pouvons demander asile comment où quoi suis est-ce les des pour une mon ma mes américain américaine américains réfugié réfugiée aide bonjour merci pourquoi avec dans être avoir au aux le la de et est qu quelle quel vivre travail'.split(
      ' ',
    ),
  ),
};
const ENGLISH = new Set(
  'the can i is are what how do does my for to of and in about americans american claim asylum canada apply get if it a an me we us you they there this that with from'.split(
    ' ',
  ),
);

/** Spanish or French when the question is clearly written in it; English otherwise. */
export function detectLanguage(text: string): Language {
  const words = text.toLowerCase().match(/[\p{L}-]+/gu) ?? [];
  if (words.length === 0) return 'en';
  const english = words.filter((w) => ENGLISH.has(w)).length;
  let best: Language = 'en';
  let bestScore = 1; // At least two marker words, so one borrowed word ("asilo") is not enough.
  for (const language of ['es', 'fr'] as const) {
    const score = words.filter((w) => MARKERS[language].has(w)).length;
    if (score > bestScore && score > english) {
      best = language;
      bestScore = score;
    }
  }
  return best;
}

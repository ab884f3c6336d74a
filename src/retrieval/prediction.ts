import { placeWords } from './places.ts';

/**
 * Who decides policy: a court, a legislature, a government, a politician, an agency or a law.
 * A country ("will portugal scrap…") is one too: see {@link decides}.
 */
const INSTITUTION =
  /^(?:(?:supreme |federal |constitutional |appeal )?courts?|judges?|parliament|congress|senate|government|trump|carney|poilievre|liberals|conservatives|republicans|democrats|ircc|irb|cbsa|canada|us|eu|uk|(?:new )?(?:law|bill|rules?|regulations?)|bill c-?\d+|c-?\d+|\w+(?:'s)? (?:government|court|parliament))$/i;

/** One or two words after an optional "the": what {@link decides} checks. */
const WHO = "(?:the )?(?<who>[a-z]+(?:'s)?(?:[ -][a-z0-9]+)?)";

/**
 * What a policy-maker does. Not done to the asker ("will canada stop me at the border", "will the
 * court rule in my favour"): that asks what the asker will face.
 */
const OUTCOME =
  '(?:strike|struck|throw|overturn|repeal|reverse|scrap|cancel|pass|change|reopen|close|ban|stop|loosen|tighten|end|extend|designate|win|lose|get rid|make it (?:harder|easier)|start|rule|hear|uphold|offer|open|grant)(?:s|es|ed|d|ing|n)?\\b(?!\\s+(?:me|us|my|our|him|her|them|in (?:my|our))\\b)';

/** Not the asker ("do you think i will lose"): that is a request for personal advice. */
const NOT_ASKER = "(?!(?:i|we|my|me|our|i'm|im)\\b)";

/** The ways of asking what someone will do, each naming its subject `who` where it has one. */
const PREDICTIONS = [
  `\\bdo (?:you|u|ya) (?:think|reckon|expect)(?: that)? ${NOT_ASKER}(?:\\w+ ){0,6}?(?:will|would|gonna|going to|gets?|is|are) (?:\\w+ ){0,2}?${OUTCOME}`,
  `\\bdo (?:you|u|ya) (?:think|reckon|expect)(?: that)? ${WHO} (?:\\w+ ){0,2}?${OUTCOME}`,
  `\\bwill ${WHO} (?:\\w+ ){0,3}?${OUTCOME}`,
  `\\b(?:is|are) ${WHO} (?:\\w+ ){0,2}?(?:going to|gonna|likely to|expected to|about to) (?:\\w+ ){0,2}?${OUTCOME}`,
  `\\b(?:odds|chances?|likelihood) (?:are )?(?:that |of )?${WHO} (?:\\w+ ){0,3}?${OUTCOME}`,
  `\\bany chance (?:that )?${WHO} (?:\\w+ ){0,3}?${OUTCOME}`,
].map((pattern) => new RegExp(pattern, 'gi'));

/** Words of countries' names that say no country of their own ("the safe country rule"). */
const GENERIC_PLACE = new Set(['country', 'countries', 'state', 'states', 'republic']);

/** Whether a subject is one that decides policy: an institution, or a country by its name. */
function decides(who: string | undefined): boolean {
  if (who === undefined) return true; // "do you think … will …" names no subject of its own
  // "congress pass": the second word may be the verb, so the first alone counts too.
  const words = who.split(/[ -]/);
  const [first = who] = words;
  return (
    INSTITUTION.test(who) ||
    INSTITUTION.test(first) ||
    words.some((word) => placeWords().has(word) && !GENERIC_PLACE.has(word))
  );
}

/**
 * Whether a message asks what a court, a government or a politician will do ("is the federal
 * court going to throw out bill c-12", "do u think canada will scrap the one-year rule"). The
 * knowledge says what the law is and what has happened; a prediction is no fact of it, however
 * much its words are the knowledge's own. What the asker will face ("will i lose my claim if i
 * go home", "will they take my passport") is not a prediction in this sense: its subject is the
 * asker or the authorities acting on them, not an institution deciding policy.
 */
export function asksPrediction(text: string): boolean {
  return PREDICTIONS.some((pattern) =>
    [...text.matchAll(pattern)].some((match) => decides(match.groups?.who)),
  );
}

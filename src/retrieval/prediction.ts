import { placeWords } from './places.ts';

/**
 * Whether a message asks what a court, a government or a politician will do ("is the federal
 * court going to throw out bill c-12", "do u think canada will scrap the one-year rule"). The
 * knowledge says what the law is and what has happened; a prediction is no fact of it, however
 * much its words are the knowledge's own. What the asker will face ("will i lose my claim if i
 * go home", "will they take my passport") is not a prediction in this sense: its subject is the
 * asker or the authorities acting on them, not an institution deciding policy.
 */
export function asksPrediction(text: string): boolean {
  prediction ??= buildPattern();
  return prediction.test(text);
}

let prediction: RegExp | undefined;

function buildPattern(): RegExp {
  const countries = [...placeWords()].filter((word) => /^[a-z]+$/.test(word)).join('|');
  const who = `(?:the )?(?:(?:supreme |federal |constitutional |appeal )?courts?|judges?|parliament|congress|senate|government|trump|carney|poilievre|liberals|conservatives|republicans|democrats|ircc|irb|cbsa|canada|us|eu|uk|${countries}|(?:new )?(?:law|bill|rules?|regulations?)|bill c-?\\d+|c-?\\d+|\\w+(?:'s)? (?:government|court|parliament))`;
  const outcome =
    '(?:strike|struck|throw|overturn|repeal|reverse|scrap|cancel|pass|change|reopen|close|ban|stop|loosen|tighten|end|extend|designate|win|lose|get rid|make it (?:harder|easier)|start|rule|hear|uphold|offer|open|grant)(?:s|es|ed|d|ing|n)?\\b';
  // Not the asker ("do you think i will lose"): that is a request for personal advice.
  const notAsker = "(?!(?:i|we|my|me|our|i'm|im)\\b)";
  return new RegExp(
    [
      `\\bdo (?:you|u|ya) (?:think|reckon|expect)(?: that)? ${notAsker}(?:\\w+ ){0,6}?(?:will|would|gonna|going to|gets?|is|are) (?:\\w+ ){0,2}?${outcome}`,
      `\\bdo (?:you|u|ya) (?:think|reckon|expect)(?: that)? ${who}\\b`,
      `\\bwill ${who} (?:\\w+ ){0,3}?${outcome}`,
      `\\b(?:is|are) ${who} (?:\\w+ ){0,2}?(?:going to|gonna|likely to|expected to|about to) (?:\\w+ ){0,2}?${outcome}`,
      `\\b(?:odds|chances?|likelihood) (?:are )?(?:that |of )?${who} (?:\\w+ ){0,3}?${outcome}`,
      `\\bany chance (?:that )?${who} (?:\\w+ ){0,3}?${outcome}`,
    ].join('|'),
    'i',
  );
}

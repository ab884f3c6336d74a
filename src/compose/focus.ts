import { contentWords, stem } from '../retrieval/text.ts';

/** A length of time, as a sentence that answers "how long" gives it. */
const DURATION = String.raw`\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|eighteen|twenty|thirty|sixty|ninety)[- ](days?|weeks?|months?|years?)\b`;

/**
 * How long something takes, as opposed to how long someone has to do it: "how long does it
 * take?", "the wait", "hear back", but not "how long do I have to file?".
 */
const ASKS_HOW_LONG_IT_TAKES =
  /\b(how long(?:'s| (?:does|did|do|will|would|is|are|was|til+|until|before)\b(?! (?:i|we|you|he|she|they|one) (?:have|got|get)\b))|how fast|how quickly|the wait|wait(ing)? times?|processing times?|backed up|hear back)\b/i;

/**
 * Which sentences of a passage bear on a question. Word overlap finds most of them; a few
 * question forms ask for a kind of fact rather than a word ("how long do I have?" asks for a
 * time limit, whatever its words), so each names what a sentence that answers it contains.
 */
const CUES: readonly { asks: RegExp; says: RegExp; unless?: RegExp }[] = [
  {
    // A time limit: how long someone has, by when. A question about how long a process takes is
    // the next cue's: a deadline ("more than one year after entry") does not answer "how long
    // does it take?".
    asks: /\b(how long|how much time|how soon|by when|when (do|does|must|should|can)|deadlines?|time limits?|in time|how many (days|weeks|months|years))\b/i,
    unless: ASKS_HOW_LONG_IT_TAKES,
    says: new RegExp(`${DURATION}|\\bdeadlines?\\b|\\bwithin\\b|\\bwait\\b`, 'i'),
  },
  {
    // The wait for something, or how long it lasts: a length of time said of a wait, a process,
    // a backlog or a permit's validity, not of a deadline. "The wait", "hear back": not the
    // refugee backlog's passage, whose title has "wait times", when asked of what was just answered.
    asks: ASKS_HOW_LONG_IT_TAKES,
    says: new RegExp(
      `^(?=.*\\b(wait|waits|waiting|waited|takes?|took|taking|processing|processed|backlog|pending|average|median|usually|typically|valid|lasts?|lasting|expires?|renewable)\\b)(?=.*(${DURATION}|\\bwait\\b))`,
      'is',
    ),
  },
  {
    asks: /\b(apply|applying|application|file|filing|sign up|register|start)\b/i,
    says: /\b(appl(y|ies|ied|ying|ications?)|file[sd]?|filing|handled by|submit(ted)?|register(ing)?|starts? (at|with|by))\b/i,
  },
  {
    asks: /\b(how much|cost|costs|fees?|price|pay|afford)\b/i,
    says: /[$€£]|\b(fees?|costs?|free|pay|pays|paid)\b/i,
  },
  {
    asks: /\b(how many|number of|numbers|statistics|stats|percent|percentage|rate)\b/i,
    says: /\d/,
  },
  {
    // How to reach someone ("whats their number", "how do i contact them"): a phone number, an
    // address, a website. Not "the number of" claims, which asks for a count.
    asks: /\b(phone|(?:their|the|your|a|its|his|her) (?:number|hotline|address|website|site|email)|contact|reach (?:them|him|her|out)|call (?:them|him|her)|email)\b/i,
    says: /\b\d{3}[-. ]\d{3}[-. ]\d{4}\b|\b(?:phone|call|text|email|website|address)\b|https?:|www\./i,
  },
  {
    asks: /\b(lawyer|legal (help|aid)|representative|who (can )?help)\b/i,
    says: /\b(lawyers?|legal aid|legal help|representatives?|consultants?)\b/i,
  },
];

/** Whether a question asks for a cue's kind of fact. */
const asksFor = (cue: (typeof CUES)[number], question: string) =>
  cue.asks.test(question) && !cue.unless?.test(question);

/** The stems of a question's meaningful words, to compare sentences with. */
export function questionStems(question: string): Set<string> {
  return new Set(contentWords(question).map(stem));
}

/**
 * How much a sentence bears on the question: shared words, and the kind of fact it asks for.
 * A word that asks for a kind of fact ("apply" in "how would I apply there?") counts through
 * that kind only, so a sentence that merely repeats it ("few Americans apply") does not win.
 */
export function relevance(sentence: string, question: string, stems: ReadonlySet<string>): number {
  const asking = CUES.filter((cue) => asksFor(cue, question));
  const cueWords = new Set(askingWords(question).map(stem));
  let score = 0;
  for (const word of contentWords(sentence)) {
    const key = stem(word);
    if (stems.has(key) && !cueWords.has(key)) score += 1;
  }
  for (const cue of asking) if (cue.says.test(sentence)) score += 2;
  return score;
}

/**
 * The words of a question that ask for a kind of fact rather than name a subject: "long" in
 * "how long do I have?", "apply" in "how would I apply there?".
 */
export function askingWords(question: string): string[] {
  return CUES.flatMap((cue) =>
    [...question.matchAll(new RegExp(cue.asks.source, 'gi'))].flatMap((match) =>
      contentWords(match[0]),
    ),
  );
}

/** Words as a reader counts them: `[n]` markers are not words. */
export function wordCount(text: string): number {
  return text
    .replace(/\[\d+\]/g, ' ')
    .split(/\s+/)
    .filter(Boolean).length;
}

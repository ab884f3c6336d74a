/**
 * Questions asked for someone else ("can my son work while his claim is pending?") read as the
 * same question asked for oneself. The knowledge's listed questions and training phrasings are
 * nearly all in the first person, and the questions it lists to decline are full of "my kids"
 * and "my son" (school, driving, benefits): asked for a son, a question the work permit passage
 * answers came out nearer those declines than the passage (dev: 0.09 confidence, against 0.76
 * asked for oneself), and was declined.
 */

/** The people a question is most often asked for: family, partners, friends. */
const RELATIVE =
  'son|daughter|kids?|child|children|husband|wife|spouse|partner|boyfriend|girlfriend|fianc[ée]e?|mom|mum|mother|dad|father|brother|sister|friend|cousin|niece|nephew|aunt|uncle|grandson|granddaughter|grandma|grandpa|grandmother|grandfather|roommate|parents?';

/** "my son", "my 22 year old daughter", "my best friend", "my son's". */
const MY_RELATIVE = new RegExp(
  `\\bmy (?:(?:\\d+[- ]?(?:year|yr)[- ]?old|best|older|younger|little|oldest|youngest|adult|teenage|elderly|trans|gay) )*(?:${RELATIVE})(?:'s)?\\b`,
  'gi',
);

/** The asker in a message: "I", "me", "my" and their forms. */
const ASKER = /\b(?:i|me|my|mine|myself|i'm|i've|i'd|i'll|im|ive)\b/i;

/** Saying whom one asks for: "I'm asking for my son", "writing on behalf of my wife". */
const ASKING_FOR =
  /\b(?:i'?m|i am|i|im)\s+(?:just\s+)?(?:asking|writing|here|posting|messaging)\s+(?:for|on behalf of|about)\b/gi;

/**
 * Words before a relative named as the one who acts ("can my son work", "my son is", "and my
 * wife wants"): the start of a sentence or clause, a question's verb, a joining word. After any
 * other word the relative is acted on ("can I sponsor my mother"): "me".
 */
const BEFORE_SUBJECT =
  /(?:^|[.?!,;:(]\s*|\b(?:can|could|will|would|should|shall|may|might|must|do|does|did|is|was|has|have|had|and|but|so|or|if|when|while|because|since|now|then|also)\s+)$/i;

/** Words said of someone else, and what they become said of oneself, in order of rewriting. */
const SWAPS: [RegExp, string][] = [
  [/\b(?:he|she)(?:'s| is)\b/gi, "I'm"],
  [/\b(?:he|she) was\b/gi, 'I was'],
  [/\b(?:he|she) has\b/gi, 'I have'],
  [/\b(?:he|she) does\b/gi, 'I do'],
  [/\b(?:he|she) (?!(?:always|also|perhaps|sometimes)\b)(\w{2,}?)s\b/gi, 'I $1'],
  [/\b(?:he|she)\b/gi, 'I'],
  [/\bhimself\b|\bherself\b/gi, 'myself'],
  [/\bhim\b/gi, 'me'],
  [/\bhis\b/gi, 'my'],
  // "her claim" is "my claim"; "help her" is "help me".
  [
    /\bher\b(?=\s+[a-z])(?!\s+(?:to|in|at|on|with|for|from|into|and|or|if|when|a|an|the)\b)/gi,
    'my',
  ],
  [/\bher\b/gi, 'me'],
];

/**
 * The message asked as if for oneself, when it asks for a relative or friend it names with "my"
 * ("my daughter … can she still claim?" → "I … can I still claim?"); undefined when it names
 * none. The rewrite is rough ("I want" from "she wants", not every verb), as the reading is for
 * search, never shown.
 */
export function askedAsSelf(text: string): string | undefined {
  const named = new Set(
    [...text.matchAll(MY_RELATIVE)].map(([match]) => match.toLowerCase().replace(/'s$/, '')),
  );
  // Two people named ("can my mom visit my sister?"): which of them would the asker be?
  if (named.size !== 1) return undefined;
  // A question with the asker in it besides ("can she sponsor me?", "can he bring me?", "my
  // uncle fills out my forms") is about the two of them: asked for oneself it is another one.
  const besides = text.replace(ASKING_FOR, ' ').replace(MY_RELATIVE, ' ');
  if (ASKER.test(besides)) return undefined;
  // The relative becomes a pronoun, which the swaps then make the asker's own.
  let self = text.replace(MY_RELATIVE, (match, at: number) =>
    match.endsWith("'s") ? 'his' : BEFORE_SUBJECT.test(text.slice(0, at)) ? 'he' : 'him',
  );
  for (const [pattern, replacement] of SWAPS) self = self.replace(pattern, replacement);
  return self;
}

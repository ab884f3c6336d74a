import { contentWords } from '../retrieval/text.ts';

/** Openings that only make sense after an earlier question: "what about Mexico?", "and for kids?" */
const CONTINUATION =
  /^\s*(and|but|so|also|or|then|what about|how about|what if|same for|and if|ok and|okay and)\b/i;
/** Words that point back at something said before: "how long does that take?" */
const POINTS_BACK =
  /\b(that|this|it|its|those|these|they|them|their|theirs|there|then|same|such|which one|either|both|the other)\b/i;

/**
 * Whether a question reads as a follow-up that needs the conversation's earlier question to
 * make sense. Only short questions qualify: a long question says what it means.
 */
export function looksLikeFollowUp(question: string): boolean {
  if (contentWords(question).length > 5) return false;
  return CONTINUATION.test(question) || POINTS_BACK.test(question);
}

/** Whether a message points back at what was said before ("apply there", "does it stop…"). */
export function pointsBack(question: string): boolean {
  return POINTS_BACK.test(question);
}

/** Openings that put something else in the place of what was asked before: "and France?" */
const SWAP = /^\s*(and|or|what about|how about|same for|and for)\b/i;

/** Whether a message asks the same about something else ("what about Italy?", "and for my kids?"). */
export function swapsSubject(question: string): boolean {
  return SWAP.test(question);
}

/**
 * Asks what can still be done if what was just answered goes against the asker: "and if that
 * fails too?", "if the appeal division says no as well", "what's left for me".
 */
const ASKS_AFTER_REFUSAL =
  /\b(?:if (?:that|it|this|they|he|she|the \w+(?: \w+)?) (?:fails?|says? no|den(?:y|ies)|refuses?|rejects?|turns? (?:me|us|it) down|doesn'?t work|loses?|(?:also )?(?:rules?|decides?|goes?) against (?:me|us|it))|if (?:i|we) (?:lose|fail|get (?:refused|rejected|denied|turned down))|if (?:i'?m|i am|we'?re|we are) (?:already )?(?:past|over|beyond) (?:it|that|this|the \w+)|if (?:i|we) (?:already )?missed (?:it|that|the \w+)|(?:what'?s|what is|anything|nothing) (?:(?:else|still|even|actually|really) )*left|what (?:else )?can (?:i|we) (?:still )?do(?: now| then)?(?=\s*(?:[?.!]|$)))(?!\w)/i;

/** Asks what comes after what was just answered: "then what?", "what happens next". */
const ASKS_NEXT = new RegExp(
  `${ASKS_AFTER_REFUSAL.source}|\\b(?:then what|what (?:comes |happens )?(?:next|after(?: that)?)|next steps?)\\b`,
  'i',
);

/** Whether a message asks for the step after what was just answered (see ASKS_NEXT). */
export function asksWhatComesNext(question: string): boolean {
  return ASKS_NEXT.test(question);
}

/** Whether a message asks what is left if what was just answered goes against the asker. */
export function asksAfterRefusal(question: string): boolean {
  return ASKS_AFTER_REFUSAL.test(question);
}

/**
 * The words that ask for the step after what was just answered ("if that fails", "what's left"):
 * they say what kind of answer is wanted, not what about. "Fails" is a word of two passage titles
 * ("what happens if my refugee claim fails?"), and read as a subject it made "and if that fails
 * too?" after the appeal division look like a move to that passage. The thing that fails ("the
 * appeal") is not among them: it names what the message is about.
 */
const NEXT_ASKING =
  /^(?:fails?|rules?|decides?|goes|against|already|past|over|beyond|missed|nothing|still|even|actually|really|failed|says?|deny|denies|denied|refuses?|refused|rejects?|rejected|turns?|turned|down|work|works|loses?|lose|left|next|happens|comes|steps?|anything)$/i;

/** The words of the message that ask for the step after what was just answered (NEXT_ASKING). */
export function nextAskingWords(question: string): Set<string> {
  if (!asksWhatComesNext(question)) return new Set();
  return new Set(contentWords(question).filter((word) => NEXT_ASKING.test(word)));
}

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
 * Asks what comes after what was just answered: "and if that fails too?", "then what?", "what's
 * left for me", "if the appeal division says no as well".
 */
const ASKS_NEXT =
  /\b(?:if (?:that|it|this|they|he|she|the \w+(?: \w+)?) (?:fails?|says? no|den(?:y|ies)|refuses?|rejects?|turns? (?:me|us|it) down|doesn'?t work|loses?)|if (?:i|we) (?:lose|fail|get (?:refused|rejected|denied|turned down))|then what|what (?:comes |happens )?(?:next|after(?: that)?)|what'?s left|next steps?|anything (?:else )?left)\b/i;

/** Whether a message asks for the step after what was just answered (see ASKS_NEXT). */
export function asksWhatComesNext(question: string): boolean {
  return ASKS_NEXT.test(question);
}

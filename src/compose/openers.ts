/**
 * Passages open with the short answer to their own title ("Yes: …", "No: …", "In most cases,
 * yes: …"). That opener answers the passage's question, not necessarily the one asked: an
 * answer may carry one only in its first sentence, and only when the question is one a yes or
 * no can answer. Everywhere else a plain opener is dropped; an opener that carries a condition
 * ("Yes, if you qualify as a skilled worker: …") cannot be dropped without losing the condition,
 * so such a sentence is not used where an opener does not belong.
 */

export type Polarity = 'yes' | 'no';

export interface Opener {
  polarity: Polarity;
  /** True when the opener is only a yes or no and can be dropped without changing the claim. */
  plain: boolean;
  /** The sentence without its opener, capitalised; equal to the sentence when not plain. */
  rest: string;
}

// Only a yes or no, perhaps hedged: "Yes:", "No,", "Generally yes:", "In most cases, yes:".
const PLAIN =
  /^(?:(?:generally|usually|mostly|often|in most cases|in many cases|probably),?\s+)?(yes|no|not any ?more|not automatically|usually not|mostly not|probably not|possibly)\s*[:,]\s+(?!(?:if|but|unless|only|as long|provided|though|although|according)\b)/i;
// Any yes/no opener, plain or carrying a condition: "Yes, but only with permission: …".
const ANY =
  /^(?:(?:generally|usually|mostly|often|in most cases|in many cases|probably),?\s+)?(yes|no|not|usually not|mostly not|probably not|possibly)\b[^:.;?!]{0,60}[:,]/i;

const NEGATIVE =
  /^(?:(?:generally|usually|mostly|often|in most cases|in many cases|probably),?\s+)?(no|not|usually not|mostly not|probably not)\b/i;

/** The yes/no opener a sentence starts with, or null when it starts with the claim itself. */
export function openerOf(sentence: string): Opener | null {
  const any = ANY.exec(sentence);
  if (!any) return null;
  const polarity: Polarity = NEGATIVE.test(sentence) ? 'no' : 'yes';
  const plain = PLAIN.exec(sentence);
  if (!plain) return { polarity, plain: false, rest: sentence };
  const rest = sentence.slice(plain[0].length);
  return { polarity, plain: true, rest: rest.charAt(0).toUpperCase() + rest.slice(1) };
}

// "Can I…?", "Is it…?", "Do they…?": questions a yes or a no answers.
const YES_NO_QUESTION =
  /^\s*(?:(?:so|and|but|ok|okay|also|then|hey|hi|please),?\s+)*(can|could|is|are|was|were|do|does|did|will|would|should|shall|may|might|must|has|have|had|am|isn'?t|aren'?t|don'?t|doesn'?t|won'?t|wouldn'?t|can'?t|couldn'?t)\b/i;

/** Whether a yes or no can answer the question ("Can I appeal?") or not ("How long do I have?"). */
export function isYesNoQuestion(question: string): boolean {
  // The asking clause may follow a story: "My claim was rejected last week, can I appeal?"
  return question
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .split(/[.?!,;:]\s*/)
    .some((clause) => YES_NO_QUESTION.test(clause));
}

/**
 * A sentence as it may stand in a place where no opener belongs: without its plain opener, or
 * null when its opener carries a condition that cannot be dropped.
 */
export function withoutOpener(sentence: string): string | null {
  const opener = openerOf(sentence);
  if (!opener) return sentence;
  return opener.plain ? opener.rest : null;
}

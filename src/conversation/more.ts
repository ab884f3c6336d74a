import { chatForm } from './smalltalk.ts';

/**
 * Whether a message asks for more of the answer just given ("tell me more", "continue", "go on",
 * "the full answer"): a closed set of requests, read as such only in a conversation. Read as a
 * question, "tell me more" repeated the answer's first sentence, shorter than before, and
 * "continue" moved to another passage.
 */
const MORE =
  /^(?:(?:ok|okay|sure|yes|yeah|yea|please|pls|and|so|hmm|interesting|cool) )*(?:(?:can|could|would) (?:you|u) )?(?:tell me more|tell me more about (?:that|this|it)|more|more please|more info(?:rmation)?|more details?|(?:give me |show me |send |see )?(?:the )?(?:full|whole|complete|rest of the|long) (?:answer|thing|passage|text|version)|details?|continue|go on|keep going|elaborate|elaborate on (?:that|this|it)|say more|explain more|explain further|explain (?:that|this|it) more|expand on (?:that|this|it)|expand|what else)(?: please| pls)?$/;

export function asksForMore(text: string): boolean {
  const t = chatForm(text);
  return t.length > 0 && t.length <= 60 && MORE.test(t);
}

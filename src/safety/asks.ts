/**
 * What a message asks: its sentences that end in a question mark or open as a question does
 * ("can she claim", "what do i write", "is it too late", and in chat "any free guides online",
 * "anyone know a lawyer in toronto", typed without a question mark). A crisis the model alone reads in a
 * message whose asking sentences are not a crisis themselves is answered with the question first
 * (assistant.ts): "hearings are public right? im scared my abuser could just walk in" asks about
 * hearings; "why should i even bother living if they deport me" asks nothing apart from the crisis.
 */
const OPENS_A_QUESTION =
  /^(?:(?:so|and|but|ok|okay|also|then|or|well|hey|hi|please|honestly|realistically|basically),?\s+)*(what|how|when|where|who|whom|whose|which|why|any|anyone|anybody|can|could|is|are|was|were|do|does|did|will|would|should|shall|may|might|must|has|have|am|isn'?t|aren'?t|don'?t|doesn'?t|won'?t|wouldn'?t|can'?t|couldn'?t)\b/;

/** A message's sentences, trimmed, in order. */
export const sentencesOf = (text: string) =>
  text
    .split(/(?<=[.?!;\n])\s+/)
    .map((sentence) => sentence.trim())
    .filter(Boolean);

/** Whether a sentence asks something: a question mark, or it opens as a question does. */
export const asks = (sentence: string) =>
  sentence.includes('?') ||
  sentence
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .split(/,\s*/)
    .some((clause) => OPENS_A_QUESTION.test(clause));

/** The sentences of `text` that ask something, in order, joined; '' when none does. */
export function askingSentences(text: string): string {
  return sentencesOf(text).filter(asks).join(' ');
}

/**
 * What a message tells before it asks: its sentences ahead of the last asking one that ask
 * nothing themselves, joined; '' when none does or nothing is asked. "i don't see the point in
 * going on anymore. how long does a refugee claim take?" tells the first sentence. Only what
 * comes before: an afterthought after the question ("has the uk taken americans? thinking about
 * london") is the last sentence, which the whole message's reading already weighs twice.
 */
export function storyBeforeQuestion(text: string): string {
  return storySentences(text).join(' ');
}

/** The sentences {@link storyBeforeQuestion} joins: those before the last asking one that ask nothing. */
export function storySentences(text: string): string[] {
  const sentences = sentencesOf(text);
  const last = sentences.findLastIndex(asks);
  return sentences.slice(0, Math.max(last, 0)).filter((sentence) => !asks(sentence));
}

import { contentWords } from './text.ts';

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

/**
 * Words that point back at something said before. Asking sentences that use one and name fewer
 * than two other things ("Can they do that?", "How does that work at the hearing?"), or that name
 * at most one thing at all ("What are my options?"), lean on the story before them.
 */
const POINTING = /\b(?:that|this|these|those|it|they|them|he|him|she|her|there|such)\b/iu;
const leans = (asked: readonly string[]) => {
  const text = asked.join(' ');
  const named = contentWords(text).length;
  return named <= 1 || (named <= 2 && POINTING.test(text));
};

export interface Asked {
  /** The sentences that ask (end in "?"), or the whole message when none or all of them do. */
  ask: string;
  /** The rest: the asker's situation, which says what the question is about without being it. */
  story: string;
}

/**
 * People often tell their story before they ask ("We have some savings… Will we be allowed to
 * work while we wait?"). The story's incidental words (savings, husband, Florida) are not what is
 * asked, and weighed like the question they would make a well-covered question look unanswered.
 */
export function splitStory(message: string): Asked {
  const sentences = [...segmenter.segment(message)].map((s) => s.segment.trim()).filter(Boolean);
  const asked = askedSentences(sentences);
  if (asked.size === 0 || asked.size === sentences.length) return { ask: message, story: '' };
  return {
    ask: sentences.filter((s) => asked.has(s)).join(' '),
    story: sentences.filter((s) => !asked.has(s)).join(' '),
  };
}

/**
 * The sentences that ask (end in "?"). A question that only points back ("…claimants can't work
 * anyway. Is that true?", "Would that work for me?") asks about the sentence it points at, so
 * the sentences just before it are asked too, until the question names enough to stand alone.
 */
export function askedSentences(sentences: readonly string[]): Set<string> {
  const asked = new Set(sentences.filter((s) => s.endsWith('?')));
  const first = sentences.findIndex((s) => asked.has(s));
  for (let before = first - 1; before >= 0; before--) {
    if (!leans([...asked])) break;
    asked.add(sentences[before] as string);
  }
  return asked;
}

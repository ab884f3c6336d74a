import type { Answer } from '../../src/index.ts';

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

/** The sentences of an answer's text, as a reader would see them. */
export function sentencesOf(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .flatMap((block) => [...segmenter.segment(block)].map((s) => s.segment.trim()))
    .filter((s) => /[\p{L}\p{N}]/u.test(s));
}

/** Every `[n]` number in a text. */
export function markersOf(text: string): number[] {
  return [...text.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));
}

/** Sentences of a (non-abstaining) answer that carry no `[n]` marker: must always be empty. */
export function uncitedSentences(answer: Answer): string[] {
  return sentencesOf(answer.text).filter((sentence) => !/\[\d+\][.!?…"”’)]*$/.test(sentence));
}

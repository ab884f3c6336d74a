import type { Passage } from './knowledge/schema.ts';
import { normalize } from './retrieval/text.ts';

/**
 * Curated questions that match what someone has typed so far, for autocomplete: every typed word
 * must begin a word of the question. Passage titles come before their other phrasings.
 */
export function createSuggester(
  passages: readonly Passage[],
): (typed: string, limit: number) => string[] {
  const candidates = [...passages.map((p) => p.title), ...passages.flatMap((p) => p.questions)].map(
    (text) => ({
      text,
      words: normalize(text).match(/[\p{L}\p{N}&]+/gu) ?? [],
    }),
  );
  return (typed, limit) => {
    const wanted = normalize(typed).match(/[\p{L}\p{N}&]+/gu) ?? [];
    const seen = new Set<string>();
    const out: string[] = [];
    for (const candidate of candidates) {
      if (out.length >= limit) break;
      const matches = wanted.every((w) => candidate.words.some((word) => word.startsWith(w)));
      const key = candidate.text.toLowerCase();
      if (!matches || seen.has(key)) continue;
      seen.add(key);
      out.push(candidate.text);
    }
    return out;
  };
}

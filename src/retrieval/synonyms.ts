import type { SynonymGroups } from '../knowledge/schema.ts';
import { contentWords, normalize } from './text.ts';

interface Alias {
  text: string;
  /** The alias's first word as it appears in a normalized question: a cheap test first. */
  first: string;
  normalized: string;
  /** Compiled when first needed: Unicode patterns are slow to build, and most never match. */
  pattern?: RegExp;
  /** The alias's own meaningful words: expansions are credited to the first of them. */
  words: string[];
  group: number;
}

export interface Expansion {
  /** The question word that triggered the expansion. */
  word: string;
  /** Words from the other members of the synonym group. */
  words: string[];
}

/** Finds synonym phrases in a question and returns the words of their other spellings. */
export function createSynonymExpander(groups: SynonymGroups): (question: string) => Expansion[] {
  const aliases: Alias[] = groups.flatMap((group, index) =>
    group.map((term) => ({
      text: term,
      normalized: normalize(term),
      first: normalize(term).split(' ')[0] ?? '',
      words: contentWords(term),
      group: index,
    })),
  );
  const groupWords = groups.map((group) => [
    ...new Set(group.flatMap((term) => contentWords(term))),
  ]);

  return (question) => {
    const text = normalize(question);
    const expansions: Expansion[] = [];
    const done = new Set<number>();
    for (const alias of aliases) {
      if (done.has(alias.group) || !text.includes(alias.first)) continue;
      alias.pattern ??= new RegExp(
        `(?:^|[^\\p{L}\\p{N}])${phrasePattern(alias.normalized)}(?=$|[^\\p{L}\\p{N}])`,
        'u',
      );
      if (!alias.pattern.test(text)) continue;
      done.add(alias.group);
      const own = new Set(alias.words);
      const others = (groupWords[alias.group] ?? []).filter((word) => !own.has(word));
      if (others.length) expansions.push({ word: alias.words[0] ?? alias.text, words: others });
    }
    return expansions;
  };
}

const OBJECT_PRONOUNS = '(?:me|us|him|her|them|you|it)';

/**
 * A phrase's words in order, with room for a pronoun between them: people say "turned me down",
 * "kicked us out" and "sent him back" for the "turned down", "kicked out" and "sent back" listed.
 */
function phrasePattern(phrase: string): string {
  return phrase.split(' ').map(escapeRegExp).join(`\\s+(?:${OBJECT_PRONOUNS}\\s+)?`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

import type { Passage } from '../knowledge/schema.ts';
import type { Hit, SearchOptions } from '../retrieval/index.ts';
import { placeWords } from '../retrieval/places.ts';
import { contentWords, isCommonWord, stem } from '../retrieval/text.ts';
import { looksLikeFollowUp, pointsBack } from './follow-up.ts';
import type { LastAnswer } from './memory.ts';

export interface Reading {
  hits: Hit[];
  /** True when the message was read against the conversation rather than on its own. */
  inContext: boolean;
}

export interface ReadOptions {
  search: (text: string, options?: SearchOptions) => Hit[];
  confident: (hit: Hit | undefined) => boolean;
  passage: (id: string) => Passage | undefined;
  knownWordsOnly?: boolean;
  /** What the knowledge's passages are about: see {@link subjectWords}. */
  subjects: ReadonlySet<string>;
}

/** A word in more titles than this is not a subject of its own. */
const MAX_SUBJECT_TITLES = 3;

/**
 * The stems of the words few passage titles use, common words aside: the subjects the
 * knowledge has answers about ("Bloodworth", "deportation"), as opposed to the words of how
 * people ask ("apply", "claim").
 */
export function subjectWords(passages: readonly Passage[]): Set<string> {
  const titles = new Map<string, number>();
  for (const p of passages)
    for (const word of new Set(contentWords(p.title).map(stem)))
      titles.set(word, (titles.get(word) ?? 0) + 1);
  // A word in many titles ("apply", "canada") says how people ask, not what about.
  return new Set(
    [...titles]
      .filter(([word, count]) => count <= MAX_SUBJECT_TITLES && !isCommonWord(word))
      .map(([word]) => word),
  );
}

/** A message this short leans on the conversation, whatever its words ("deadline?"). */
const SHORT = 3;

/**
 * Reads a message against the conversation's last answer. A short message, or one that refers
 * back ("there", "that", "and for my kids?"), is read with the last answer's passages as context,
 * and that reading wins whenever it is confident. Within it, a message that names something new
 * ("what about Spain?", "what happened with Bloodworth?") goes to the passage that names it; one
 * that names nothing new ("how long do I have?" after an answer about appeals) stays with the
 * passages just shown. A longer message that says what it means stands alone unless it cannot
 * be answered alone.
 */
export function readAgainst(
  text: string,
  last: LastAnswer | undefined,
  { search, confident, passage, subjects, knownWordsOnly = false }: ReadOptions,
): Reading {
  const alone = search(text, { knownWordsOnly });
  if (!last) return { hits: alone, inContext: false };
  const refersBack = looksLikeFollowUp(text) || contentWords(text).length <= SHORT;
  if (!refersBack && confident(alone[0])) return { hits: alone, inContext: false };
  const shown = last.passages.map((id) => passage(id)).filter((p) => p !== undefined);
  if (shown.length === 0) return { hits: alone, inContext: false };
  const context = shown
    .slice(0, 2)
    .map((p) => p.title)
    .join(' ');
  const inContext = search(text, { context });
  if (!confident(inContext[0])) return { hits: alone, inContext: false };

  // What the message names that the passages just shown are not about: "Spain" after Portugal
  // (a place counts unless the passage is about it by title), "Bloodworth" after a list of cases.
  const titled = new Set(shown.flatMap((p) => contentWords(p.title).map(stem)));
  const listed = new Set(shown.flatMap((p) => contentWords(p.questions.join(' ')).map(stem)));
  const places = placeWords();
  const fresh = new Set(
    contentWords(text).filter(
      (word) =>
        !titled.has(stem(word)) &&
        (places.has(word) ||
          subjects.has(stem(word)) ||
          (!isCommonWord(word) && !listed.has(stem(word)))),
    ),
  );
  const candidates = inContext.filter((hit) => confident(hit));
  const adds = (hit: Hit) => hit.matched.filter((word) => fresh.has(word)).length;
  // Naming something nothing here covers ("what about Japan?") is a new question, not a follow-up.
  if (fresh.size > 0 && !candidates.some((hit) => adds(hit) > 0))
    return { hits: alone, inContext: false };
  const wasShown = (hit: Hit) => last.passages.includes(hit.id);
  let lead: Hit | undefined;
  // Something new moves the thread on, to the passage that names it; but "apply there" or
  // "does it stop deportation?" asks about what was just shown, unless it names a place.
  const movesOn = !pointsBack(text) || [...fresh].some((word) => places.has(word));
  if (fresh.size > 0 && movesOn && candidates[0] && wasShown(candidates[0]))
    lead = candidates.find((hit) => !wasShown(hit) && adds(hit) > 0);
  else if (fresh.size === 0)
    // Nothing new stays with what was just shown, when it still fits.
    lead = candidates.slice(0, 3).find(wasShown);
  const ranked = lead ? [lead, ...candidates.filter((hit) => hit !== lead)] : candidates;
  return {
    hits: [...ranked, ...inContext.filter((hit) => !ranked.includes(hit))],
    inContext: true,
  };
}

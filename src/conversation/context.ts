import { askingWords, questionStems, relevance } from '../compose/focus.ts';
import type { Passage } from '../knowledge/schema.ts';
import type { Hit, SearchOptions } from '../retrieval/index.ts';
import { placeWords } from '../retrieval/places.ts';
import { contentWords, isCommonWord, stem } from '../retrieval/text.ts';
import { looksLikeFollowUp, pointsBack, swapsSubject } from './follow-up.ts';
import type { LastAnswer } from './memory.ts';

export interface Reading {
  hits: Hit[];
  /** True when the message was read against the conversation rather than on its own. */
  inContext: boolean;
  /**
   * Whether the first hit answers the message: the scorer is confident in it, or it is the
   * passage just shown and one of its sentences answers the follow-up.
   */
  answerable: boolean;
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

/** Pronouns that point at the thing just answered, not at its place ("there"). */
const POINTS_AT_THING = /\b(it|that|this)\b/i;

/** A message this short leans on the conversation, whatever its words ("deadline?"). */
const SHORT = 3;

/**
 * Reads a message against the conversation's last answer. A short message, or one that refers
 * back ("there", "that", "how long", "and for my kids?"), is read with the last answer's passages
 * as context, and the reading that fits the conversation wins over the one of the message alone:
 *
 * - A message that names nothing new ("how long do I have?" after an answer about appeals) stays
 *   with the passage just shown when one of its sentences answers it, even when the scorer, which
 *   learned from questions asked alone, has little confidence in so short a question.
 * - A message that names something new ("what about Italy?", "what happened with Bloodworth?")
 *   goes to the passage that names it and keeps most of the conversation's subject (Italian
 *   citizenship by descent after Irish, not asylum in Italy); "there" and "it" keep the subject
 *   too ("has anyone won there?" after the Netherlands).
 * - Naming something nothing covers ("what about Japan?") is a new question, read alone.
 *
 * A longer message that says what it means stands alone unless it cannot be answered alone.
 */
export function readAgainst(
  text: string,
  last: LastAnswer | undefined,
  { search, confident, passage, subjects, knownWordsOnly = false }: ReadOptions,
): Reading {
  const alone = search(text, { knownWordsOnly });
  const standalone: Reading = { hits: alone, inContext: false, answerable: confident(alone[0]) };
  if (!last) return standalone;
  const refersBack = looksLikeFollowUp(text) || contentWords(text).length <= SHORT;
  if (!refersBack && standalone.answerable) return standalone;
  const shown = last.passages.map((id) => passage(id)).filter((p) => p !== undefined);
  if (shown.length === 0) return standalone;
  const context = shown
    .slice(0, 2)
    .map((p) => p.title)
    .join(' ');
  const inContext = search(withPlaceFor(text, context), { context });
  const wasShown = (hit: Hit) => last.passages.includes(hit.id);
  // A passage just shown fits when one of its sentences answers the message ("15 days" for
  // "how long"); any other needs the scorer's confidence.
  const answersIt = (hit: Hit) => {
    const shownPassage = wasShown(hit) ? passage(hit.id) : undefined;
    return shownPassage !== undefined && bearsOn(shownPassage, text);
  };
  const candidates = inContext.filter((hit) => confident(hit) || answersIt(hit));
  if (candidates.length === 0) return standalone;

  const fresh = freshWords(text, shown, subjects);
  const adds = (hit: Hit) => hit.matched.filter((word) => fresh.has(word)).length;
  // Naming something nothing here covers ("what about Japan?") is a new question, not a follow-up.
  if (fresh.size > 0 && !candidates.some((hit) => adds(hit) > 0)) return standalone;

  // Nothing new stays with what was just shown, when it still answers.
  let lead = fresh.size === 0 ? candidates.find(answersIt) : undefined;
  if (!lead) {
    // Something new moves the thread on, to a passage that names it; but "apply there" or
    // "does it stop deportation?" asks about what was just shown, unless it names a place.
    const places = placeWords();
    const movesOn =
      fresh.size > 0 && (!pointsBack(text) || [...fresh].some((word) => places.has(word)));
    const pool =
      fresh.size === 0
        ? candidates
        : candidates.filter((hit) => adds(hit) > 0 && !(movesOn && wasShown(hit)));
    // "What about Italy?" after Irish citizenship swaps the place or subject and keeps the rest.
    const swapped = (word: string) => places.has(word) || subjects.has(stem(word));
    const kept = contentWords(context).filter(
      (word) => !(movesOn && swapsSubject(text) && swapped(word)),
    );
    // "It" or "that" points at what was just shown ("there" only at its place): its passages, in
    // the order they were used, come before others that merely share more of its words.
    const pointedAt =
      movesOn || !POINTS_AT_THING.test(text)
        ? undefined
        : last.passages.map((id) => pool.find((hit) => hit.id === id)).find((hit) => hit);
    lead = pointedAt ?? byConversationFit(pool, { fresh, asked: contentWords(text), kept })[0];
  }
  const ranked = lead ? [lead, ...candidates.filter((hit) => hit !== lead)] : candidates;
  const [first] = ranked;
  return {
    hits: [...ranked, ...inContext.filter((hit) => !ranked.includes(hit))],
    inContext: true,
    answerable: first !== undefined && (confident(first) || answersIt(first)),
  };
}

/**
 * What a message names that the passages just shown are not about: "Spain" after Portugal (a
 * place counts unless the passage is about it by title), "Bloodworth" after a list of cases. The
 * words that ask for a kind of fact ("how long", "how much") name no subject.
 */
function freshWords(
  text: string,
  shown: readonly Passage[],
  subjects: ReadonlySet<string>,
): Set<string> {
  const titled = new Set(shown.flatMap((p) => contentWords(p.title).map(stem)));
  const listed = new Set(shown.flatMap((p) => contentWords(p.questions.join(' ')).map(stem)));
  const asking = new Set(askingWords(text).map(stem));
  const places = placeWords();
  return new Set(
    contentWords(text).filter(
      (word) =>
        !titled.has(stem(word)) &&
        !asking.has(stem(word)) &&
        (places.has(word) ||
          subjects.has(stem(word)) ||
          (!isCommonWord(word) && !listed.has(stem(word)))),
    ),
  );
}

/**
 * Hits ordered by how well they fit the conversation: the most of what the message names anew,
 * then the most of the conversation's subject that it keeps (the words of the passages just
 * shown), then the most of the message's other words; the scorer's order between equals.
 */
function byConversationFit(
  hits: readonly Hit[],
  words: { fresh: ReadonlySet<string>; asked: readonly string[]; kept: readonly string[] },
): Hit[] {
  const own = new Set(words.asked);
  const kept = new Set(words.kept.filter((word) => !own.has(word)));
  const count = (hit: Hit, set: ReadonlySet<string>) =>
    hit.matched.filter((word) => set.has(word)).length;
  const fitOf = (hit: Hit) => [count(hit, words.fresh), count(hit, kept), count(hit, own)];
  return [...hits].sort((a, b) => {
    const [fa, fb] = [fitOf(a), fitOf(b)];
    return fb.reduce((order, value, i) => order || value - (fa[i] ?? 0), 0);
  });
}

/** Whether a sentence of the passage answers the kind of fact the message asks for, or its words. */
function bearsOn(passage: Passage, text: string): boolean {
  const stems = questionStems(text);
  return passage.paragraphs.some((sentences) =>
    sentences.some((sentence) => relevance(sentence.text, text, stems) >= BEARS),
  );
}

/** A sentence bears on a message from this relevance: the kind of fact asked, or two of its words. */
const BEARS = 2;

/**
 * "There" said after an answer about one country means that country: the message is searched
 * with its name ("has anyone won there?" after the Netherlands → "… won in netherlands"), which
 * the context's titles alone, weighed below the message's own words, do not achieve.
 */
function withPlaceFor(text: string, context: string): string {
  if (!/\bthere\b/i.test(text)) return text;
  const places = placeWords();
  const named = [...new Set(contentWords(context).filter((word) => places.has(word)))];
  return named.length ? text.replace(/\bthere\b/i, `in ${named.join(' ')}`) : text;
}

import { distance } from 'fastest-levenshtein';
import type { Passage } from '../knowledge/schema.ts';
import type { Candidate } from './candidates.ts';
import type { Coverage } from './coverage.ts';
import { isEnglishWord } from './english.ts';
import { factMissing, factText } from './facts-asked.ts';
import type { Lexicon } from './lexicon.ts';
import { namesUnknownPerson } from './people.ts';
import { placeCountries, placeWords } from './places.ts';
import { asksPrediction } from './prediction.ts';
import type { Query } from './query.ts';
import { cosineWith, createPhrasingIndex, type Vector } from './similarity.ts';
import { askedSentences } from './story.ts';
import { contentWords, words } from './text.ts';

/**
 * What the scorer knows of one candidate answer to one message, each a number. The names are the
 * keys of the trained weights (ranker.json): add one, then retrain (`npm run train`).
 */
export const FEATURES = [
  /** MiniSearch's score over the best candidate's. */
  'bm25',
  /** 1 / MiniSearch's rank. */
  'rank',
  'coverage',
  'questionCoverage',
  /** Coverage of the asking sentences only: a long story does not lower it. */
  'askCoverage',
  /** The closest of the passage's phrasings to the asking sentences. */
  'nearest',
  /** The passage's phrasings as one prototype, against the asking sentences. */
  'centroid',
  /** The centroid similarity minus the best candidate's: 0 for the best. */
  'centroidGap',
  /** The closest phrasing to the whole message, story included. */
  'nearestWhole',
  /** The asking sentences name a place the passage never mentions ("Germany" for Canada's rules). */
  'placeMismatch',
  /** Real English words of the question that the knowledge never uses ("car", "weather"), up to 3. */
  'unknownWords',
  /** Their share of the question's meaningful words. */
  'unknownShare',
  /** The question names a country no passage mentions. */
  'unknownPlace',
  /** The closest of the questions the knowledge lists as ones to decline (NaN: it lists none). */
  'declineNearest',
  /**
   * The asking sentences name a country no passage is about: none has it as its jurisdiction or
   * names it in its title or listed questions. A country a body names in passing ("a UK paper
   * wrote", "New Zealand" among others) is not one the knowledge answers about, yet it is no
   * unknownPlace.
   */
  'uncoveredPlace',
  /**
   * Of the asking sentences' most specific words (the FOCUS_WORDS rarest across the passages,
   * weighed by that rarity), the share the candidate never uses, in its title, listed questions,
   * body or training phrasings, nor by a synonym: "child benefit" asked of the family-claims
   * passage, "golden visa" of Portugal's digital nomad visa. A word in no dictionary that is no
   * typo of a word the knowledge or its phrasings use is in focus too: a name the knowledge never
   * uses ("ozempic" asked of the health-coverage passage, "pensionado" of Costa Rica's asylum).
   */
  'focusMissing',
  /**
   * The share of the specific facts the asking sentences ask for (an amount, a rate, a count, a
   * duration, a year beside a count) of which the passage gives none (facts-asked.ts): "how much
   * is the fee" of a passage that names no fee.
   */
  'factMissing',
  /**
   * The asking sentences name countries the knowledge is about, and the passage is about another one (its
   * jurisdiction, the United States aside: the asker's own country is always in the picture):
   * "how much does it cost to claim asylum in canada?" asked of Costa Rica's asylum passage,
   * whose listed question asks what claiming costs there. Canada is every passage's word, so
   * placeMismatch, which reads only places most passages do not mention, misses it.
   */
  'jurisdictionMismatch',
  /**
   * The asking sentences name a person the knowledge never names, by a given name and a surname
   * ("what happened to kimberly rivera", "did chelsea manning claim in canada"): the cases the
   * knowledge answers about are people it names (people.ts). Without it the scorer read such a
   * name as it reads a typo, and learning to decline names taught it to decline typos.
   */
  'unknownPerson',
  /**
   * The asking sentences ask what a court, a government or a politician will do ("is the federal
   * court going to throw out bill c-12"): the knowledge holds no predictions (prediction.ts).
   */
  'asksPrediction',
] as const;

/** How many of the asking sentences' rarest words focusMissing reads. */
export const FOCUS_WORDS = 3;

export type FeatureName = (typeof FEATURES)[number];

/** What features are computed from, built once per knowledge. */
export interface FeatureContext {
  lexicon: Lexicon;
  /** The phrasings of each passage (by position), and the questions to decline, as vectors. */
  phrasings: ReturnType<typeof createPhrasingIndex>;
  declines: readonly Vector[];
  /** Words the training phrasings use: slang ("pad my story") the passages do not. */
  phrasingWords: ReadonlySet<string>;
  /** The place words each passage mentions (by position). */
  placesOf(position: number): ReadonlySet<string>;
  /** Place words most passages mention (the knowledge's home country): no sign of a mismatch. */
  homePlaces: ReadonlySet<string>;
  /** The countries (ISO alpha-2) some passage is about: its jurisdiction, title or questions. */
  coveredCountries: ReadonlySet<string>;
  /** The country a passage (by position) is about (ISO alpha-2), or `general`. */
  jurisdictionOf(position: number): string;
  /** The word keys (lexicon.keyOf) each passage (by position) and its training phrasings use. */
  keysOf(position: number): ReadonlySet<string>;
  /**
   * Whether a word is within a typo's edits of one the passages or their phrasings use: 2 from
   * six letters, else 1, or at most `edits`.
   */
  isTypoOfKnown(word: string, edits?: number): boolean;
  /** What a passage (by position) says: its title and body. */
  textOf(position: number): string;
  /**
   * Whether an English word the knowledge never uses is one edit from a word a good share of the
   * passages use: "clam" for "claim" is a typo that happens to be a word, not a sign the question
   * is about shellfish. None of the training messages has such a word (the phrasings' own words
   * count as known), so the trained weights stand.
   */
  isSlipOfCommon(word: string): boolean;
}

/** A word in at least this share of the passages is one a slip of the keyboard is read as. */
const COMMON_SHARE = 0.3;

export function createFeatureContext(
  passages: readonly Passage[],
  lexicon: Lexicon,
  training: {
    utterances: readonly { text: string; passage: string }[];
    declines: readonly string[];
  },
): FeatureContext {
  const positionOf = new Map(passages.map((passage, position) => [passage.id, position]));
  const extra = new Map<number, string[]>();
  for (const { text, passage } of training.utterances) {
    const position = positionOf.get(passage);
    if (position === undefined) continue;
    extra.set(position, [...(extra.get(position) ?? []), text]);
  }
  const weightOf = (word: string) =>
    lexicon.inVocabulary(word) ? Math.max(0.5, lexicon.idf(word)) : 2;
  const phrasings = createPhrasingIndex((position) => {
    const passage = passages[position];
    return passage ? [passage.title, ...passage.questions, ...(extra.get(position) ?? [])] : [];
  }, weightOf);
  const places = placeWords();
  const placeCache = new Map<number, ReadonlySet<string>>();
  const placesOf = (position: number) => {
    let found = placeCache.get(position);
    if (!found) {
      const passage = passages[position];
      const text = passage ? [passage.title, ...passage.questions, passage.body].join(' ') : '';
      found = new Set(contentWords(text).filter((word) => places.has(word)));
      placeCache.set(position, found);
    }
    return found;
  };
  const homePlaces = new Set(
    [...places].filter((word) => lexicon.documentFrequency(word) > lexicon.passageCount * 0.3),
  );
  const countries = placeCountries();
  const coveredCountries = new Set<string>();
  for (const passage of passages) {
    if (passage.jurisdiction !== 'general') coveredCountries.add(passage.jurisdiction);
    // A word that names several countries ("ireland": Ireland and Northern Ireland's UK) covers
    // none of them for sure.
    for (const word of contentWords(
      withoutRegions([passage.title, ...passage.questions].join(' ')),
    )) {
      const codes = countries.get(word);
      if (codes?.size === 1) for (const code of codes) coveredCountries.add(code);
    }
  }
  const keyCache = new Map<number, ReadonlySet<string>>();
  const keysOf = (position: number) => {
    let found = keyCache.get(position);
    if (!found) {
      const passage = passages[position];
      const text = passage
        ? [
            passage.title,
            ...passage.questions,
            passage.body,
            passage.topic,
            ...(extra.get(position) ?? []),
          ].join(' ')
        : '';
      found = new Set(contentWords(text).map((word) => lexicon.keyOf(word)));
      keyCache.set(position, found);
    }
    return found;
  };
  // Every word of the passages and phrasings, stop words included ("possibel" is a typo of one),
  // by length: a word is compared only with those a typo's edits away in length.
  let byLength: Map<number, string[]> | undefined;
  const isTypoOfKnown = (word: string, edits = 2) => {
    if (!byLength) {
      const lengths = new Map<number, string[]>();
      const texts = [
        ...passages.map((p) => [p.title, ...p.questions, p.body, p.topic].join(' ')),
        ...training.utterances.map((u) => u.text),
      ];
      for (const spelling of new Set(texts.flatMap((text) => words(text)))) {
        const same = lengths.get(spelling.length) ?? [];
        same.push(spelling);
        lengths.set(spelling.length, same);
      }
      byLength = lengths;
    }
    const allowed = Math.min(edits, word.length >= 6 ? 2 : 1);
    for (let length = word.length - allowed; length <= word.length + allowed; length++)
      for (const spelling of byLength.get(length) ?? [])
        if (distance(word, spelling) <= allowed) return true;
    return false;
  };
  // Built when first needed: most messages have no English word the knowledge lacks.
  let common: string[] | undefined;
  const isSlipOfCommon = (word: string) => {
    if (!common) {
      const counts = new Map<string, number>();
      for (const p of passages)
        for (const known of new Set(contentWords([p.title, ...p.questions, p.body].join(' '))))
          counts.set(known, (counts.get(known) ?? 0) + 1);
      common = [...counts]
        .filter(([known, count]) => known.length >= 4 && count >= passages.length * COMMON_SHARE)
        .map(([known]) => known);
    }
    return (
      word.length >= 4 &&
      common.some(
        (known) => Math.abs(known.length - word.length) <= 1 && distance(known, word) === 1,
      )
    );
  };
  return {
    lexicon,
    phrasings,
    isTypoOfKnown,
    isSlipOfCommon,
    declines: training.declines.map((text) => phrasings.vector(text)),
    phrasingWords: new Set(training.utterances.flatMap((u) => contentWords(u.text))),
    placesOf,
    homePlaces,
    coveredCountries,
    jurisdictionOf: (position) => passages[position]?.jurisdiction ?? 'general',
    keysOf,
    textOf: (position) => {
      const passage = passages[position];
      return passage ? factText(passage) : '';
    },
  };
}

/** The features of every candidate of one query, in the order of FEATURES. */
export function featuresOf(
  query: Query,
  candidates: readonly (Candidate & Coverage)[],
  context: FeatureContext,
  message: string,
): number[][] {
  const { lexicon, phrasings } = context;
  const askVector = phrasings.vector(query.ask);
  const wholeVector = query.ask === message ? askVector : phrasings.vector(message);
  const asked = contentWords(query.ask);
  /** A word the passages, their synonyms or the training phrasings use. */
  const usedByKnowledge = (word: string) =>
    lexicon.inVocabulary(word) || lexicon.isKnown(word) || context.phrasingWords.has(word);
  const unknown = asked.filter(
    (word) => !usedByKnowledge(word) && isEnglishWord(word) && !context.isSlipOfCommon(word),
  );
  // The places asked about, besides the knowledge's home country. One no passage mentions
  // ("japan") is a mismatch for every candidate: the knowledge does not cover it.
  const askedPlaces = asked
    .map((word) => lexicon.placeOf(word))
    .filter((place) => place !== undefined && !context.homePlaces.has(place));
  // A knowledge folder that lists no questions to decline says nothing either way: NaN is read as
  // unknown (the average, see linearScore), not as "far from every decline", which would raise
  // the confidence of every answer on such a folder.
  let declineNearest = context.declines.length ? 0 : Number.NaN;
  const closenessToAsk = cosineWith(askVector);
  for (const decline of context.declines)
    declineNearest = Math.max(declineNearest, closenessToAsk(decline));
  const countries = placeCountries();
  // The places the asking sentences name, a region of the home country aside ("british columbia").
  const namedPlaces = contentWords(withoutRegions(query.ask))
    .map((word) => lexicon.placeOf(word))
    .filter((place) => place !== undefined);
  // Only countries the knowledge is about: a question about one it is not about ("the uk") is
  // uncoveredPlace's to read, and marking every passage as about another country would leave the
  // few about none (general, the United States) ahead of the rest.
  const askedCountries = new Set(
    namedPlaces.flatMap((place) =>
      [...(countries.get(place) ?? [])].filter((code) => context.coveredCountries.has(code)),
    ),
  );
  const aboutAnother = (position: number) => {
    const jurisdiction = context.jurisdictionOf(position);
    return askedCountries.size > 0 &&
      jurisdiction !== 'general' &&
      jurisdiction !== 'US' &&
      !askedCountries.has(jurisdiction)
      ? 1
      : 0;
  };
  const uncoveredPlace = namedPlaces.some(
    (place) =>
      !context.homePlaces.has(place) &&
      countries.has(place) &&
      [...(countries.get(place) ?? [])].every((code) => !context.coveredCountries.has(code)),
  );
  const perQuery = {
    unknownWords: Math.min(unknown.length, 3),
    unknownShare: asked.length ? unknown.length / asked.length : 0,
    unknownPlace: asked.some((word) => lexicon.isUnknownPlace(word)) ? 1 : 0,
    declineNearest,
    uncoveredPlace: uncoveredPlace ? 1 : 0,
  };
  // The sentences that ask, split again where a lowercase sentence follows a full stop ("for
  // weeks. can i work…"), which splitStory's segmenter keeps as one: a story's rare words
  // ("stockpiling") are not what is asked.
  const questions = [...askedSentences(query.ask.split(/(?<=[.!?])\s+/u).map((s) => s.trim()))];
  const asking = questions.length ? questions.join(' ') : query.ask;
  const focus = focusOf(contentWords(asking), context);
  // A name is no typo of a word the knowledge uses when a single edit does not reach one: "hanna"
  // is Hannah, but two edits would make "edward" a typo of "toward".
  const knows = (word: string) => usedByKnowledge(word) || context.isTypoOfKnown(word, 1);
  const unknownPerson = namesUnknownPerson(words(asking), knows) ? 1 : 0;
  const predicts = asksPrediction(asking) ? 1 : 0;
  const top = Math.max(...candidates.map((c) => c.score), 1e-9);
  const toAsk = phrasings.similarityTo(askVector);
  const toWhole = wholeVector === askVector ? undefined : phrasings.similarityTo(wholeVector);
  const similarities = candidates.map((c) => ({
    ask: toAsk(c.position),
    whole: toWhole?.(c.position),
  }));
  const bestCentroid = Math.max(...similarities.map((s) => s.ask.centroid), 0);
  return candidates.map((candidate, i) => {
    const similarity = similarities[i] as (typeof similarities)[number];
    const mentioned = context.placesOf(candidate.position);
    const values: Record<FeatureName, number> = {
      bm25: candidate.score / top,
      rank: 1 / candidate.rank,
      coverage: candidate.coverage,
      questionCoverage: candidate.questionCoverage,
      askCoverage: candidate.askCoverage,
      nearest: similarity.ask.nearest,
      centroid: similarity.ask.centroid,
      centroidGap: similarity.ask.centroid - bestCentroid,
      nearestWhole: (similarity.whole ?? similarity.ask).nearest,
      placeMismatch:
        askedPlaces.length && !askedPlaces.some((place) => place && mentioned.has(place)) ? 1 : 0,
      focusMissing: focusMissing(focus, context.keysOf(candidate.position)),
      factMissing: factMissing(asking, context.textOf(candidate.position)),
      jurisdictionMismatch: aboutAnother(candidate.position),
      unknownPerson,
      asksPrediction: predicts,
      ...perQuery,
    };
    return FEATURES.map((name) => values[name]);
  });
}

/** One of the asking sentences' most specific words: the keys it is found under, and its weight. */
interface Focus {
  keys: string[];
  weight: number;
}

/**
 * The asking sentences' FOCUS_WORDS rarest words across the passages (by IDF), each with the keys
 * of its synonyms. Left out: the knowledge's home country, and typos (a word neither the
 * knowledge, its phrasings nor English uses, within a typo's edits of one they use, says nothing
 * of what is asked). A word in no dictionary and no typo is kept: a drug, an insurer or a visa
 * the knowledge never names is what is asked about.
 */
export function focusOf(asked: readonly string[], context: FeatureContext): Focus[] {
  const { lexicon } = context;
  // A synonym may be a phrase ("work visa" for "work permit"): a word's other spellings are those
  // of the phrases it makes alone or with the word before or after it.
  const synonymKeys = (at: number) =>
    [
      asked[at] ?? '',
      `${asked[at - 1] ?? ''} ${asked[at]}`,
      `${asked[at]} ${asked[at + 1] ?? ''}`,
    ].flatMap((text) =>
      lexicon.expand(text.trim()).flatMap((expansion) => expansion.words.map(lexicon.keyOf)),
    );
  return asked
    .map((word, at) => ({ word: lexicon.placeOf(word) ?? word, at }))
    .filter(
      ({ word }) =>
        !context.homePlaces.has(word) &&
        (lexicon.inVocabulary(word) ||
          context.phrasingWords.has(word) ||
          placeWords().has(word) ||
          (isEnglishWord(word) && !context.isSlipOfCommon(word)) ||
          (/^[a-z]{4,}$/.test(word) && !context.isTypoOfKnown(word))),
    )
    .map(({ word, at }) => ({
      keys: [lexicon.keyOf(word), ...synonymKeys(at)],
      weight: lexicon.idf(word),
    }))
    .sort((a, b) => b.weight - a.weight)
    .slice(0, FOCUS_WORDS);
}

/** The weighed share of the focus words a passage's keys lack (0 when nothing is in focus). */
export function focusMissing(focus: readonly Focus[], keys: ReadonlySet<string>): number {
  let all = 0;
  let missing = 0;
  for (const { keys: alternatives, weight } of focus) {
    all += weight;
    if (!alternatives.some((key) => keys.has(key))) missing += weight;
  }
  return all ? missing / all : 0;
}

/** Regions of the US and Canada whose names hold a country's word ("British Columbia"). */
const REGIONS = /\b(british columbia|new england|new mexico)\b/giu;
const withoutRegions = (text: string) => text.replace(REGIONS, ' ');

import { NO_PHRASINGS, type Phrasings } from '../knowledge/phrasings.ts';
import type { Passage, SynonymGroups } from '../knowledge/schema.ts';
import { createCandidateSearch } from './candidates.ts';
import { coverageFor } from './coverage.ts';
import { createFeatureContext, featuresOf } from './features.ts';
import { createLexicon } from './lexicon.ts';
import type { MeaningIndex } from './meaning.ts';
import type { Model } from './model.ts';
import { askedAsSelf } from './perspective.ts';
import { buildQuery } from './query.ts';
import {
  defaultMeaningModel,
  defaultModel,
  firstRanked,
  scoreCandidates,
  trustedFirst,
} from './scorer.ts';
import { contentWords } from './text.ts';
import { DEFAULT_TUNING, type Tuning } from './tuning.ts';

export { DEFAULT_TUNING, type Tuning } from './tuning.ts';

/** A passage that matched a question, with how well it matched. */
export interface Hit {
  id: string;
  /** MiniSearch's BM25+ score: comparable between hits of one search only. */
  score: number;
  /**
   * Share of the question's meaning this passage matched (0..1): matched words weighted by how
   * rare they are in the knowledge. "Weather in Toronto" matches "Toronto" but not the rarer,
   * unknown "weather", so its coverage stays low and the bot abstains.
   */
  coverage: number;
  /** The question words the passage matched. */
  matched: string[];
  /**
   * Like coverage, counting only words matched in the passage's title or listed questions: the
   * curated ways of asking. Words found only in a body ("Toronto", "bank") say little about
   * whether the passage answers the question.
   */
  questionCoverage: number;
  /** Like coverage, over the sentences that ask only (not the story told before them). */
  askCoverage: number;
  /**
   * The scorer's probability (0..1) that this passage answers the message: what hits are ranked
   * by, and what the decision to answer or decline reads (see ranker.ts).
   */
  confidence: number;
}

export interface SearchOptions {
  /** An earlier question of the same conversation, read as context for a short follow-up. */
  context?: string;
  /** How many hits to return at most (default 5). */
  limit?: number;
  /**
   * Leave words the knowledge never uses out of coverage. For questions in another language,
   * whose grammar words would otherwise make every match look weak.
   */
  knownWordsOnly?: boolean;
  /**
   * A question asked for a relative or a friend that the scorer would decline is asked again as
   * for oneself (perspective.ts), for a message read on its own. Not for a follow-up: "can my
   * husband work too?" after an answer about a work permit of one's own asks whether he can,
   * which the conversation's reading weighs.
   */
  asSelf?: boolean;
}

export interface Retriever {
  search(question: string, options?: SearchOptions): Hit[];
  /** The confidence from which the best hit is an answer: below it, decline. */
  threshold: number;
  /**
   * Every candidate's features (FEATURES order, then MEANING_FEATURES when the message was
   * measured in meaning), for training the scorer (scripts/train.ts).
   */
  features(question: string, options?: SearchOptions): { id: string; features: number[] }[];
  /** The built index as plain data, for createRetriever to start from without rebuilding it. */
  save(): SavedIndex;
}

/** A built index as plain data (JSON-safe): MiniSearch's own, and the knowledge's words' terms. */
export interface SavedIndex {
  minisearch: ReturnType<ReturnType<typeof createCandidateSearch>['save']>;
  words: [string, string[]][];
}

/** Without a scorer, confidence is coverage: the share of the message a passage matched. */
const NO_MODEL_THRESHOLD = 0.3;

/** What the scorer learns from, and the scorer. */
export interface Learned {
  /** Training phrasings and declines of the knowledge (phrasings/*.yaml). */
  phrasings?: Phrasings;
  /**
   * The trained scorer (default: ranker.json). null ranks by MiniSearch's score times coverage,
   * with coverage as confidence: the ranking before the scorer, kept to train the scorer on.
   */
  model?: Model | null;
  /**
   * The knowledge as sentence vectors (meaning.ts): its features join the lexical ones, and the
   * passages closest in meaning join the candidates. Without it, or when the encoder fails on a
   * message, that message is ranked lexically.
   */
  meaning?: MeaningIndex;
  /** The scorer over lexical and meaning features (default: ranker-meaning.json). */
  meaningModel?: Model | null;
  /**
   * The lexical scorer's confidence from which a message is answered by words alone, without
   * asking the encoder (default: ENCODE_BELOW). Encoding is most of a question's time (about 25 ms
   * for a short one, over 100 ms for a long story), and a message the lexical scorer is this sure
   * of gets the same answer either way (dev: 133 of 133 above 0.8). 1 always encodes.
   */
  encodeBelow?: number;
}

/**
 * The confidence from which a question asked for someone else, read as asked for oneself,
 * is answered so. Chosen on the dev split: of its questions the scorer declines as worded and
 * answers read for oneself, the 4 read at 0.8 and more were right; from 0.13 to 0.4, 5 of 7 were
 * ones to decline ("my girlfriend is canadian, can she sponsor me?", "my son became a canadian
 * citizen, can he bring me?") and 2 answered wrongly.
 */
export const AS_SELF_FROM = 0.4;

/** See Learned.encodeBelow: chosen on the dev split (`npm run eval -- --split dev`). */
export const ENCODE_BELOW = 0.8;

/**
 * Indexes `passages` for search, or, given `saved` (from save() on the same passages), loads that
 * index instead of building it: a fraction of the time on a large knowledge base. A search builds
 * the query (query.ts), finds candidates with MiniSearch (candidates.ts), measures how much of the
 * message each covers (coverage.ts), and ranks them by the scorer's probability that they answer
 * it (features.ts, model.ts).
 */
export function createRetriever(
  passages: Passage[],
  synonyms: SynonymGroups,
  tuning: Tuning = DEFAULT_TUNING,
  saved?: SavedIndex,
  learned: Learned = {},
): Retriever {
  const lexicon = createLexicon(passages, synonyms, tuning, saved?.words);
  const candidates = createCandidateSearch(passages, lexicon, tuning, saved?.minisearch);
  const model = learned.model === undefined ? defaultModel() : learned.model;
  const context = createFeatureContext(passages, lexicon, learned.phrasings ?? NO_PHRASINGS);

  const meaningModel =
    learned.meaning && learned.meaningModel === undefined
      ? defaultMeaningModel()
      : learned.meaningModel;

  const lexicalThreshold = model ? model.threshold : NO_MODEL_THRESHOLD;
  const threshold = (learned.meaning ? meaningModel?.threshold : undefined) ?? lexicalThreshold;
  // A message scored without meaning while meaning is on (the encoder failed on it, or it is not
  // in English) has the lexical scorer's confidence, calibrated to the lexical threshold: moved
  // in log-odds so that threshold falls on the one every decision is read against.
  const fromLexical =
    threshold === lexicalThreshold
      ? (p: number) => p
      : (p: number) => sigmoid(logit(p) - logit(lexicalThreshold) + logit(threshold));

  const encodeBelow = learned.encodeBelow ?? ENCODE_BELOW;
  /** The lexical scorer's confidence in the candidate it ranks first (none: never sure). */
  const lexicalTop = (rows: readonly number[][]) => (model ? topConfidence(model, rows) : 0);

  const scored = (message: string, options: SearchOptions, shortcut = true) => {
    const query = buildQuery(message, options, lexicon, tuning);
    if (!query) return undefined;
    const measure = coverageFor(query, lexicon, tuning);
    const found = candidates.search(query).map((c) => ({ ...c, ...measure(c) }));
    const index = learned.meaning;
    // A follow-up is measured with the conversation's earlier question, as its words are searched.
    const withContext = (text: string) => (options.context ? `${options.context} ${text}` : text);
    const lexical = () => ({
      found,
      features: featuresOf(query, found, context, message),
      meaning: false,
    });
    // The encoder knows English only: a message in another language is matched by the words
    // it shares with the knowledge (knownWordsOnly), as before the encoder.
    if (!index || options.knownWordsOnly) return lexical();
    if (shortcut && model && encodeBelow < 1) {
      const words = lexical();
      if (lexicalTop(words.features) >= encodeBelow) return words;
    }
    const meaning = index.measure(
      query.ask === message
        ? [withContext(message)]
        : [withContext(query.ask), withContext(message)],
    );
    if (!meaning) return lexical();
    // Passages close in meaning that share no word with the message ("get sent home" for a
    // removal order) join the candidates, with no full-text match.
    for (const position of meaning.closest) {
      const passage = passages[position];
      if (!passage || found.some((c) => c.position === position)) continue;
      const candidate = {
        id: passage.id,
        position,
        score: 0,
        rank: Number.POSITIVE_INFINITY,
        matched: new Set<string>(),
        inQuestions: new Set<string>(),
      };
      found.push({ ...candidate, ...measure(candidate) });
    }
    const rows = featuresOf(query, found, context, message).map((row, i) => [
      ...row,
      ...index.featuresOf(meaning, found[i]?.position ?? 0),
    ]);
    return { found, features: rows, meaning: true };
  };

  /**
   * Whether a message names nothing the knowledge or its training phrasings use, and no passage
   * matched a word of it ("tl;dr", "eli5", "can you dm me"): the encoder still finds passages
   * near it in meaning, and the scorer, which never saw such messages, trusted them (0.80 for
   * "tl;dr"). An answer to it would be a guess. A typo of a known word matches fuzzily, so it is
   * not such a message.
   */
  const namesNothingKnown = (message: string, found: readonly { matched: ReadonlySet<string> }[]) =>
    found.every((candidate) => candidate.matched.size === 0) &&
    contentWords(message).every(
      (word) =>
        !lexicon.inVocabulary(word) && !lexicon.isKnown(word) && !context.phrasingWords.has(word),
    );

  return {
    save: () => ({ minisearch: candidates.save(), words: lexicon.savedWords() }),
    threshold,
    features(message, options = {}) {
      // Training measures every message in meaning, sure or not.
      const result = scored(message, options, false);
      if (!result) return [];
      return result.found.map((c, i) => ({ id: c.id, features: result.features[i] ?? [] }));
    },
    search(message, options = {}) {
      const hits = searchAsAsked(message, options);
      // Asked for a relative or a friend and not answered: asked again as for oneself, the way
      // the knowledge's questions are written (perspective.ts). Only a reading the scorer is
      // fairly sure of replaces the first: a question whose relative is what it is about ("my
      // girlfriend is canadian, can she sponsor me?") reads as another question for oneself.
      if (!options.asSelf || (hits[0]?.confidence ?? 0) >= threshold) return hits;
      const self = askedAsSelf(message);
      if (self === undefined) return hits;
      const asSelf = searchAsAsked(self, options);
      return (asSelf[0]?.confidence ?? 0) >= Math.max(threshold, AS_SELF_FROM) ? asSelf : hits;
    },
  };

  /** The hits of the message as it is worded, best first. */
  function searchAsAsked(message: string, options: SearchOptions): Hit[] {
    const result = scored(message, options);
    if (!result) return [];
    const scorer = result.meaning ? meaningModel : model;
    const scores = scorer ? scoreCandidates(scorer, result.features) : undefined;
    const guess = !options.context && namesNothingKnown(message, result.found);
    const confidenceOf = guess ? () => 0 : result.meaning ? (p: number) => p : fromLexical;
    const hits: (Hit & { rank: number })[] = result.found.map((candidate, i) => ({
      id: candidate.id,
      score: candidate.score,
      matched: [...candidate.matched],
      coverage: candidate.coverage,
      questionCoverage: candidate.questionCoverage,
      askCoverage: candidate.askCoverage,
      confidence: confidenceOf(scores?.[i]?.confidence ?? candidate.coverage),
      rank: scores?.[i]?.rank ?? candidate.score * candidate.coverage ** tuning.coverageExponent,
    }));
    // Without a scorer: BM25 weighed by coverage, so that a passage full of common words and
    // their synonyms does not outrank the one passage that names what was asked ("Mexico").
    return trustedFirst(
      hits.sort((a, b) => b.rank - a.rank),
      threshold,
    )
      .slice(0, options.limit ?? 5)
      .map(({ rank: _, ...hit }) => hit);
  }
}

/** The confidence the scorer gives the candidate it ranks first (0 for none). */
function topConfidence(model: Model, rows: readonly number[][]): number {
  const scores = scoreCandidates(model, rows);
  return scores[firstRanked(scores)]?.confidence ?? 0;
}

const logit = (p: number) => {
  const q = Math.min(1 - 1e-9, Math.max(1e-9, p));
  return Math.log(q / (1 - q));
};
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

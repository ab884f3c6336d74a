import { askingWords, questionStems, relevance } from '../compose/focus.ts';
import type { Passage } from '../knowledge/schema.ts';
import { factMissing, factText } from '../retrieval/facts-asked.ts';
import type { Hit, SearchOptions } from '../retrieval/index.ts';
import { probability } from '../retrieval/model.ts';
import { placeWords } from '../retrieval/places.ts';
import { contentWords, isCommonWord, stem } from '../retrieval/text.ts';
import {
  asksAfterRefusal,
  asksWhatComesNext,
  looksLikeFollowUp,
  nextAskingWords,
  pointsBack,
  swapsSubject,
} from './follow-up.ts';
import { followUpModel } from './follow-up-model.ts';
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
  /**
   * How close two passages are in meaning (the encoder's vectors of the knowledge, made once):
   * undefined without the encoder.
   */
  related?: (a: string, b: string) => number | undefined;
  /** How many hits of the search with the conversation as context are weighed (experiments). */
  contextCandidates?: number;
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

/** Whether a message needs the conversation to make sense: it reads as a follow-up, or is short. */
const leansOnConversation = (text: string) =>
  looksLikeFollowUp(text) || contentWords(text).length <= SHORT;

/** From this many words that name a subject, a message says what it is about. */
const MANY_NAMED = 4;

/** How many hits of each search, the message's own and the one in context, are weighed. */
const CANDIDATES = 5;
/** How many hits of the search with the conversation as context are weighed. */
export const CONTEXT_CANDIDATES = 5;

/** A passage that could answer a follow-up, with what the choice between readings weighs. */
export interface FollowUpCandidate {
  /** The hit of the search that ranked it higher: the one in context or the message's own. */
  hit: Hit;
  /** Features in {@link FOLLOW_UP_FEATURES} order. */
  features: number[];
}

/**
 * Reads a message against the conversation's last answer. The passages the message finds on its
 * own and those it finds with the last answer's passages as context are weighed together by a
 * small linear model (follow-up-model.json, trained by `scripts/train-follow-ups.ts` on the
 * older dev conversations and on ones written for it), which learned when the reading that fits
 * the conversation wins:
 * a short message or one that refers back ("how long do I have?" after an answer about appeals)
 * stays with what was just shown when one of its sentences answers it; a message that names
 * something new ("what about Italy?") moves to a passage that names it, keeping the subject; a
 * message that says what it means stands alone.
 *
 * A message that, read alone, the scorer is all but sure asks something outside the knowledge
 * ("can we bring our cat there?", "what about Australia?") is declined, whatever passage the
 * conversation would lend it: see {@link OUTSIDE_BELOW}.
 */
export function readAgainst(
  text: string,
  last: LastAnswer | undefined,
  options: ReadOptions,
): Reading {
  const { search, confident, knownWordsOnly = false } = options;
  const alone = search(text, { knownWordsOnly, asSelf: last === undefined });
  const standalone: Reading = { hits: alone, inContext: false, answerable: confident(alone[0]) };
  const weighed = last && followUpCandidates(text, last, { ...options, alone });
  if (!weighed) return standalone;
  const { candidates, answersIt, surely } = weighed;
  const model = followUpModel(FOLLOW_UP_FEATURES);
  // What the knowledge says is left after a refusal, when that is what is asked, is not weighed
  // against the rest: the model, fitted on few such turns, let the passage the message's words
  // find ("fails": removal orders) win over the appeal's next step.
  const sure = (candidate: FollowUpCandidate) => (candidate.hit.id === surely ? 1 : 0);
  const scored = candidates
    .map((candidate) => ({ ...candidate, p: probability(model, candidate.features) }))
    .sort((a, b) => sure(b) - sure(a) || b.p - a.p);
  const hits = scored.map((candidate) => candidate.hit);
  const [first] = hits;
  // A passage kept for bearing on the message still does not answer it when it gives none of the
  // specific fact asked ("and what's the fee?" after a passage that names no fee): the scorer's
  // confidence reads that (factMissing), and so must the way around it.
  const answerable =
    first !== undefined &&
    !readsAsOutside(alone) &&
    (confident(first) || (answersIt(first) && !givesNoneAsked(text, options.passage(first.id))));
  // When the conversation leads to what the message finds alone, the message said what it
  // meant: its own hits follow, not passages of the conversation that it did not ask about.
  if (first?.id === alone[0]?.id) return { ...standalone, answerable };
  return {
    hits: [...hits, ...alone.filter((hit) => !hits.some((h) => h.id === hit.id))],
    inContext: true,
    answerable,
  };
}

/**
 * Below this confidence in its first hit, a follow-up read alone asks something outside the
 * knowledge, and the conversation does not make it answerable: the titles of the passages just
 * shown, searched with it, lift any message over the scorer's threshold (0.13), so "can we bring
 * our cat there?" after Dutch asylum found that passage "confident". The scorer, reading the
 * message alone, weighs what declines it (words no passage uses, a country the knowledge does
 * not cover, the questions listed to decline). Of the held-out dev follow-ups before the
 * twenty-second part, it put 34 below 0.005 and 31 of them were ones to decline; real follow-ups
 * rarely fall that low ("how long does that take?" reads as some passage's question). Chosen
 * there (session 31): every value from 0.005 to 0.03 did equally well, and the smallest declines
 * least. On the six parts after, never looked at for it, 6 of 6 below it were to decline.
 */
export const OUTSIDE_BELOW = 0.005;

/** Whether the message, read alone, is all but sure to ask something outside the knowledge. */
const readsAsOutside = (alone: readonly Hit[]) =>
  alone[0] !== undefined && alone[0].confidence < OUTSIDE_BELOW;

/** Names of the features {@link followUpCandidates} measures, in order. */
export const FOLLOW_UP_FEATURES = [
  /** It is the passage {@link fitsConversation}'s rule of thumb reads the message as asking about. */
  'fitsConversation',
  /** It was just shown, and the message names nothing of its own ("how long does that take?"). */
  'shownWhenNothingNamed',
  /** The message's own confidence in it, the more so the more the message names. */
  'aloneConfidenceWhenNaming',
  /** The confidence in it of the search with the conversation as context. */
  'contextConfidence',
  /**
   * For a message that asks the same of something else ("what about Italy?"), the share of its
   * title that the passages just shown share: it keeps the conversation's subject.
   */
  'keepsSubjectWhenSwapping',
  /** Both readings agree: it was just shown and it is what the message finds first alone. */
  'shownAndFoundAlone',
  /** It was just shown. */
  'wasShown',
  /**
   * Not shown, but a neighbour of what was: the share of its title that the titles just shown
   * share ("how long does that take?" after Irish citizenship: the Foreign Births Register).
   */
  'neighbourOfShown',
  /** A sentence of it says the kind of fact the message asks for ("how long": a duration). */
  'saysWhatIsAsked',
  /** The message's own confidence in it, whatever the message names. */
  'aloneConfidence',
  /**
   * It is the passage the answer led with, and the message points back at a thing ("does it
   * stop deportation?") naming nothing new: "it" is what was just answered, not a passage quoted
   * beside it.
   */
  'leadPointedAt',
  /**
   * Not shown, but what the passages just shown mention: the share of its title's subject words
   * that their bodies use and their titles do not ("If the RAD refuses the appeal … the Federal
   * Court"): the knowledge's own link to the next step a follow-up asks about.
   */
  'mentionedByShown',
  /**
   * It was just shown, and all the message names anew is people ("and for my kids?", "can my
   * wife get it too?" after an answer about health cover): the same question, asked for someone
   * else, not a move to a passage about children.
   */
  'shownForSomeoneElse',
  /**
   * Not shown: how close it is in meaning to the passage the answer led with (the encoder's
   * vectors of the two passages; 0 without the encoder). The next step a follow-up asks about
   * ("how do I apply?" after who qualifies) is near what was shown; a passage the message's
   * words alone pull in from another subject is not.
   */
  'closeToShown',
  /** Not shown, and of the candidates not shown the one closest in meaning to the lead. */
  'closestToShown',
  /** 1 for the first hit of the search with the conversation as context, 1/2 the second, … */
  'contextRank',
  /**
   * Not shown, but what the knowledge says people ask after the passage the answer led with (its
   * `next` list: an appeal after a refused hearing, how to apply after who qualifies): 1, or 1/2
   * when only another passage shown lists it.
   */
  'nextOfShown',
] as const;

/**
 * The passages that could answer a follow-up, each with the features that tell the readings
 * apart; undefined when nothing was shown. A message that names something the passages in
 * context do not cover is weighed too: "when are they supposed to rule" after the court
 * challenges to Bill C-12 names "rule", which no passage found with the conversation matches,
 * and still asks about what was shown. The learned choice tells it from "what about Sweden?",
 * which the message's own reading wins (session 31: reading such messages alone, as before, lost
 * 6 points of the held-out dev follow-ups).
 */
export function followUpCandidates(
  text: string,
  last: LastAnswer,
  options: ReadOptions & { alone: Hit[] },
):
  | {
      candidates: FollowUpCandidate[];
      answersIt: (hit: Hit) => boolean;
      /** The candidate the message surely asks for, whatever the model weighs: see stepAsked. */
      surely?: string;
    }
  | undefined {
  const { search, confident, passage, subjects, alone, related } = options;
  const contextLimit = options.contextCandidates ?? CONTEXT_CANDIDATES;
  const shown = last.passages.map((id) => passage(id)).filter((p) => p !== undefined);
  if (shown.length === 0) return undefined;
  const fresh = freshWords(text, shown, subjects);
  // "It" or "that" is one thing, the one the answer led with: its title alone is the context, so
  // that a passage quoted beside it does not pull the message its way ("does it stop
  // deportation?" after a PRRA answer that quoted Bill C-2 second).
  const context = shown
    .slice(0, pointsAtThing(text, fresh) ? 1 : 2)
    .map((p) => p.title)
    .join(' ');
  const inContext = search(withPlaceFor(text, context), { context, limit: contextLimit });
  const wasShown = (hit: Hit) => last.passages.includes(hit.id);
  const nextOf = nextOfShown(shown);
  const leans = leansOnConversation(text);
  // A passage just shown fits when one of its sentences answers the message ("15 days" for
  // "how long"); any other needs the scorer's confidence.
  const answersIt = (hit: Hit) => {
    const shownPassage = wasShown(hit) ? passage(hit.id) : undefined;
    return shownPassage !== undefined && bearsOn(shownPassage, text);
  };
  // The next step the knowledge links what was shown to answers a message that leans on the
  // conversation ("and if that fails too?") when the model leads with it, confident or not.
  const continuesIt = (hit: Hit) => !wasShown(hit) && leans && nextOf(hit.id) > 0;
  const fits = inContext.slice(0, CANDIDATES).filter((hit) => confident(hit) || answersIt(hit));
  const forSomeoneElse = asksForSomeoneElse(text, fresh);
  // The same question asked for someone else ("and my wife, can she get one?" after the CUSMA
  // work permit) is not answered by a passage that speaks of no one but the asker: read alone.
  if (forSomeoneElse && !speaksOfPeople(shown[0])) return undefined;

  const step = stepAsked(text, shown[0], fresh, subjects);
  const fitting = fitsConversation(text, {
    last,
    step,
    alone,
    fits,
    fresh,
    context,
    subjects,
    confident,
    answersIt,
  });
  // The words that say what about, as opposed to what kind of fact is asked ("how long", "apply").
  const asking = new Set(askingWords(text).map(stem));
  const named = contentWords(text).filter((word) => !asking.has(stem(word))).length;
  const naming = Math.min(named, MANY_NAMED) / MANY_NAMED;
  const shownTitles = new Set(shown.flatMap((p) => contentWords(p.title).map(stem)));
  const keeps = (id: string) => {
    const words = contentWords(passage(id)?.title ?? '').map(stem);
    return words.filter((word) => shownTitles.has(word)).length / (words.length || 1);
  };
  const swapping = swapsSubject(text) ? 1 : 0;
  const leadPointedAt = pointsAtThing(text, fresh) ? last.passages[0] : undefined;
  const mentioned = mentionsIn(shown, subjects);
  const [lead] = last.passages;
  const closeness = (id: string) =>
    lead === undefined || last.passages.includes(id) ? 0 : Math.max(0, related?.(id, lead) ?? 0);
  // The passage the answer led with is always weighed: "does it stop deportation?" may find it
  // in neither search when its words are not the passage's.
  const ids = new Set([
    ...inContext.map((hit) => hit.id),
    ...alone.slice(0, CANDIDATES).map((hit) => hit.id),
    ...(leadPointedAt ? [leadPointedAt] : []),
    // What the knowledge says comes next: "and if that fails too?" shares no word with it.
    ...stepsAfter(shown[0], text).filter((id) => passage(id) !== undefined),
  ]);
  const closest = [...ids].reduce<string | undefined>(
    (best, id) => (closeness(id) > (best === undefined ? 0 : closeness(best)) ? id : best),
    undefined,
  );
  const candidates = [...ids].map((id): FollowUpCandidate => {
    const contextAt = inContext.findIndex((hit) => hit.id === id);
    const mine = alone.find((hit) => hit.id === id);
    const inThread = inContext.find((hit) => hit.id === id);
    const found = [inThread, mine].filter((h) => h !== undefined);
    const hit = found.length
      ? found.reduce((a, b) => (b.confidence > a.confidence ? b : a))
      : unfound(id);
    return {
      hit,
      features: [
        fitting?.id === id ? 1 : 0,
        wasShown(hit) && named === 0 ? 1 : 0,
        (mine?.confidence ?? 0) * naming,
        inThread?.confidence ?? 0,
        swapping * keeps(id),
        wasShown(hit) && alone[0]?.id === id ? 1 : 0,
        wasShown(hit) ? 1 : 0,
        wasShown(hit) ? 0 : keeps(id),
        saysWhatIsAsked(passage(id), text),
        mine?.confidence ?? 0,
        leadPointedAt === id ? 1 : 0,
        wasShown(hit) ? 0 : mentioned(passage(id)),
        wasShown(hit) && forSomeoneElse ? 1 : 0,
        closeness(id),
        closest === id ? 1 : 0,
        contextAt === -1 ? 0 : 1 / (contextAt + 1),
        wasShown(hit) ? 0 : nextOf(id),
      ],
    };
  });
  return {
    candidates,
    answersIt: (hit) => answersIt(hit) || continuesIt(hit),
    ...(step?.ifRefused ? { surely: step.id } : {}),
  };
}

/**
 * Words for the people a question can be asked for: the asker's family and partners. A message
 * that names only these anew asks the same thing for someone else.
 */
const PEOPLE =
  /^(kids?|child|children|sons?|daughters?|wife|husband|spouse|partner|boyfriend|girlfriend|fianc[ée]e?|parents?|mom|mum|mother|dad|father|brothers?|sisters?|siblings?|baby|babies|family|grand(?:ma|pa|mother|father|parents?|kids?|children)|teens?|teenagers?|toddlers?|infants?|dependants?|dependents?)$/i;

/** Whether all the message names anew, and something it does, is people ("and for my kids?"). */
function asksForSomeoneElse(text: string, fresh: ReadonlySet<string>): boolean {
  const people = contentWords(text).filter((word) => PEOPLE.test(word));
  return people.length > 0 && [...fresh].every((word) => PEOPLE.test(word));
}

/** Whether a passage speaks of the people a question can be asked for ("children", "parents"). */
function speaksOfPeople(passage: Passage | undefined): boolean {
  return passage !== undefined && contentWords(passage.body).some((word) => PEOPLE.test(word));
}

/** A place or a subject of the knowledge: what a message swaps in or moves on to. */
function namesSubject(word: string, subjects: ReadonlySet<string>): boolean {
  return placeWords().has(word) || subjects.has(stem(word));
}

/** The step after what was just answered that a message asks for (see {@link stepAsked}). */
interface StepAsked {
  id: string;
  /** It is the passage's `ifRefused`, and the message asks what is left after a refusal. */
  ifRefused: boolean;
}

/**
 * The step the knowledge says comes after the passage the answer led with, when the message
 * asks for it and names nothing new ("and if that fails too?" after the appeal division; not
 * "and if the appeal fails, is there a court?", which names its own subject).
 */
function stepAsked(
  text: string,
  lead: Passage | undefined,
  fresh: ReadonlySet<string>,
  subjects: ReadonlySet<string>,
): StepAsked | undefined {
  if (!lead || !asksWhatComesNext(text)) return undefined;
  const askingNext = nextAskingWords(text);
  const namesNew = [...fresh].some((word) => !askingNext.has(word) && namesSubject(word, subjects));
  const [id] = stepsAfter(lead, text);
  if (namesNew || id === undefined) return undefined;
  return { id, ifRefused: id === lead.ifRefused && asksAfterRefusal(text) };
}

/**
 * The passages the knowledge says come after one, the likeliest first: what is left if it goes
 * against the asker (`ifRefused`) for a message that asks that ("and if they say no too?"), then
 * its `next` list.
 */
function stepsAfter(lead: Passage | undefined, text: string): string[] {
  if (!lead) return [];
  const refused = lead.ifRefused && asksAfterRefusal(text) ? [lead.ifRefused] : [];
  return [...new Set([...refused, ...(lead.next ?? [])])];
}

/** The passages a passage links to as what comes after it: its `next` list and `ifRefused`. */
const linkedFrom = (passage: Passage) => [
  ...(passage.next ?? []),
  ...(passage.ifRefused ? [passage.ifRefused] : []),
];

/**
 * How much the passages just shown list another as what people ask next (their `next` and
 * `ifRefused` fields): 1 when the one the answer led with does, 1/2 when only another does.
 */
function nextOfShown(shown: readonly Passage[]): (id: string) => number {
  const [lead, ...others] = shown;
  const fromLead = new Set(lead ? linkedFrom(lead) : []);
  const fromOthers = new Set(others.flatMap(linkedFrom));
  return (id) => (fromLead.has(id) ? 1 : fromOthers.has(id) ? 0.5 : 0);
}

/** A passage neither search found, weighed for what the conversation says of it alone. */
const unfound = (id: string): Hit => ({
  id,
  score: 0,
  coverage: 0,
  matched: [],
  questionCoverage: 0,
  askCoverage: 0,
  confidence: 0,
});

/**
 * How much the passages just shown mention another passage: the share of the subject words of
 * its title (see {@link subjectWords}) that their bodies use, less those their titles already
 * share (those keep the subject: `neighbourOfShown`).
 */
function mentionsIn(
  shown: readonly Passage[],
  subjects: ReadonlySet<string>,
): (candidate: Passage | undefined) => number {
  const titled = new Set(shown.flatMap((p) => contentWords(p.title).map(stem)));
  const said = new Set(shown.flatMap((p) => contentWords(p.body).map(stem)));
  return (candidate) => {
    if (!candidate) return 0;
    const words = [...new Set(contentWords(candidate.title).map(stem))].filter(
      (word) => subjects.has(word) && !titled.has(word),
    );
    return words.length ? words.filter((word) => said.has(word)).length / words.length : 0;
  };
}

/**
 * The passage a rule of thumb reads the message as asking about: a message that says what it
 * means and is answered alone stands alone; one that names nothing new stays with the passage
 * just shown when one of its sentences answers it; one that names something new moves to a
 * passage that names it, keeping the conversation's subject ("what about Italy?" after Irish
 * citizenship: Italian citizenship by descent, not asylum in Italy). A feature of the learned
 * choice, which weighs it against the others.
 */
function fitsConversation(
  text: string,
  thread: {
    last: LastAnswer;
    /** The step after the passage the answer led with that the message asks for, if it does. */
    step: StepAsked | undefined;
    alone: readonly Hit[];
    fits: readonly Hit[];
    fresh: ReadonlySet<string>;
    context: string;
    subjects: ReadonlySet<string>;
    confident: (hit: Hit | undefined) => boolean;
    answersIt: (hit: Hit) => boolean;
  },
): Hit | undefined {
  const { last, step, alone, fits, fresh, context, subjects, confident, answersIt } = thread;
  // "And if that fails too?" after the appeal division: the step the knowledge says comes next,
  // whatever the message's own words ("fails") find alone.
  if (step !== undefined) return fits.find((hit) => hit.id === step.id) ?? unfound(step.id);
  const leans = leansOnConversation(text);
  if ((!leans && confident(alone[0])) || fits.length === 0) return alone[0];
  const adds = (hit: Hit) => hit.matched.some((word) => fresh.has(word));
  const wasShown = (hit: Hit) => last.passages.includes(hit.id);
  // The same question asked for someone else ("and my wife?") is about what was just shown.
  const [shownFirst] = last.passages;
  if (shownFirst !== undefined && asksForSomeoneElse(text, fresh))
    return fits.find((hit) => hit.id === shownFirst) ?? unfound(shownFirst);
  if (fresh.size === 0) {
    const stays = fits.find(answersIt);
    if (stays) return stays;
  }
  const movesOn = movesOnFrom(text, fresh);
  const pool =
    fresh.size === 0 ? fits : fits.filter((hit) => adds(hit) && !(movesOn && wasShown(hit)));
  const kept = contentWords(context).filter(
    (word) => !(movesOn && swapsSubject(text) && namesSubject(word, subjects)),
  );
  // "It" or "that" points at what was just shown ("there" only at its place): at the passage the
  // answer led with when it bears on the message, though neither search found it.
  const [lead] = last.passages;
  const pointedAt = !pointsAtThing(text, fresh)
    ? undefined
    : (pool.find((hit) => hit.id === lead) ??
      (lead !== undefined && answersIt(unfound(lead)) ? unfound(lead) : undefined) ??
      last.passages.map((id) => pool.find((hit) => hit.id === id)).find((hit) => hit));
  return pointedAt ?? byConversationFit(pool, { fresh, asked: contentWords(text), kept })[0];
}

/**
 * Whether the message moves on from what was just shown: it names something new and does not
 * point back, or names a new place ("apply there" and "does it stop deportation?" ask about what
 * was just shown; "what about Italy?" moves on).
 */
function movesOnFrom(text: string, fresh: ReadonlySet<string>): boolean {
  const places = placeWords();
  return fresh.size > 0 && (!pointsBack(text) || [...fresh].some((word) => places.has(word)));
}

/** Whether "it", "that" or "this" points at the thing just answered, the message not moving on. */
function pointsAtThing(text: string, fresh: ReadonlySet<string>): boolean {
  return !movesOnFrom(text, fresh) && POINTS_AT_THING.test(text);
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

/**
 * Whether a sentence of the passage answers the kind of fact the message asks for, or its words;
 * or the questions it lists, together, share its words ("does it stop deportation?": "Does a PRRA
 * application stop my removal?", "… before canada deports me"), the curated ways of asking it.
 */
function bearsOn(passage: Passage, text: string): boolean {
  const stems = questionStems(text);
  const listed = new Set(contentWords(passage.questions.join(' ')).map(stem));
  const asking = new Set(askingWords(text).map(stem));
  const shared = [...stems].filter((word) => listed.has(word) && !asking.has(word));
  return (
    shared.length >= BEARS ||
    passage.paragraphs.some((sentences) =>
      sentences.some((sentence) => relevance(sentence.text, text, stems) >= BEARS),
    )
  );
}

/**
 * Whether a sentence of the passage says the kind of fact the message asks for (a duration for
 * "how long", a fee for "how much"), its words aside: 0 when the message asks for no kind.
 */
function saysWhatIsAsked(passage: Passage | undefined, text: string): number {
  if (!passage) return 0;
  const none = new Set<string>();
  const best = Math.max(
    0,
    ...passage.paragraphs.flat().map((sentence) => relevance(sentence.text, text, none)),
  );
  return best > 0 ? 1 : 0;
}

/** Whether the message asks for a specific fact (a fee, a rate, a phone number) the passage gives none of. */
function givesNoneAsked(text: string, passage: Passage | undefined): boolean {
  return passage !== undefined && factMissing(text, factText(passage)) === 1;
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

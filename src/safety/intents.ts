import type { Passage } from '../knowledge/schema.ts';
import { askingSentences, asks, sentencesOf, storyBeforeQuestion, storySentences } from './asks.ts';
import type { Intent, IntentModel } from './classifier.ts';
import {
  type Crisis,
  detectCrisis,
  happenedToday,
  LONG_AGO,
  onlyThreatens,
  threatStillThere,
  toldOfThePast,
} from './crisis.ts';
import { asksForAdvice, asksForDeception, asksHonestlyAboutPapersOrCrossing } from './intent.ts';
import { INTENT_EXAMPLES } from './intent-examples.ts';
import { cachedIntentModel } from './intent-model-store.ts';

const SIGNALLED = ['crisis', 'detained', 'advice', 'deception'] as const;

export interface IntentThresholds extends Record<Exclude<Intent, 'none'>, number> {
  /**
   * Deception read by the model alone in a message that names nothing of borders, officials or
   * papers: "a letter from a community group" can be forged too, but "sneak out of work" is not
   * this bot's business, so the model must be surer.
   */
  deceptionOffTopic: number;
  /** Deception a rule reads in such a message ("how to forge a letter"): the model must agree this much. */
  deceptionRuleOffTopic: number;
  /**
   * Crisis (or danger read from detention) in what a message tells before its question, read
   * alone, when the whole message reads as none: the question's words outvote a short crisis
   * told ahead of it, so the story is read again, and must be read surer than a whole message.
   */
  crisisStory: number;
  /**
   * Crisis the model alone reads in a question with no story before it, for the crisis to be what
   * the question asks: below it, the question is answered first when the knowledge answers it, and
   * the contacts follow in the same answer (assistant.ts). At the crisis threshold, a borderline
   * reading ("why do the yanks who try this crash and burn lol" 0.50, "walkthrough sites so i can
   * handle this myself" 0.54) lost its whole answer to the crisis lines.
   */
  crisisAsked: number;
}

/**
 * The posterior each intent needs before it changes the answer, chosen on the dev half's folds
 * (`npm run eval:intents -- --dev --sweep`, session 4, again in issue 15): for crisis and
 * detention, the highest that keeps the best recall; for advice and deception, the lowest that
 * keeps near-misses read as that intent low, deception higher because refusing an honest
 * question is the cost. None is below 0.3: a message the model knows nothing of gets about 0.2
 * for every intent. Off the topic, deception needs the model almost sure (issue 15, dev folds:
 * 0.99 read one more deception phrasing than no model path at all, for one more near-miss
 * refused; 0.95 two more for three; everyday "how do i hide the cables" requests score high).
 * A rule's words of deceit off the topic need 0.9: at 0.5 "how can i sneak out of work early"
 * was refused, and from 0.2 to 0.9 the dev folds read the same phrasings.
 */
export const INTENT_THRESHOLDS: Readonly<IntentThresholds> = {
  crisis: 0.5,
  detained: 0.3,
  advice: 0.5,
  deception: 0.7,
  deceptionOffTopic: 0.99,
  deceptionRuleOffTopic: 0.9,
  crisisStory: 0.85,
  // Out of fold on the dev half (session 27, 5 folds as `eval:intents -- --dev`): of the 184
  // crisis and detention phrasings the model alone reads, 7 ask something with no story before
  // them, and all 7 still read as the crisis itself at 0.6, so their contacts still lead.
  crisisAsked: 0.6,
};

/**
 * Near-misses that share an intent's words but ask about the rule or the numbers: "is lying at
 * the border a crime", "my chances in general", "what are the crisis lines statistics".
 */
const ABOUT_THE_RULE =
  /\b(in general|generally|statistics?|stats|rates?|percentage of|how many|a crime|crimes?|illegal|against the law|penalt(y|ies)|consequences?|punish\w*|what happens (if|when|to)|what are (my|our|the) rights|if (ice|police|immigration|agents?|officers?|they) (comes?|shows? up|knocks?)|how do (border )?(officers?|agents?|guards?|they|cbsa|officials) (detect|spot|check|catch|know|find)|(spot|recogni[sz]e|report|avoid) (a |an )?(fraud\w*|scam\w*|fake consultants?))\b/;

/** Signs that a detention is happening now rather than asked about. */
const HAPPENING =
  /\b(now|right now|here|outside|inside|door|just|today|tonight|this morning|currently|custody|cell|waiting|ago|yesterday|stuck)\b|\b(me|us|my|our)\b|\b(is|are|re|s|am|m|im) (at|in|on|under|\w+ing)\b|\b(i|im|we|were)\b|\b(i|we) (got|was|were|have been|ve been)\b/;

/**
 * Who detains, or where: a detention names an authority or a place of custody. Danger at the
 * door with none of these ("he's banging on the door") is some other emergency.
 */
const AUTHORITY =
  /\b(ice|police|cops?|officers?|agents?|immigration|cbsa|border|patrol|feds|federal|homeland|dhs|sheriff\w*|deput(y|ies)|custody|detain\w*|detention|arrest\w*|deport\w*|cells?|jail|prison|handcuff\w*|warrant|raid\w*|customs|secondary|removal|migra|rcmp|mounties|port of entry|airport|crossing|checkpoint|van)\b/;

/**
 * "Can they detain me?" asks whether it could happen, "should we cross at the airport" what to
 * choose: neither asks for help while it happens. A follow-up opens with a word or two of the
 * conversation first ("ok and then what, do they put me on a bus"). Only the opening counts: a
 * detention told and then asked about ("they took my passport and are keeping me here, can they
 * do that?") is happening (a question in any clause cost detention recall on the dev folds).
 */
const WHETHER =
  /^(?:(?:ok|okay|and|so|but|then|well|and then what|then what|so then|so what)[,\s]+)*(can|could|would|will|might|may|do|does|is it|are they|should|shall) /;

const FIRST_PERSON = /\b(i|i'?m|my|me|we|we'?re|our|us)\b/;
/** A question about what others do ("why do people sneak across"), with no one asking for themselves. */
const ABOUT_OTHERS =
  /^(?!.*\b(i|i'?m|my|me|we|we'?re|our|us)\b).*\b(why|how) (do|does|did|would) (people|officers?|agents?|guards?|they|migrants|refugees|smugglers|border \w+)\b/;

/**
 * The world a deception request lives in: borders, officials, papers, claims. Only the topic, no
 * words of deceit (those the model reads): "how do i fake a smile in photos" or "how can i sneak
 * vegetables into my kids' food" share the deceit and name none of it, and a bot is asked anything.
 */
const ABOUT_IMMIGRATION =
  /\b(borders?|officers?|officials?|guards?|agents?|patrol\w*|police|cops|mounties|rcmp|ice|cbsa|irb|board|judge|hearing|interpreter|claim\w*|refugees?|asylum|status|persecut\w*|documents?|papers|passports?|ids?|identity|visa|permit|application|evidence|affidavit|records?|certificates?|witness\w*|letters?|signatures?|reports?|forms?|dates?|timeline|interview\w*|spouse|diplomas?|statements?|stubs|membership|backstory|story|stories|photos?|lease|nationality|citizen\w*|overstay\w*|tourist|visiting|permanent\w*|removal|arrest\w*|criminal|immigration|customs|checkpoint|port of entry|cross\w*|across|canada|quebec|ontario|manitoba|alberta|province|country|deport\w*|fingerprint\w*|smuggl\w*|coyote)\b/;

/**
 * A crisis read in a message, and how: `certain` when the rules read it (crisis.ts), false when
 * the model alone does. An uncertain reading beside a question the knowledge answers is answered
 * with the question first and the crisis contacts after (assistant.ts).
 */
export interface CrisisReading {
  crisis: Crisis;
  certain: boolean;
}

/** What a message asks for that changes how the bot answers it, from the rules and then the model. */
export interface IntentReader {
  crisis(text: string): Crisis | null;
  /** As `crisis`, saying whether the rules read it or the model alone. */
  readCrisis(text: string): CrisisReading | null;
  /**
   * Whether what a message asks (its asking sentences) is itself a crisis, not a question asked
   * beside one. After a story, the model must read it at the stricter threshold the story is read
   * at: the story's danger is read already, and what is left is a question of its own.
   */
  asksInCrisis(text: string): boolean;
  advice(text: string): boolean;
  deception(text: string): boolean;
}

/** From this many sentences told before the question, a message tells a story. */
const STORY_SENTENCES = 2;

/**
 * Whether every sentence the rules read as danger comes before the message's last question and
 * tells of a threat or weapon in the past (toldOfThePast) or, in a story, of a threat alone
 * (onlyThreatens), and nothing in the message says the threat is still there.
 */
function threatsToldBeforeQuestion(text: string): boolean {
  const sentences = sentencesOf(text);
  const last = sentences.findLastIndex(asks);
  const read = sentences.flatMap((sentence, i) =>
    detectCrisis(sentence) ? [{ sentence, i }] : [],
  );
  // A threat that goes on ("my ex has been threatening to kill me"), told as one part of a story
  // that then asks about the law, is background to the question, not a call for help now: such
  // stories lost their answer under 911 (dev: 8 of 2,666 ordinary questions). Only in a story of
  // some length, and nothing in it happening today: "my husband is threatening to kill me. can i
  // claim asylum?" keeps the contacts first.
  const toldInStory = storySentences(text).length >= STORY_SENTENCES && !happenedToday(text);
  return (
    last > 0 &&
    read.length > 0 &&
    read.every(
      ({ sentence, i }) =>
        i < last && (toldOfThePast(sentence) || (toldInStory && onlyThreatens(sentence))),
    ) &&
    // "He pulled a gun on me last year. He is outside my house now." No rule reads the second
    // sentence, and it says the threat is still there.
    !threatStillThere(text)
  );
}

/**
 * The labelled phrasings, with the knowledge's own curated questions as more examples of
 * ordinary questions (the safety topic's aside: its questions are about crises).
 */
export function intentExamples(
  passages: readonly Passage[],
  examples: Readonly<Record<Intent, readonly string[]>> = INTENT_EXAMPLES,
): Record<Intent, string[]> {
  const ordinary = passages
    .filter((p) => p.topic !== 'safety')
    .flatMap((p) => [p.title, ...p.questions]);
  return {
    crisis: [...examples.crisis],
    detained: [...examples.detained],
    advice: [...examples.advice],
    deception: [...examples.deception],
    none: [...examples.none, ...ordinary],
  };
}

/**
 * The model trained on `examples`, once per process for the same examples (every assistant of one
 * knowledge asks again: tests, reloads) and read from the cache folder when an earlier start
 * trained it (intent-model-store.ts): training takes most of a second.
 */
function trainedFor(examples: Record<Intent, string[]>): IntentModel {
  const key = JSON.stringify(examples);
  let model = trainedModels.get(key);
  if (!model) {
    model = cachedIntentModel(examples);
    // A few knowledge folders at most live in one process; the oldest goes first.
    if (trainedModels.size >= 4) trainedModels.delete(trainedModels.keys().next().value as string);
    trainedModels.set(key, model);
  }
  return model;
}
const trainedModels = new Map<string, IntentModel>();

/**
 * Words that say when or how fast, not what: "right now", "tonight", "asap", "last night". The
 * crisis and detention examples are full of them ("ice is at my job right now", "he hit me last
 * night"), so the model learnt them as danger: "whats the weather in winnipeg right now" read as
 * a crisis from "right" and "now" alone, "who won the game last night" from "last night". A crisis or detention the model reads must still read without them (below).
 */
const URGENCY =
  /\b(right now|right away|just now|now|rn|tonight|today|this (morning|afternoon|evening|minute|second|week|weekend)|at the moment|currently|immediately|asap|urgent(ly)?|quick(ly)?|fast|soon|last (night|week|weekend)|yesterday|the other (day|night))\b/g;

/** A plea for help: with it, urgency is part of the danger ("please help us right now"). */
const PLEA =
  /\b(please|pls|plz|somebody|someone|anybody|anyone) help (me|us)\b|\bhelp (me|us)( please| pls| plz)?( right)? now\b/;

/** The fewest words the model reads: shorter messages are left to the rules. */
const MIN_WORDS = 3;

const lower = (text: string) => text.toLowerCase().replace(/[’‘]/g, "'");

export function createIntentReader(
  passages: readonly Passage[],
  model: IntentModel = trainedFor(intentExamples(passages)),
  given = INTENT_THRESHOLDS,
): IntentReader {
  const storyThresholds = { ...given, crisis: given.crisisStory, detained: given.crisisStory };
  const askedThresholds = { ...given, crisis: given.crisisAsked };
  const guess = (text: string, thresholds = given): Intent => {
    const t = lower(text);
    // A question about the rule, not a request: the model shares its words, so it must not decide.
    if (ABOUT_THE_RULE.test(t)) return 'none';
    // Two words are too little evidence for the model ("no thanks", "hi there"): the rules read those.
    if ((t.match(/[\p{L}\p{N}]+/gu) ?? []).length < MIN_WORDS) return 'none';
    // Each intent against its own threshold, not against "none": the near-misses outnumber any
    // intent, so a message can be plainly a crisis and still score highest as an ordinary question.
    const { scores, support } = model.classify(text);
    const onTopic = ABOUT_IMMIGRATION.test(t);
    const needed = (i: (typeof SIGNALLED)[number]) =>
      i === 'deception' && !onTopic ? thresholds.deceptionOffTopic : thresholds[i];
    const intent = SIGNALLED.filter((i) => scores[i] >= needed(i) && support[i] > 0).reduce<Intent>(
      (best, i) => (best === 'none' || scores[i] > scores[best] ? i : best),
      'none',
    );
    if (intent === 'none') return 'none';
    if (intent === 'crisis' || intent === 'detained') {
      // Urgency is no danger of its own: with its words taken out, the message must still read
      // more as an emergency than as an ordinary question ("ice is at my job" does, "whats the
      // weather in winnipeg" does not). Dev folds (session 8): crisis and detention recall
      // unchanged, near-misses too; the one crisis it cost, "someone broke in and is downstairs
      // right now", a rule now reads. Asking the calm message to clear the intent's own
      // threshold instead cost three crises ("i have the knife in my hand right now"); a fixed
      // floor of 0.1 to 0.3 on crisis plus detention let "are there jobs for nurses in nova
      // scotia right now" through, which outweighing "none" does not.
      // A plea for help keeps its urgency: "please help us right now" read calm is "please help
      // us", which the model reads as ordinary.
      const calm = t.replace(URGENCY, ' ');
      if (calm !== t && !PLEA.test(t)) {
        const read = model.classify(calm);
        const emergency = read.scores.crisis + read.scores.detained;
        if (emergency < read.scores.none) return 'none';
      }
    }
    if (intent === 'detained') {
      // The model reads an emergency; with no one who detains named, it is another danger
      // ("he's banging on the door"), and 911 comes first either way. Only if some word of the
      // message is one the crisis examples use: "are lawyers suing ottawa over the cutoffs that
      // just came in?" read as detention from "just" and "in" alone, and no crisis word at all.
      // Nor when it asks whether ("could they lock us up there?"), as a detention read would not.
      if (!AUTHORITY.test(t))
        return support.crisis > 0 &&
          !WHETHER.test(t) &&
          scores.crisis + scores.detained >= thresholds.crisis
          ? 'crisis'
          : 'none';
      // A detention the model alone reads must be happening: now, here, to someone.
      if (!HAPPENING.test(t) || WHETHER.test(t) || LONG_AGO.test(t)) return 'none';
    }
    // Advice is about someone's own case, theirs or a person's close to them.
    if (intent === 'advice' && !FIRST_PERSON.test(t)) return 'none';
    // "Why do people sneak across" asks about others, not for help doing it. The deceit word
    // list that once also gated deception missed most new wordings on dev ("pay off an
    // officer", "a coyote"); the near-misses in the training set do that work now.
    if (intent === 'deception' && ABOUT_OTHERS.test(t)) return 'none';
    // The model reads papers and crossings as deception; a question of an honest shape with no
    // word of deceit is one (intent.ts), and refusing it costs the person their answer.
    if (intent === 'deception' && asksHonestlyAboutPapersOrCrossing(text)) return 'none';
    return intent;
  };
  const readCrisis = (text: string): CrisisReading | null => {
    const certain = detectCrisis(text);
    // A threat the story before the question tells of the past ("my ex showed up with a gun last
    // month … does my first entry count?"), or a fraudster's advice to invent one: the question
    // is answered first and the contacts follow it, as for danger the model alone reads.
    if (certain === 'danger' && threatsToldBeforeQuestion(text))
      return { crisis: 'danger', certain: false };
    if (certain) return { crisis: certain, certain: true };
    const intent = guess(text);
    // The model tells danger from detention, not self-harm from other danger: 911 comes
    // first either way, and the danger list names the crisis lines too.
    if (intent === 'crisis') return { crisis: 'danger', certain: false };
    if (intent === 'detained') return { crisis: 'detained', certain: false };
    // A crisis told and then a plain question after it ("i don't see the point in going on
    // anymore. how long does a refugee claim take?"): the asking sentence counts twice in the
    // model's reading, and outvotes it (dev folds: 24 of 534 such messages read). The story
    // alone, at a stricter threshold, is danger the model alone reads: the answer comes first
    // and the contacts after it (assistant.ts). Only danger: a detention must be happening.
    const story = storyBeforeQuestion(text);
    if (story && guess(story, storyThresholds) === 'crisis')
      return { crisis: 'danger', certain: false };
    return null;
  };
  return {
    crisis: (text) => readCrisis(text)?.crisis ?? null,
    readCrisis,
    // At the usual threshold, "do the kids have to show up at all? and is my son allowed to
    // come if he wants?", asked after a family's story of their hearing, read as danger (0.61)
    // and the family's question lost its answer to the crisis lines.
    asksInCrisis: (text) => {
      const asked = askingSentences(text);
      if (!storyBeforeQuestion(text)) {
        const read = readCrisis(asked);
        if (read === null) return false;
        if (read.certain || read.crisis === 'detained') return true;
        const intent = guess(asked, askedThresholds);
        return intent === 'crisis' || intent === 'detained';
      }
      if (detectCrisis(asked) && !threatsToldBeforeQuestion(text)) return true;
      const intent = guess(asked, storyThresholds);
      return intent === 'crisis' || intent === 'detained';
    },
    advice: (text) => asksForAdvice(text) || guess(text) === 'advice',
    // A rule that reads a request for advice ("should we cross at the border or at the airport")
    // outranks the model's guess of deception: refusing an honest question is the worse error.
    deception: (text) => {
      const t = lower(text);
      if (asksForDeception(text) && !ABOUT_OTHERS.test(t)) {
        if (ABOUT_IMMIGRATION.test(t)) return true;
        // Off the topic, the rule's words of deceit ("forge a letter") are not enough alone:
        // "fake a smile" shares them. The model's reading of the whole message decides.
        const { scores, support } = model.classify(text);
        if (
          !ABOUT_THE_RULE.test(t) &&
          support.deception > 0 &&
          scores.deception >= given.deceptionRuleOffTopic
        )
          return true;
      }
      return guess(text) === 'deception' && !asksForAdvice(text);
    },
  };
}

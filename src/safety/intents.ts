import type { Passage } from '../knowledge/schema.ts';
import { type Intent, type IntentModel, trainIntentModel } from './classifier.ts';
import { type Crisis, detectCrisis } from './crisis.ts';
import { asksForAdvice, asksForDeception } from './intent.ts';
import { INTENT_EXAMPLES } from './intent-examples.ts';

const SIGNALLED = ['crisis', 'detained', 'advice', 'deception'] as const;

/**
 * The posterior each intent needs before it changes the answer, chosen on the dev half's folds
 * (`npm run eval:intents -- --dev --sweep`): for crisis, the highest with the best recall (dev: the
 * same recall from 0.01 to 0.7, fewer false alarms), high for deception, where refusing an
 * honest question is the cost. None is below 0.3: a message the model knows nothing of gets
 * about 0.2 for every intent.
 */
export const INTENT_THRESHOLDS: Readonly<Record<Exclude<Intent, 'none'>, number>> = {
  crisis: 0.7,
  detained: 0.3,
  advice: 0.95,
  deception: 0.9,
};

/**
 * Near-misses that share an intent's words but ask about the rule or the numbers: "is lying at
 * the border a crime", "my chances in general", "what are the crisis lines statistics".
 */
const ABOUT_THE_RULE =
  /\b(in general|generally|statistics?|stats|rates?|percentage of|how many|a crime|crimes?|illegal|against the law|penalt(y|ies)|consequences?|punish\w*|what happens (if|when|to)|what are (my|our|the) rights|if (ice|police|immigration|agents?|officers?|they) (comes?|shows? up|knocks?)|how do (border )?(officers?|agents?|guards?|they|cbsa|officials) (detect|spot|check|catch|know|find)|(spot|recogni[sz]e|report|avoid) (a |an )?(fraud\w*|scam\w*|fake consultants?))\b/;

/** Signs that a detention is happening now rather than asked about. */
const HAPPENING =
  /\b(now|right now|here|outside|inside|door|just|today|tonight|this morning|currently|custody|cell|waiting|ago|yesterday|stuck)\b|\b(me|us|my|our)\b|\b(is|are|re|s|am|m) (at|in|on|\w+ing)\b|\b(i|we) (got|was|were|have been|ve been)\b/;

/** "Can they detain me?" asks whether it could happen, not for help while it does. */
const WHETHER = /^(can|could|would|will|might|may|do|does|is it|are they) /;

const FIRST_PERSON = /\b(i|i'?m|my|me|we|we'?re|our|us)\b/;
const ABOUT_A_CASE =
  /\b(claim|case|asylum|refugee|status|appeal|hearing|visa|permit|application|apply|canada|protect\w*|accept\w*|approv\w*|deport\w*|qualif\w*|eligib\w*|odds|chances?|win|lawyer|officer|irb|border|persecut\w*|stay)\b/;

/** Words of deceit or hiding: a request to deceive or cross unseen always has one. */
const DECEIT =
  /\b(lie|lies|lying|liar|fake\w*|forg\w*|false\w*|falsif\w*|fabricat\w*|sneak\w*|smuggl\w*|hid(e|es|ing|den)|unseen|undetected|unnoticed|unguarded|avoid\w*|evad\w*|dodg\w*|pretend\w*|trick\w*|fool\w*|exaggerat\w*|pad|padding|make up|made up|invent\w*|brib\w*|secret\w*|doctor|photoshop|coach\w*|believ\w*|convinc\w*|cover up|slip\w*|get past|get around|without (being|getting|them|anyone|papers|a passport)|(don'?t|doesn'?t|not|won'?t|can'?t|never) (see|spot|notice|catch|find|know|watch|check)|nobody|no one|(through|thru) the (woods|forest|fields?|river|lake))\b/;

/** A question about what others do ("why do people sneak across"), with no one asking for themselves. */
const ABOUT_OTHERS =
  /^(?!.*\b(i|i'?m|my|me|we|we'?re|our|us)\b).*\b(why|how) (do|does|did|would) (people|officers?|agents?|guards?|they|migrants|refugees|smugglers|border \w+)\b/;

const ABOUT_THE_BORDER =
  /\b(borders?|officers?|guards?|agents?|patrol|police|mounties|rcmp|claim|documents?|papers|passports?|id|cross\w*|across|canada|immigration|cbsa|irb|hearing|story|evidence|visa|permit|lie|lies|lying|fake|false|forg\w*|smuggl\w*|sneak\w*|hid(e|ing)|checkpoint|customs|woods|forest|unseen|caught|detected|noticed|secretly|unguarded|refugee|asylum|status|persecut\w*|fingerprint\w*|pretend\w*|believe)\b/;

/** What a message asks for that changes how the bot answers it, from the rules and then the model. */
export interface IntentReader {
  crisis(text: string): Crisis | null;
  advice(text: string): boolean;
  deception(text: string): boolean;
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

/** The fewest words the model reads: shorter messages are left to the rules. */
const MIN_WORDS = 3;

const lower = (text: string) => text.toLowerCase().replace(/[’‘]/g, "'");

export function createIntentReader(
  passages: readonly Passage[],
  model: IntentModel = trainIntentModel(intentExamples(passages)),
  thresholds = INTENT_THRESHOLDS,
): IntentReader {
  const guess = (text: string): Intent => {
    const t = lower(text);
    // A question about the rule, not a request: the model shares its words, so it must not decide.
    if (ABOUT_THE_RULE.test(t)) return 'none';
    // Two words are too little evidence for the model ("no thanks", "hi there"): the rules read those.
    if ((t.match(/[\p{L}\p{N}]+/gu) ?? []).length < MIN_WORDS) return 'none';
    // Each intent against its own threshold, not against "none": the near-misses outnumber any
    // intent, so a message can be plainly a crisis and still score highest as an ordinary question.
    const { scores, support } = model.classify(text);
    const intent = SIGNALLED.filter(
      (i) => scores[i] >= thresholds[i] && support[i] > 0,
    ).reduce<Intent>((best, i) => (best === 'none' || scores[i] > scores[best] ? i : best), 'none');
    if (intent === 'none') return 'none';
    // A detention the model alone reads must be happening: now, here, to someone.
    if (intent === 'detained' && (!HAPPENING.test(t) || WHETHER.test(t))) return 'none';
    // Advice is about one's own case: someone must be in it, and it must be about a case.
    if (intent === 'advice' && !(FIRST_PERSON.test(t) && ABOUT_A_CASE.test(t))) return 'none';
    // Deceiving officials or crossing unseen names the border, officials or papers somewhere,
    // and someone who would do it: "why do people sneak across" asks about others.
    // It also names the deceit or the hiding: "how do i get a work permit" shares the rest.
    if (
      intent === 'deception' &&
      (!ABOUT_THE_BORDER.test(t) || !DECEIT.test(t) || ABOUT_OTHERS.test(t))
    )
      return 'none';
    return intent;
  };
  return {
    crisis(text) {
      const certain = detectCrisis(text);
      if (certain) return certain;
      const intent = guess(text);
      // The model tells danger from detention, not self-harm from other danger: 911 comes
      // first either way, and the danger list names the crisis lines too.
      return intent === 'crisis' ? 'danger' : intent === 'detained' ? 'detained' : null;
    },
    advice: (text) => asksForAdvice(text) || guess(text) === 'advice',
    // A rule that reads a request for advice ("should we cross at the border or at the airport")
    // outranks the model's guess of deception: refusing an honest question is the worse error.
    deception: (text) =>
      (asksForDeception(text) && !ABOUT_OTHERS.test(lower(text))) ||
      (guess(text) === 'deception' && !asksForAdvice(text)),
  };
}

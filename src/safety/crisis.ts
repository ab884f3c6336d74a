/**
 * What kind of immediate danger a message signals. Rules, not a guess: each pattern is a phrase
 * people use, tested with indirect wordings and with near-misses that must not trigger
 * (tests/safety/crisis.test.ts).
 */
export type Crisis = 'self-harm' | 'danger' | 'detained';

const SELF_HARM = [
  // "Suicide rates among claimants" asks for a figure; "suicidal", "suicide note" do not.
  /\bsuicid(?!e (rates?|statistics|stats|prevention|figures|numbers))/,
  /\bkill(ing)? my ?sel(f|ves)\b/,
  /\bend(ing)? (it all|my (own )?life|things)\b/,
  /\btake my (own )?life\b/,
  // "I don't want to live here anymore" and "… in this country" say where, not whether: to a
  // bot about leaving the US it is the commonest way to say why. The model still reads the
  // message (intents.ts), and what it reads as danger keeps the contacts, after the answer.
  /\b(do ?n.?t|do not|no longer) want to (be alive|live(?! (here|there|in|under|with|near)\b)|exist|be here|wake up)\b/,
  /\bwants?( ?ing)? to die\b/,
  /\bwanna die\b/,
  /\b(kms|unalive)\b/,
  /\b(never|not) (to )?wake up\b/,
  /\bbetter off without me\b/,
  /\bmiss me if i\b/,
  /\b(goodbye|suicide) (letter|note)\b/,
  /\b(took|take|swallowed|taking|take all) (a (bunch|bottle|handful) of|all (of )?my|too many( of my)?|all the|a whole bottle of) (pills|meds|medications?|tablets|tylenol|sleeping pills)\b/,
  /\b(going to|gonna|about to|want to|will) end it\b/,
  /\bno (reason|point) to keep going\b/,
  /\b(life|living) (is ?n.?t|is not|isn't) worth living\b|\blife is not worth\b/,
  /\bthink(ing)? about (dying|not existing)\b/,
  /\bways to (die|kill myself)\b/,
  /\bslit(ting)? my wrists?\b/,
  /\b(wish|wished) i (was|were) dead\b/,
  /\bbetter off dead\b/,
  /\bno (reason|point) (to|in) (live|living|go on|going on)\b/,
  /\bself[- ]?harm/,
  /\b(hurt|hurting|cut|cutting|harm|harming) my ?self\b/,
  /\bcan.?t go on\b/,
  /\boverdos(e|ed|ing)\b/,
  /\b(rather|prefer to) (be )?(die|dead)\b/,
  /\bno way out\b.{0,30}\b(die|dying|death|dead)\b/,
  /\b(bought|got|have) a rope\b|\bhang(ing)? my ?self\b|\bdrown(ing)? my ?self\b/,
  /\b(jump|jumping) (off|from|in front of)\b/,
  // Certain wordings both the rules and the model missed on the intents dev split.
  /\b(kill|end|off)(ing)? my ?self\b/,
  /\bhow many (pills|tablets|meds)\b.{0,25}\b(it takes|to (die|overdose|end|kill))\b/,
  /\bin case i.?m not (here|around|alive)\b/,
  /\b(engine|car)( is)? running in (the|a|my) (closed |shut )?garage\b/,
  /\b(standing|sitting) on (the|a) (roof|ledge|edge|bridge|railing)\b/,
];

/**
 * Threats and weapons: what happens now ("he is threatening to kill me") as often as what a
 * claim's story tells of the past ("he threatened to kill me", "pulled a gun on me").
 */
const THREATS = [
  /\b(going to|gonna|will|wants? to|trying to|threaten(ed|ing|s)? to) (kill|hurt|shoot|stab|attack|beat) (me|us|my)\b/,
  /\b(going to|gonna|will|wants? to|trying to|threaten(ed|ing|s)? to) murder (me|us)\b/,
  /\b(has|have|had|with|pointing|pulled|holding) a (gun|knife|weapon)\b/,
];

/** A threat that goes on, said as such: "he keeps threatening me", "she is stalking me". */
const KEEPS_THREATENING = [/\b(is|are|keeps?) (threatening|stalking) (me|us)\b/];

/** What someone says they will do: "he'll kill me", "they'll hurt me if I stay". */
const WILL_HARM = /\b(he|she|they) ?.?ll (kill|murder|hurt) (me|us)\b/;

const DANGER = [
  ...THREATS,
  WILL_HARM,
  /\b(is|are|keeps?) (hitting|beating|attacking|choking|strangling|chasing|hurting|following) (me|us)\b/,
  ...KEEPS_THREATENING,
  /\b(attacking|strangling|choking|stabbing|shooting at|chasing) (me|us)\b/,
  /\b(hurts|beats|rapes|abuses) me\b/,
  // Only when it just happened: a claim's story tells of past assaults, and its question is
  // answered, not routed.
  /\b(raped|sexually assaulted) (last night|tonight|today|this morning|yesterday|just now)\b|\bjust (been|got) (raped|sexually assaulted)\b/,
  /\b((i.?m|i am|we.?re|we are) (being )?|(i.?ve|i have|we.?ve|we have) just been |(i|we) (was|were) just )(attacked|assaulted|chased|stabbed|shot|kidnapped|strangled|choked|jumped)\b/,
  /\b(trying to|is|are) break(ing)? (in(to)?|down) (my|our|the) (house|home|door|apartment|place)\b/,
  // An intruder still there: "someone broke in and is downstairs", not "my car was broken into".
  /\b(someone|somebody|a (man|guy|stranger|person)|men|he|she|they) (just )?(broke|has broken|have broken|got) in(to (my|our|the) \w+)?\b[^.?!]{0,30}\b(is|are|'s|'re|still) (still )?(here|inside|downstairs|upstairs|in (the|my|our) (house|home|apartment|kitchen|hall|room))\b/,
  // "I feel like I can't breathe here anymore" tells of a place, not of a body.
  /\b(i.?m|i am) bleeding\b|\bcan.?t breathe\b(?! (here|in (this|the|that) (country|state|town|city|place))\b)/,
  // A poisoning: someone swallowed or drank something that harms. 911 (or poison control) first.
  /\b(swallowed|drank|ate|ingested) (some |a lot of |a bottle of |the )?(bleach|poison|rat poison|antifreeze|drain cleaner|detergent|laundry pods?|tide pods?|lighter fluid|gasoline)\b/,
  /\bhiding from (my|an?|the) (abuser|attacker|husband|wife|partner|boyfriend|girlfriend|ex)\b/,
  /\b(shooter|shooting) (at|in) (my|our|the)\b/,
  /\b(i.?m|i am|we.?re|we are)( being)? (attacked|assaulted|abused|beaten) (right )?now\b/,
  /\b(i.?m|i am|we.?re|we are|feel) (in danger|not safe|unsafe) (right )?now\b/,
  // "She's not in immediate danger, but she's exhausted" says the opposite.
  /(?<!\b(not|n't|never|no longer) )\bin immediate danger\b/,
  /\bheld (captive|hostage|against (my|our) will)\b/,
  /\blocked (in|inside) (my|a|the) (room|bathroom|closet|basement)\b.{0,40}\b(violent|hurt|hit|beat|scared)\b|\b(violent|hurt|hit|beat)\b.{0,60}\blocked (in|inside) (my|a|the) (room|bathroom|closet|basement)\b/,
  /(?<!\bnot an? )\bemergency (right )?now\b/,
];

const DETAINED = [
  /\b(ice|police|cops|immigration|agents?|officers?|cbsa|border patrol)\b.{0,20}\b(at|outside|knocking on|banging on|in front of) (my|the|our) (door|house|home|apartment|building|place)\b/,
  /\b(at|outside|knocking on|banging on) (my|our) (door|house|home)\b.{0,40}\b(ice|police|cops|agents?|officers?)\b/,
  /\b(i.?m|i am|we.?re|we are|i.?ve been|i have been|we.?ve been|we have been|just (got|been)) (being )?(detained|arrested|taken into custody|locked up)\b/,
  /\b(my|our) (\w+ ){0,2}(is|was|has been|got|were|are|have been) (just )?(detained|arrested|taken by (ice|police|immigration))\b/,
  /\b(ice|police|immigration|cbsa|border patrol) (is|are|has|have) (detaining|arresting|taking|holding) (me|us|my)\b/,
  /\b(ice|immigration|border patrol|cbsa|agents|police|cops) (has|have|took|picked up) (me|him|her|us|them|my \w+)( into custody| away)?$/,
  /\b(being|getting) deported (right )?now\b/,
  // Held in a room or kept from one's children by those who detain: happening, said plainly.
  /\b(they|officers?|agents?|ice|cbsa|police|guards?)( have|'ve| has| are|'re| is)? (put|locked|kept|keeping|holding|held) (me|us) in (a|an|the|this) (room|cell|cage|van)\b/,
  /\b(they|officers?|agents?|ice|cbsa|police|guards?)( have|'ve| has| are|'re| is)? (separated|separating|taken|taking) (me|us) (away )?from (my|our) (kids|children|son|daughter|baby|family|wife|husband|partner)\b/,
  /\b(want|wants|telling|told|making|asking) me to sign\b.{0,40}\b(now|don.?t understand|do not understand)\b/,
];

// "What happens if I'm detained?" asks about the rule, not about now.
const HYPOTHETICAL =
  /\b(if|what happens|what would happen|could|would|can|will|might|when|whether|in case)\b[^.?!]{0,40}\b(detained|arrested|locked up)\b/;

// "My brother was detained in 2019" tells of an old detention: not happening now.
export const LONG_AGO =
  /\b(last (year|month|spring|summer|fall|autumn|winter)|(years|months) ago|in (19|20)\d\d|back in (19|20)\d\d)\b/;

/** Words that count visits or events: told of as they were, not as one happening now. */
const REPEATED =
  /\b(twice|three times|four times|several times|a few times|a couple (of )?times|many times|multiple times|more than once|again and again)\b/;

/** Words that say something happened within the day: "today", "this morning", "just now". */
const TODAY =
  /\b(today|tonight|this (morning|afternoon|evening)|just now|right now|an hour ago|minutes ago)\b/;

/** Whether a message says something happened within the day ("he threatened me this morning"). */
export function happenedToday(text: string): boolean {
  return TODAY.test(lower(text));
}

/** Words that tell of a threat in the past: "threatened", "pulled a gun", "last month". */
const TOLD_IN_THE_PAST =
  /\b(threatened|pulled|pointed|showed up|came (at|after|to)|had|was|were|did|said|told|once|used to|last (night|week|month|year|spring|summer|fall|autumn|winter)|ago|back (then|in|home)|(in|since) (19|20)\d\d)\b/;
/** Words that say a threat is still there: "right now", "outside my door", "on his way". */
const STILL_THERE =
  /\b(right now|tonight|as we speak|outside (my|our|the)|at (my|our|the) (door|house|home|place)|on (his|her|their|the) way|(is|are|still) (here|outside|coming|threatening|following|waiting|looking for))\b/;

/**
 * Whether a sentence the rules read as danger tells only of a threat or a weapon in the past
 * ("my ex showed up with a gun last month", "he told me to say my ex pulled a gun on me"), with
 * nothing that says it is happening still. A story told to ask about the law, whose question is
 * answered before the contacts (intents.ts); "he is threatening to kill me" keeps them first.
 */
export function toldOfThePast(sentence: string): boolean {
  const t = lower(sentence);
  if (SELF_HARM.some((p) => p.test(t)) || DETAINED.some((p) => p.test(t))) return false;
  const read = DANGER.filter((p) => p.test(t));
  return (
    read.length > 0 &&
    read.every((p) => THREATS.includes(p)) &&
    TOLD_IN_THE_PAST.test(t) &&
    !STILL_THERE.test(t) &&
    !/\bthreaten(ing|s)\b/.test(t)
  );
}

/**
 * Whether all the danger the rules read in a sentence is a threat, made or going on ("my ex has
 * been threatening to kill me", "they'll hurt me if I stay in Texas", "he is stalking me"), not
 * harm being done ("he is hitting me", "I'm bleeding") nor self-harm nor a detention. Told in a
 * story that asks about the law, such a threat is answered first (intents.ts).
 */
export function onlyThreatens(sentence: string): boolean {
  const t = lower(sentence);
  if (SELF_HARM.some((p) => p.test(t)) || DETAINED.some((p) => p.test(t))) return false;
  const threats = [...THREATS, WILL_HARM, ...KEEPS_THREATENING];
  const read = DANGER.filter((p) => p.test(t));
  return read.length > 0 && read.every((p) => threats.includes(p)) && !STILL_THERE.test(t);
}

/** Whether a message says anywhere that a threat is still there ("he is outside my house"). */
export function threatStillThere(text: string): boolean {
  return STILL_THERE.test(lower(text));
}

export function detectCrisis(text: string): Crisis | null {
  const t = lower(text);
  if (SELF_HARM.some((p) => p.test(t))) return 'self-harm';
  if (DANGER.some((p) => p.test(t))) return 'danger';
  const detained = DETAINED.some((p) => p.test(t));
  if (
    detained &&
    !LONG_AGO.test(t) &&
    // "Federal agents showed up at my apartment twice" tells of visits that were, not one now.
    !(REPEATED.test(t) && !STILL_THERE.test(t) && !TODAY.test(t)) &&
    !(HYPOTHETICAL.test(t) && !DETAINED[0]?.test(t) && !DETAINED[1]?.test(t))
  )
    return 'detained';
  return null;
}

function lower(text: string): string {
  return text.toLowerCase().replace(/[’‘]/g, "'");
}

/**
 * The parts of a message that are not the crisis itself ("ICE is at my door, can I still claim
 * asylum?" → "can I still claim asylum?"), so the rest of the question can still be answered.
 */
export function withoutCrisis(text: string): string {
  return text
    .split(/(?<=[.?!,;:])\s+/)
    .filter((clause) => detectCrisis(clause) === null)
    .join(' ');
}

/**
 * What kind of immediate danger a message signals. Rules, not a guess: each pattern is a phrase
 * people use, tested with indirect wordings and with near-misses that must not trigger
 * (tests/safety/crisis.test.ts).
 */
export type Crisis = 'self-harm' | 'danger' | 'detained';

const SELF_HARM = [
  /\bsuicid/,
  /\bkill(ing)? my ?sel(f|ves)\b/,
  /\bend(ing)? (it all|my (own )?life|things)\b/,
  /\btake my (own )?life\b/,
  /\b(do ?n.?t|do not|no longer) want to (be alive|live|exist|be here|wake up)\b/,
  /\bwant(ing)? to die\b/,
  /\b(wish|wished) i (was|were) dead\b/,
  /\bbetter off dead\b/,
  /\bno (reason|point) (to|in) (live|living|go on|going on)\b/,
  /\bself[- ]?harm/,
  /\b(hurt|hurting|cut|cutting|harm|harming) my ?self\b/,
  /\bcan.?t go on\b/,
  /\boverdos(e|ing)\b/,
];

const DANGER = [
  /\b(going to|gonna|will|wants? to|trying to|threaten(ed|ing|s)? to) (kill|hurt|shoot|stab|attack|beat) (me|us|my)\b/,
  /\b(is|are|keeps?) (hitting|beating|attacking|choking|hurting|threatening|following|stalking) (me|us)\b/,
  /\b(has|have|had|with|pointing) a (gun|knife|weapon)\b/,
  /\b(i.?m|i am|we.?re|we are)( being)? (attacked|assaulted|abused|beaten) (right )?now\b/,
  /\b(i.?m|i am|we.?re|we are|feel) (in danger|not safe|unsafe) (right )?now\b/,
  /\bin immediate danger\b/,
  /\bemergency (right )?now\b/,
];

const DETAINED = [
  /\b(ice|police|cops|immigration|agents?|officers?|cbsa|border patrol)\b.{0,20}\b(at|outside|knocking on|banging on|in front of) (my|the|our) (door|house|home|apartment|building|place)\b/,
  /\b(at|outside|knocking on|banging on) (my|our) (door|house|home)\b.{0,40}\b(ice|police|cops|agents?|officers?)\b/,
  /\b(i.?m|i am|we.?re|we are|i.?ve been|i have been|we.?ve been|we have been|just (got|been)) (being )?(detained|arrested|taken into custody|locked up)\b/,
  /\b(my|our) (\w+ ){0,2}(is|was|has been|got|were|are|have been) (just )?(detained|arrested|taken by (ice|police|immigration))\b/,
  /\b(ice|police|immigration|cbsa|border patrol) (is|are|has|have) (detaining|arresting|taking|holding) (me|us|my)\b/,
];

// "What happens if I'm detained?" asks about the rule, not about now.
const HYPOTHETICAL =
  /\b(if|what happens|what would happen|could|would|can|will|might|when|whether|in case)\b[^.?!]{0,40}\b(detained|arrested|locked up)\b/;

export function detectCrisis(text: string): Crisis | null {
  const t = lower(text);
  if (SELF_HARM.some((p) => p.test(t))) return 'self-harm';
  if (DANGER.some((p) => p.test(t))) return 'danger';
  const detained = DETAINED.some((p) => p.test(t));
  if (detained && !(HYPOTHETICAL.test(t) && !DETAINED[0]?.test(t) && !DETAINED[1]?.test(t)))
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

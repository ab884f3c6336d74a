/**
 * Requests the bot must not fulfil as asked. Deterministic rules with near-miss tests
 * (tests/safety/intent.test.ts).
 */

// Asking the bot to apply the law to one person's facts, or to predict an outcome.
const ADVICE = [
  /\b(what are|what.?s|what is|how (good|high|likely) are) (my|our) (chances?|odds|likelihood|prospects)\b/,
  /\b(my|our) (chances?|odds|prospects) (of|are|for|to)\b/,
  /\b(give me|what.?s|what is|tell me) (a |the )?(percentage|percent|probability|number)\b.{0,40}\b(i|my|me|we|our)\b/,
  /\b(percentage|probability) (that|of) (i|my|me|we|our)\b/,
  /\bwill (i|we|my (claim|case|application|appeal|family|kids?|son|daughter|wife|husband|partner|child)) (win|succeed|pass|be (accepted|approved|granted|successful|refused|rejected|denied|deported|sent back))\b/,
  /\bwill (i|we) (get|be given|receive) (asylum|refugee status|accepted|approved|protection|a work permit|pr)\b/,
  /\b(would|do|does) (i|we|my (case|claim|family)) (qualify|have a (good|strong|real|decent) (case|claim|chance))\b/,
  /\bam i (eligible|likely|going to (win|get|be))\b/,
  /\b(is|how strong is|how good is|rate) my (case|claim|story|situation)\b/,
  /\bshould (i|we) (claim|apply|file|leave|move|cross|appeal|wait|hire|flee)\b/,
  /\bguarantee(d)?\b.{0,30}\b(i|me|my|we|us|our)\b|\b(i|me|my|we|us|our)\b.{0,30}\bguarantee/,
  /\bin my (specific |particular |own )?(case|situation)\b/,
  /\bwill (canada|they|the (irb|board|judge|officer|member)) (accept|approve|reject|refuse|believe|deport|protect) (me|us|my)\b/,
  /\b(how|what) will (the )?(judge|irb|board|member|officer|they) (rule|decide)\b.{0,30}\b(my|me)\b/,
  /\b(can|could|would|will) (i|we) (win|get in|get refugee status|get asylum|be accepted|be approved)\b/,
  /\b(chances?|odds|prospects)\b.{0,30}\b(for|like) (me|us|someone like me)\b|\b(chances?|odds) (do )?(i|we) have\b/,
  /\b(predict|assess|evaluate|judge)\b.{0,25}\bmy (case|claim|appeal|hearing|application|chances)\b/,
  /\bhelp me decide\b|\b(good idea|worth it|best option) for (me|us)\b|\bpersonally\b/,
  /\bam i a (convention refugee|refugee|person in need of protection)\b/,
  /\b(is|was) (that|this|it|what happened to me) enough for (my |me |a )?(claim|case|asylum|refugee status|protection)\b/,
  /\bwill (i|we|my \w+) be (allowed|able) to stay\b/,
  /\bshould (i|we) (represent|withdraw|accept|tell|answer|hire|stay)\b/,
  /\bwhat should (my|our) (basis of claim|boc|story|statement|form|narrative) (say|include|mention)\b/,
  /\bhow likely (am i|are we|is it that (i|we|my))\b/,
  /\bhow should (i|we) (answer|respond|reply)\b/,
  /\bwhat would you do (in my|if you were (me|us))\b|\btell me what (i should|to) do\b/,
  /\brate my (\w+ )?(case|claim|story|situation|chances)\b/,
  /\b(do|does) (i|we|my \w+) have (a|any) (real |good )?(chance|hope)\b|\b(any|some) hope for (me|us|my)\b/,
  /\b(would|will|could) (canada|they|the (irb|board|judge|officer|member)) (accept|approve|reject|refuse|believe|deport|protect) (me|us|my)\b/,
  /\b(would|will) (i|we) be (found )?(credible|believed)\b/,
  /\bdoes my (situation|case|story|experience) (count|qualify)\b/,
  /\bwhich country (would|will|should) (accept|welcome) (me|us)\b/,
];

// Asking for help deceiving officials or crossing unseen.
const DECEPTION = [
  /\b(how (do|can|could|should|would|to)|help (me|us)|teach me|tell me how|best way|tips?|ways?) (i |we )?[^.?!]{0,40}\b(lie|lying|fake|forge|falsify|fabricate|make up|invent|trick|fool|deceive|bribe)\b/,
  /\b(how (do|can|could|should|would|to)|help (me|us)|best way|tips?|ways?) (i |we )?[^.?!]{0,40}\b(sneak|smuggle|slip)\b/,
  /\b(how (do|can|could|should|would|to)|help (me|us)|best way|tips?|ways?) (i |we )?[^.?!]{0,60}\bcross(ing)?\b[^.?!]{0,30}\b(undetected|unseen|unnoticed|illegally|secretly|without (being|getting) (seen|caught|detected|noticed)|without papers|through the woods)\b/,
  /\b(avoid|evade|get past|slip past|dodge|hide from) (the )?(border (patrol|agents?|officers?|guards?|checkpoint)|cbsa|officers?|cameras|detection|immigration)\b/,
  /\b(what|which) (story|lie|lies) should (i|we) (tell|use)\b/,
  /\b(fake|forged|false) (asylum |refugee )?(story|claim|documents?|papers|passport|id|evidence)\b[^.?!]{0,30}\b(get|make|buy|where|how)\b/,
  /\b(where|how) (can|do|to) (i |we )?(get|buy|make) (a )?(fake|forged|false) /,
  /\bpretend (to be|i am|i.?m) (a )?(tourist|visitor|student)\b/,
  /\b(write|make|create|invent|give) (me )?(up )?(a |an )?(fake|false|made.?up|fabricated)\b/,
  /\b(believable|convincing|good|best) (lie|lies|fake story)\b|\blies? (work|to tell)\b/,
  /\b(smuggle|smuggler|smugglers)\b.{0,40}\b(us|me|across|into|charge|cost|find|get)\b|\b(who|someone who) (can )?(smuggle|gets? people across)\b/,
  /\b(trail|route|path|spot|place|crossing)\b.{0,40}\b(doesn.?t|don.?t|do not|does not|isn.?t|aren.?t|not|no one|nobody) (watch|patrol|guard|monitor|see|check)/,
  /\bso (that )?(they|he|she|the officers?|the guards?|nobody|no one) (don.?t|doesn.?t|won.?t|can.?t|never|will not|do not|does not) (know|find out|see|notice|catch|search)\b/,
  /\bmake (my )?(story|claim|case) (sound|look) (worse|better|stronger|more)\b/,
  /\bhide (that|the fact|my)\b.{0,40}\b(from )?(immigration|officers?|the (irb|board|border|officer))?\b/,
  /\b(use|using|borrow|borrowing) (my \w+.?s|someone else.?s|a dead person.?s|another person.?s) (passport|identity|id|documents?)\b/,
  /\b(enter|get into|get in to|cross into|go into) (canada|the us|the country)\b.{0,20}\b(secretly|unseen|undetected|unnoticed|illegally)\b/,
  /\b(crossing|spot|place|trail|route|part of the border)s? (that )?(has|have|with) no (patrols?|guards?|cameras|agents?)\b|\bunguarded (spot|place|crossing|part|section|stretch)\b/,
  /\bcross\w* (where|somewhere) (there (are|is) no (guards?|patrols?|agents?|cameras)|nobody|no one)\b/,
  /\b(doctor|alter|edit|falsify|photoshop) (my|the|a|some) (\w+ )?(statements?|documents?|papers|records|photos?|letters?|pay ?stubs)\b/,
  /\bmake up (a|an|some|my) (\w+ ){0,3}(letters?|documents?|records?|reports?|evidence|proof)\b/,
];

const lower = (text: string) => text.toLowerCase().replace(/[’‘]/g, "'");

export function asksForAdvice(text: string): boolean {
  const t = lower(text);
  return ADVICE.some((p) => p.test(t));
}

export function asksForDeception(text: string): boolean {
  const t = lower(text);
  return DECEPTION.some((p) => p.test(t));
}

/**
 * Honest questions that share a deception request's papers and crossings: what the law makes of
 * a crossing (already made, or someone else's), what a real letter should say, how to get real
 * evidence, a witness or one's own ID, ancestry "on paper". The model read these as deception
 * (dev: "what should a letter from my church say", "i walked across ... through a field last
 * week, can i still make a claim"); writing more near-misses of them into its examples cost
 * deception recall on the dev folds (the model learns the paper, not the lie). So a rule: the
 * shape of an honest question, and none of the words a lie is told in (DECEIT), clears the
 * model's reading. Of the 218 dev deception phrasings, one has an honest shape ("how do i get my
 * witness to remember things the way i tell him to"), and its deceit words keep it refused.
 */
const HONEST_SHAPES = [
  // What the law makes of something: asked, not requested.
  /(^|[.?!,;] ?)(what if|what happens (if|when|to)|what does the law)\b/,
  /\b(is it|was it|is that|was that) (legal|illegal|a crime|allowed|against the law)\b/,
  /\b(can|could) (i|we|he|she|they|my \w+) still\b|\bis it too late\b/,
  /\b(does|did|would|could) (that|it|this) (make|count|matter|affect|hurt|change|mean)\b/,
  // What a real document should contain.
  /\bwhat (\w+ )?(should|does|do|must|would) (a|an|the|my|our|his|her|their) ([\w']+ ){0,3}(letters?|declarations?|affidavits?|statements?|reports?) (\w+ ){0,6}(say|include|contain|have|mention|need|look like)\b/,
  // Getting real evidence, a witness, a record, one's own ID.
  /\bhow (do|can|could|should) (i|we) get (a |an |my |our |the |some )?(witness\w*|police reports?|medical records?|hospital records?|records?|cop(y|ies)|evidence|proof|screenshots?|id|identification)\b/,
  /\b(use|show|bring) (my|our|his|her) (own )?(drivers? licen[cs]e|state id|id( card)?|birth certificate|passport)\b/,
  // Ancestry and citizenship by descent.
  /\b(on paper|by descent)\b/,
];

/** The words a lie, a forgery or a hidden crossing is asked for in: with any, a question is not cleared. */
const DECEIT =
  /\b(fakes?|faked|faking|forg\w*|false|falsif\w*|lie|lies|lying|lied|made.?up|make (it |them )?up|invent\w*|fabricat\w*|never (\w+ ){0,2}(went|been|joined|happened|saw|seen|had|was|were|worked|earned|lived|attended|met|belonged|married)|didn.?t|wasn.?t|weren.?t|(isn.?t|not|aren.?t) (true|real|mine|valid)|don.?t (have|mention|tell|say)|not (mention|tell|say)|leave (\w+ ){0,3}(out|off)|secret\w*|unseen|undetected|unnoticed|without (anyone|anybody|them|being|getting|going|papers)|nobody|no one|hid(e|ing)|sneak\w*|smuggl\w*|coyote|brib\w*|pay off|pretend\w*|pose|borrow\w*|someone else.?s|(\w+'s|(brother|sister|friend|cousin|mom|dad|mother|father|husband|wife|partner|uncle|aunt|son|daughter)s?) (drivers? )?(passport|id|licen[cs]e|card|green card|documents?|papers)|trick\w*|fool|fudge|cover (it )?up|erase|wipe\w*|so (that )?(they|he|she|it|nobody|no one) (don|doesn|won|can|never)|look (real|official|valid|like)|sound (real|true|believable|worse|better)|believable|convincing|the way i tell|when i.?m not|even though|instead|really|avoid\w*|get around|get past|slip)\b/;

/** An honest question about the law or real papers (HONEST_SHAPES), with no word of deceit in it. */
export function asksHonestlyAboutPapersOrCrossing(text: string): boolean {
  const t = lower(text);
  return HONEST_SHAPES.some((p) => p.test(t)) && !DECEIT.test(t);
}

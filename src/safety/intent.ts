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
  /\b(use|using) (my \w+.?s|someone else.?s|a dead person.?s|another person.?s) (passport|identity|id|documents?)\b/,
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

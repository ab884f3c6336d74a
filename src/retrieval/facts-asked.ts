/**
 * Kinds of specific fact a question can ask for (an amount, a rate, a count, a duration, a given
 * year, a way to reach someone), each with what a text that gives one contains. A passage on the
 * right subject that gives none of the kind asked ("how much is the fee for the Foreign Births
 * Register?" of a passage that names no fee) does not answer: the scorer's confidence reads it
 * (`factMissing`), and so does a follow-up kept on the passage just shown.
 *
 * Not the cues of compose/focus.ts, which pick the sentence that answers and so also read kinds
 * no figure settles ("apply", "lawyer") and count "pay" as saying an amount: here a kind is read
 * only when a text that gives it can be told by its form, so that a miss means the fact is absent.
 */
interface FactKind {
  asks: RegExp;
  says: RegExp;
  /** A year named beside it ("how many … in 2022") is a fact asked too; a story's date is not. */
  dated?: boolean;
}

const NUMBER_WORD =
  '(?:\\d[\\d,.]*|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|sixty|ninety|a few|several|many)';

const KINDS: readonly FactKind[] = [
  {
    // An amount of money.
    asks: /\b(how much (?:money|cash|does (?:it|that|this|a|an|the) \w+ ?cost|will (?:it|that|this) cost|do (?:i|we|you) (?:need to |have to )?pay|is (?:it|the|a) (?:fee|cost|application|visa|permit))|fees?|(?<!no[- ]|low[- ]|at no )costs?|what does (?:it|that|this) cost|how much (?:\w+ ){1,4}charge|how much (?:\w+ ){0,2}(?:income|savings|capital|investment)|(?:minimum|required) (?:monthly |annual |yearly )?(?:income|savings|investment)|what (?:do|does|would|will) (?:\w+ ){1,3}charge)\b/i,
    says: /[$€£]|\b\d[\d,.]*\s?(?:dollars|euros|pounds|usd|cad)\b|\b(?:free|fees?|costs?|charges?|paid|pays?)\b/i,
  },
  {
    // A share: a percentage or a rate.
    asks: /\b(percent(?:age)?s?|per cent|(?:acceptance|approval|grant|success|refusal|rejection) rates?)\b/i,
    says: /\d\s?%|\bper ?cent\b|\bout of\b|\b\d[\d,]* (?:of|in) (?:the |about |roughly )?\d|\b(?:one|1) in \w+\b|\b(?:most|few|none|all|half|majority|rare|rarely|seldom|low|high)\b/i,
    dated: true,
  },
  {
    // A count.
    asks: /\b(how many (?!days|weeks|months|years|hours)|number of)\b/i,
    says: /\b(?!(?:1[89]|20)\d\d\b)\d[\d,]*\b|\b(?:none|no one|nobody|few|several|dozens?|hundreds?|thousands?|one|two|three|four|five|six|seven|eight|nine|ten)\b/i,
    dated: true,
  },
  {
    // A duration or a time limit.
    asks: /\b(how long|how soon|how quickly|how many (?:days|weeks|months|years|hours)|processing times?|wait(?:ing)? times?|turnaround)\b/i,
    says: new RegExp(
      `\\b${NUMBER_WORD}[- ](?:days?|weeks?|months?|years?|hours?)\\b|\\b(?:within|deadline|backlog|wait|waiting|until|immediately|same day)\\b`,
      'i',
    ),
  },
  {
    // A way to reach someone: a phone number, an address, an email, opening hours. "Phone" alone
    // is not asked ("can they search my phone"), nor "what number of" (a count).
    asks: /\b(phone numbers?|telephone numbers?|numbers? to call|what number(?! of)|call them at|e-?mail address(?:es)?|(?:mailing|street|postal|office) address(?:es)?|(?:their|its|the) address|where (?:is|are) (?:their|its|the) offices?|office hours|opening hours|business hours|contact (?:info|information|details))\b/i,
    says: /\b\d{3}[-. ]\d{3}[-. ]\d{4}\b|\b(?:911|988|741741)\b|@|\bwww\.|https?:|\b(?:address|hours|open (?:from|until|daily))\b/i,
  },
];

/** What of a passage is read for the facts it gives: its title and body. */
export function factText(passage: { title: string; body: string }): string {
  return `${passage.title}\n${passage.body}`;
}

/** A year written out: what a question about "2022 specifically" needs a passage to name. */
const YEAR = /\b(?:19[5-9]\d|20\d\d)\b/g;

/**
 * The share of the specific facts the question asks for that the text gives none of: 0 when it
 * asks for none. A year named beside a count or a share ("how many … in 2022") counts as one
 * such fact too, given when the text names it; a year in "I came in 2019, can I claim?" does not.
 */
export function factMissing(question: string, text: string): number {
  const kinds = KINDS.filter((kind) => kind.asks.test(question));
  const years = kinds.some((kind) => kind.dated) ? [...new Set(question.match(YEAR) ?? [])] : [];
  const asked = kinds.length + years.length;
  if (asked === 0) return 0;
  const missing =
    kinds.filter((kind) => !kind.says.test(text)).length +
    years.filter((year) => !text.includes(year)).length;
  return missing / asked;
}

/** The knobs of ranking and of the coverage measure, tuned on the evaluation set (`npm run eval`). */
export interface Tuning {
  /** Field boosts: a question phrased like a passage's title or listed questions is the best sign. */
  boost: { title: number; questions: number; body: number; topic: number };
  /** Words of the question count more than those of its context; synonyms count less. */
  weight: { question: number; context: number; synonym: number };
  /** Ranking is score × coverage^exponent: higher favours passages that cover the whole question. */
  coverageExponent: number;
  /**
   * Weight, in coverage, of a word no passage matches at all ("legit", "cuz", "japan"). Lower
   * than a rare known word's, so slang does not sink an answer; high enough that an unknown
   * subject ("asylum in Japan") still does.
   */
  unknownWeight: number;
  /** Weight of a common English word that no curated question uses ("back", "thing", "once"). */
  commonWeight: number;
  /** Weight of a country the knowledge never mentions ("asylum in Japan"): the subject is unknown. */
  unknownPlaceWeight: number;
  /** Share of an unknown word's weight that a fuzzy match earns: a typo, or a near miss. */
  fuzzyCredit: number;
  /**
   * Up to this many passages using a main word of the question, every match is scored; beyond,
   * only the likeliest candidates are (see candidatesFor).
   */
  exhaustiveUpTo: number;
}

export const DEFAULT_TUNING: Tuning = {
  boost: { title: 4, questions: 3, body: 1, topic: 1 },
  weight: { question: 2, context: 1, synonym: 0.3 },
  coverageExponent: 1,
  unknownWeight: 3,
  commonWeight: 0.1,
  unknownPlaceWeight: 8,
  fuzzyCredit: 0.5,
  exhaustiveUpTo: 500,
};

/**
 * The answer threshold's rule, in one place: `npm run train` chooses the shipped threshold with it
 * and bench/ranking/experiment.ts compares variants by it.
 */

/** One message's decision: its first candidate's confidence, and whether answering it is right. */
export interface Decision {
  confidence: number;
  /** The candidate ranked first is a right answer. */
  first: boolean;
  /** The message should be answered (false: declined). */
  answerable: boolean;
}

export interface DecisionsAt {
  threshold: number;
  /** Right decisions: answering with the right passage first, or declining what should be declined. */
  accuracy: number;
  /** Of the messages declined, the share that should be. */
  precision: number;
  /** Of the messages that should be declined, the share that are. */
  recall: number;
}

export function decisionsAt(rows: readonly Decision[], threshold: number): DecisionsAt {
  const answered = rows.filter((r) => r.confidence >= threshold);
  const declined = rows.filter((r) => r.confidence < threshold);
  const right =
    answered.filter((r) => r.answerable && r.first).length +
    declined.filter((r) => !r.answerable).length;
  const precision = declined.length
    ? declined.filter((r) => !r.answerable).length / declined.length
    : 1;
  const recall =
    declined.filter((r) => !r.answerable).length /
    Math.max(1, rows.filter((r) => !r.answerable).length);
  return { threshold, accuracy: right / rows.length, precision, recall };
}

/**
 * Declining a question the bot could answer costs the person an answer: among thresholds whose
 * declines are right at least 90% of the time (issue 12's precision target), the most accurate.
 */
export function chooseThreshold(rows: readonly Decision[]): DecisionsAt {
  const candidates = Array.from({ length: 99 }, (_, i) => decisionsAt(rows, (i + 1) / 100));
  const precise = candidates.filter((c) => c.precision >= 0.9);
  return (precise.length ? precise : candidates).reduce((a, b) =>
    b.accuracy > a.accuracy ? b : a,
  );
}

import { type Answer, type Assistant, wordCount } from '../src/index.ts';
import type { EvalSet, EvalTurn, EvalSubset as Subset } from './schema.ts';

/** What a turn is reported under: its subset, or `follow-up` for a conversation's later turns. */
export type ReportSubset = Subset | 'follow-up';

export interface TurnResult {
  q: string;
  topic: string;
  subset: ReportSubset;
  /** Passages in the order the answer shows them: cited first, then the suggested questions. */
  ranked: string[];
  expected: string[] | 'abstain';
  abstained: boolean;
  /** 1-based rank of the first expected passage; null when absent (or when the bot abstained). */
  rank: number | null;
  /** The right passage cited first, or a correct decline. */
  correct: boolean;
  /** Words of the answer's text, `[n]` markers aside (0 when it has none). */
  words: number;
}

/** Scores of one subset (or of all single questions). */
export interface SubsetScores {
  /** Questions (or turns) in the subset. */
  questions: number;
  /** Of them, those with a passage that answers them. */
  answerable: number;
  /** Answerable ones whose answer cites an expected passage first (an abstention is a miss). */
  hitAt1: number;
  hitAt3: number;
  /** The right passage cited first, or a correct decline. */
  accuracy: number;
  /** Of those to decline, the share declined. */
  declineRecall: number;
}

export interface EvalReport {
  answerable: number;
  hitAt1: number;
  hitAt3: number;
  mrr: number;
  /** Single questions: right passage cited first, or a correct decline. */
  answerAccuracy: number;
  abstention: {
    shouldAbstain: number;
    abstained: number;
    precision: number;
    recall: number;
    accuracy: number;
  };
  followUps: { turns: number; accuracy: number };
  /** Length of the answers with a text (every turn, follow-ups included), in words. */
  answerWords: { answers: number; median: number; p90: number; max: number };
  /** By subset, with `all` for every single question (follow-up turns have their own row). */
  subsets: Partial<Record<ReportSubset | 'all', SubsetScores>>;
  perTopic: Record<string, { questions: number; hitAt1: number; hitAt3: number }>;
  failures: {
    q: string;
    topic: string;
    subset: ReportSubset;
    expected: string[] | 'abstain';
    got: string[];
  }[];
}

/**
 * The quality gate CI enforces on the test split (test.yaml; the dev split where there is none):
 * it goes red when ranking or declining gets worse. Set a few questions below what the bot
 * measured on test when the sentence encoder landed (hit@3 78.9%, answer accuracy 68.1%,
 * decisions right 83.2%, decline recall 65.1%): a floor against regressions, far below issue
 * 12's targets, which `npm run eval` prints beside the scores.
 */
export const GATE = {
  hitAt3: 0.75,
  answerAccuracy: 0.64,
  abstentionAccuracy: 0.79,
  declineRecall: 0.6,
} as const;

/** The dev split labels no subsets: long questions, declines and the rest are told by style. */
export function subsetOf(turn: EvalTurn): Subset {
  if (turn.subset) return turn.subset;
  if ('abstain' in turn) return 'decline';
  return turn.style === 'long' ? 'long' : 'plain';
}

function ranking(answer: Answer, idByTitle: Map<string, string>): string[] {
  if (answer.abstained) return [];
  const cited = answer.citations.flatMap((c) => c.passages);
  const suggested = answer.followUps
    .map((title) => idByTitle.get(title))
    .filter((id) => id !== undefined);
  return [...new Set([...cited, ...suggested])];
}

function judge(
  turn: EvalTurn,
  subset: ReportSubset,
  answer: Answer,
  idByTitle: Map<string, string>,
): TurnResult {
  const ranked = ranking(answer, idByTitle);
  const words = wordCount(answer.text);
  if ('abstain' in turn) {
    return {
      q: turn.q,
      topic: 'abstain',
      subset,
      ranked,
      expected: 'abstain',
      abstained: answer.abstained,
      rank: null,
      correct: answer.abstained,
      words,
    };
  }
  const index = ranked.findIndex((id) => turn.expect.includes(id));
  const rank = index === -1 ? null : index + 1;
  return {
    q: turn.q,
    topic: turn.topic ?? 'unknown',
    subset,
    ranked,
    expected: turn.expect,
    abstained: answer.abstained,
    rank,
    correct: rank === 1,
    words,
  };
}

const share = (part: number, whole: number) => (whole === 0 ? 1 : part / whole);
const hits = (results: TurnResult[], k: number) =>
  results.filter((r) => r.rank !== null && r.rank <= k).length;

export function scoresOf(results: TurnResult[]): SubsetScores {
  const answerable = results.filter((r) => r.expected !== 'abstain');
  const declines = results.filter((r) => r.expected === 'abstain');
  return {
    questions: results.length,
    answerable: answerable.length,
    hitAt1: share(hits(answerable, 1), answerable.length),
    hitAt3: share(hits(answerable, 3), answerable.length),
    accuracy: share(results.filter((r) => r.correct).length, results.length),
    declineRecall: share(declines.filter((r) => r.abstained).length, declines.length),
  };
}

/** Runs every question (each alone) and every conversation (turns in one conversation). */
export function runEvalSet(set: EvalSet, assistant: Assistant): TurnResult[] {
  const idByTitle = new Map(assistant.passages().map((p) => [p.title, p.id]));
  const topicOf = new Map(assistant.passages().map((p) => [p.id, p.topic]));
  const singles = set.questions.map((turn) => {
    const result = judge(turn, subsetOf(turn), assistant.ask(turn.q), idByTitle);
    if (result.topic === 'unknown' && Array.isArray(result.expected))
      result.topic = topicOf.get(result.expected[0] ?? '') ?? 'unknown';
    return result;
  });
  const followUpTurns = set.conversations.flatMap((turns, i) => {
    const conversationId = `eval-${i}`;
    return turns
      .map((turn) => judge(turn, 'follow-up', assistant.ask(turn.q, { conversationId }), idByTitle))
      .slice(1);
  });
  return [...singles, ...followUpTurns];
}

/** Scores a run of the eval set: retrieval, declining, follow-ups, by subset and by topic. */
export function reportOf(results: TurnResult[]): EvalReport {
  const singles = results.filter((r) => r.subset !== 'follow-up');
  const followUpTurns = results.filter((r) => r.subset === 'follow-up');
  const answerable = singles.filter((r) => r.expected !== 'abstain');
  const shouldAbstain = singles.filter((r) => r.expected === 'abstain');
  const abstained = singles.filter((r) => r.abstained);

  const perTopic: EvalReport['perTopic'] = {};
  for (const topic of [...new Set(answerable.map((r) => r.topic))].sort()) {
    const inTopic = answerable.filter((r) => r.topic === topic);
    perTopic[topic] = {
      questions: inTopic.length,
      hitAt1: share(hits(inTopic, 1), inTopic.length),
      hitAt3: share(hits(inTopic, 3), inTopic.length),
    };
  }
  const subsets: EvalReport['subsets'] = {};
  for (const subset of [...new Set(results.map((r) => r.subset))])
    subsets[subset] = scoresOf(results.filter((r) => r.subset === subset));
  subsets.all = scoresOf(singles);

  const failures = results
    .filter((r) =>
      r.expected === 'abstain' ? !r.abstained : r.rank === null || r.rank > 3 || r.abstained,
    )
    .map((r) => ({
      q: r.q,
      topic: r.topic,
      subset: r.subset,
      expected: r.expected,
      got: r.abstained ? ['(abstained)'] : r.ranked.slice(0, 3),
    }));

  const correctDecisions = singles.filter((r) => r.abstained === (r.expected === 'abstain')).length;
  return {
    answerable: answerable.length,
    hitAt1: share(hits(answerable, 1), answerable.length),
    hitAt3: share(hits(answerable, 3), answerable.length),
    mrr:
      answerable.reduce((sum, r) => sum + (r.rank ? 1 / r.rank : 0), 0) /
      Math.max(1, answerable.length),
    answerAccuracy: share(singles.filter((r) => r.correct).length, singles.length),
    abstention: {
      shouldAbstain: shouldAbstain.length,
      abstained: abstained.length,
      precision: share(abstained.filter((r) => r.expected === 'abstain').length, abstained.length),
      recall: share(shouldAbstain.filter((r) => r.abstained).length, shouldAbstain.length),
      accuracy: share(correctDecisions, singles.length),
    },
    followUps: {
      turns: followUpTurns.length,
      accuracy: share(followUpTurns.filter((r) => r.correct).length, followUpTurns.length),
    },
    answerWords: lengthsOf(results.map((r) => r.words).filter((words) => words > 0)),
    subsets,
    perTopic,
    failures,
  };
}

/** Median, 90th percentile and longest of some answer lengths (nearest rank). */
export function lengthsOf(words: readonly number[]): EvalReport['answerWords'] {
  const sorted = [...words].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] ?? 0;
  return { answers: sorted.length, median: at(0.5), p90: at(0.9), max: sorted.at(-1) ?? 0 };
}

export function evaluate(set: EvalSet, assistant: Assistant): EvalReport {
  return reportOf(runEvalSet(set, assistant));
}

export function passesGate(report: EvalReport): boolean {
  return (
    report.hitAt3 >= GATE.hitAt3 &&
    report.answerAccuracy >= GATE.answerAccuracy &&
    report.abstention.accuracy >= GATE.abstentionAccuracy &&
    report.abstention.recall >= GATE.declineRecall
  );
}

import type { Answer, Assistant } from '../src/index.ts';
import type { EvalSet, EvalTurn } from './schema.ts';

export interface TurnResult {
  q: string;
  topic: string;
  /** Passages in the order the answer shows them: cited first, then the suggested questions. */
  ranked: string[];
  expected: string[] | 'abstain';
  abstained: boolean;
  /** 1-based rank of the first expected passage; null when absent (or when the bot abstained). */
  rank: number | null;
  correct: boolean;
}

export interface EvalReport {
  answerable: number;
  hitAt1: number;
  hitAt3: number;
  mrr: number;
  abstention: {
    shouldAbstain: number;
    abstained: number;
    precision: number;
    recall: number;
    accuracy: number;
  };
  followUps: { turns: number; accuracy: number };
  perTopic: Record<string, { questions: number; hitAt1: number; hitAt3: number }>;
  failures: { q: string; topic: string; expected: string[] | 'abstain'; got: string[] }[];
}

/**
 * The quality gate CI enforces: it goes red when retrieval or abstention gets worse. The bot
 * measures hit@3 0.953 (224 of 235) today: one more miss and the gate fails, so look at the
 * failures `npm run eval` lists after any edit to the knowledge or the synonyms.
 */
export const GATE = { hitAt3: 0.95, abstentionAccuracy: 0.9 } as const;

function ranking(answer: Answer, idByTitle: Map<string, string>): string[] {
  if (answer.abstained) return [];
  const cited = answer.citations.flatMap((c) => c.passages);
  const suggested = answer.followUps
    .map((title) => idByTitle.get(title))
    .filter((id) => id !== undefined);
  return [...new Set([...cited, ...suggested])];
}

function judge(turn: EvalTurn, answer: Answer, idByTitle: Map<string, string>): TurnResult {
  const ranked = ranking(answer, idByTitle);
  if ('abstain' in turn) {
    return {
      q: turn.q,
      topic: 'abstain',
      ranked,
      expected: 'abstain',
      abstained: answer.abstained,
      rank: null,
      correct: answer.abstained,
    };
  }
  const index = ranked.findIndex((id) => turn.expect.includes(id));
  const rank = index === -1 ? null : index + 1;
  return {
    q: turn.q,
    topic: turn.topic ?? 'unknown',
    ranked,
    expected: turn.expect,
    abstained: answer.abstained,
    rank,
    correct: rank === 1,
  };
}

/** Runs every question (each alone) and every conversation (turns in one conversation). */
export function evaluate(set: EvalSet, assistant: Assistant): EvalReport {
  const idByTitle = new Map(assistant.passages().map((p) => [p.title, p.id]));
  const topicOf = new Map(assistant.passages().map((p) => [p.id, p.topic]));
  const singles = set.questions.map((turn) => {
    const result = judge(turn, assistant.ask(turn.q), idByTitle);
    if (result.topic === 'unknown' && Array.isArray(result.expected))
      result.topic = topicOf.get(result.expected[0] ?? '') ?? 'unknown';
    return result;
  });
  const followUpTurns = set.conversations.flatMap((turns, i) => {
    const conversationId = `eval-${i}`;
    return turns
      .map((turn) => judge(turn, assistant.ask(turn.q, { conversationId }), idByTitle))
      .slice(1);
  });

  const answerable = singles.filter((r) => r.expected !== 'abstain');
  const shouldAbstain = singles.filter((r) => r.expected === 'abstain');
  const abstained = singles.filter((r) => r.abstained);
  const share = (part: number, whole: number) => (whole === 0 ? 1 : part / whole);
  const hits = (results: TurnResult[], k: number) =>
    results.filter((r) => r.rank !== null && r.rank <= k).length;

  const perTopic: EvalReport['perTopic'] = {};
  for (const topic of [...new Set(answerable.map((r) => r.topic))].sort()) {
    const inTopic = answerable.filter((r) => r.topic === topic);
    perTopic[topic] = {
      questions: inTopic.length,
      hitAt1: share(hits(inTopic, 1), inTopic.length),
      hitAt3: share(hits(inTopic, 3), inTopic.length),
    };
  }

  const failures = [...singles, ...followUpTurns]
    .filter((r) =>
      r.expected === 'abstain' ? !r.abstained : r.rank === null || r.rank > 3 || r.abstained,
    )
    .map((r) => ({
      q: r.q,
      topic: r.topic,
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
    abstention: {
      shouldAbstain: shouldAbstain.length,
      abstained: abstained.length,
      precision: share(abstained.filter((r) => r.expected === 'abstain').length, abstained.length),
      recall: share(shouldAbstain.filter((r) => r.abstained).length, shouldAbstain.length),
      accuracy: share(correctDecisions, singles.length),
    },
    followUps: {
      turns: followUpTurns.length,
      accuracy: share(
        followUpTurns.filter((r) => (r.expected === 'abstain' ? r.abstained : r.rank === 1)).length,
        followUpTurns.length,
      ),
    },
    perTopic,
    failures,
  };
}

export function passesGate(report: EvalReport): boolean {
  return report.hitAt3 >= GATE.hitAt3 && report.abstention.accuracy >= GATE.abstentionAccuracy;
}

import type { BaselineReport } from './baseline.ts';
import { type EvalReport, GATE, type ReportSubset, type SubsetScores } from './evaluate.ts';

/** One split's scores: the bot's and plain MiniSearch's on the same questions. */
export interface SplitReport {
  report: EvalReport;
  baseline: BaselineReport;
}

/** The issue's targets on the test split (issue 12), shown beside the scores; not the gate. */
export const TARGETS = {
  answerAccuracy: 0.9,
  hitAt1: 0.85,
  overBaseline: 0.1,
  longHitAt1: 0.85,
  paraphraseHitAt1: 0.8,
  declineRecall: 0.85,
  declinePrecision: 0.9,
} as const;

const ROWS: (ReportSubset | 'all')[] = [
  'long',
  'paraphrase',
  'misconception',
  'plain',
  'decline',
  'follow-up',
  'all',
];

const pct = (value: number) => `${(value * 100).toFixed(1)}%`;
const cell = (text: string, width: number) => text.padStart(width);

function scoreCells(scores: SubsetScores | undefined): string {
  if (!scores) return cell('', 33);
  const answerable = scores.answerable > 0;
  return [
    cell(String(scores.questions), 5),
    cell(answerable ? pct(scores.hitAt1) : '-', 8),
    cell(answerable ? pct(scores.hitAt3) : '-', 8),
    cell(pct(scores.accuracy), 10),
  ].join('');
}

const words = (r: EvalReport) =>
  `median ${r.answerWords.median}, p90 ${r.answerWords.p90}, max ${r.answerWords.max} (${r.answerWords.answers} answers)`;

/** Dev and test side by side, by subset, with plain MiniSearch and the targets. */
export function formatSplits(dev: SplitReport, test: SplitReport | undefined): string[] {
  const head = `${'subset'.padEnd(16)}${cell('n', 5)}${cell('hit@1', 8)}${cell('hit@3', 8)}${cell('accuracy', 10)}`;
  const lines = [
    `${''.padEnd(16)}${'dev (questions.yaml)'.padEnd(33)}   ${test ? 'test (test.yaml)' : 'test: not read'}`,
    `${head}   ${head.slice(16)}`,
  ];
  for (const row of ROWS) {
    const d = dev.report.subsets[row];
    const t = test?.report.subsets[row];
    if (!d && !t) continue;
    lines.push(`${row.padEnd(16)}${scoreCells(d)}   ${test ? scoreCells(t) : ''}`);
  }
  const baselineCells = (b: BaselineReport | undefined) =>
    b
      ? `${cell(String(b.answerable), 5)}${cell(pct(b.hitAt1), 8)}${cell(pct(b.hitAt3), 8)}${cell('', 10)}`
      : '';
  lines.push(
    `${'plain MiniSearch'.padEnd(16)}${baselineCells(dev.baseline)}   ${baselineCells(test?.baseline)}`,
  );
  const baselineSubsets = (b: BaselineReport | undefined) =>
    b
      ? Object.entries(b.subsets)
          .map(([subset, s]) => `${subset} ${pct(s.hitAt1)}`)
          .join(', ')
      : '';
  lines.push(`  hit@1 by subset: dev ${baselineSubsets(dev.baseline)}`);
  if (test) lines.push(`                   test ${baselineSubsets(test.baseline)}`);
  const declining = (r: EvalReport) =>
    `precision ${pct(r.abstention.precision)}, recall ${pct(r.abstention.recall)} (${r.abstention.abstained} declined, ${r.abstention.shouldAbstain} should be); answer-or-decline decisions right ${pct(r.abstention.accuracy)}`;
  lines.push(
    '',
    `declining   dev  ${declining(dev.report)}`,
    ...(test ? [`            test ${declining(test.report)}`] : []),
    `answer accuracy (right passage cited first, or a correct decline): dev ${pct(dev.report.answerAccuracy)}${test ? `, test ${pct(test.report.answerAccuracy)}` : ''}`,
    `follow-ups  dev ${pct(dev.report.followUps.accuracy)} of ${dev.report.followUps.turns} turns${test ? `, test ${pct(test.report.followUps.accuracy)} of ${test.report.followUps.turns}` : ''}`,
    `answer words dev ${words(dev.report)}${test ? `; test ${words(test.report)}` : ''}`,
    '',
    `gate (${test ? 'test' : 'dev: test not read'}): hit@3 ≥ ${pct(GATE.hitAt3)}, answer accuracy ≥ ${pct(GATE.answerAccuracy)}, decisions right ≥ ${pct(GATE.abstentionAccuracy)}, decline recall ≥ ${pct(GATE.declineRecall)}`,
    `targets (test, issue 12): answer accuracy ≥ ${pct(TARGETS.answerAccuracy)}; hit@1 ≥ ${pct(TARGETS.hitAt1)} and ≥ plain MiniSearch + ${TARGETS.overBaseline * 100} points; long hit@1 ≥ ${pct(TARGETS.longHitAt1)}; paraphrase hit@1 ≥ ${pct(TARGETS.paraphraseHitAt1)}; decline recall ≥ ${pct(TARGETS.declineRecall)} at precision ≥ ${pct(TARGETS.declinePrecision)}`,
  );
  if (test) lines.push(...targetsMet(test));
  return lines;
}

function targetsMet({ report, baseline }: SplitReport): string[] {
  const check = (name: string, ok: boolean, value: string) =>
    `  ${ok ? 'met    ' : 'MISSED '} ${name}: ${value}`;
  const long = report.subsets.long?.hitAt1;
  const paraphrase = report.subsets.paraphrase?.hitAt1;
  return [
    check(
      'answer accuracy',
      report.answerAccuracy >= TARGETS.answerAccuracy,
      pct(report.answerAccuracy),
    ),
    check(
      'hit@1',
      report.hitAt1 >= TARGETS.hitAt1 && report.hitAt1 - baseline.hitAt1 >= TARGETS.overBaseline,
      `${pct(report.hitAt1)} (plain MiniSearch ${pct(baseline.hitAt1)})`,
    ),
    check('long hit@1', (long ?? 0) >= TARGETS.longHitAt1, long === undefined ? '-' : pct(long)),
    check(
      'paraphrase hit@1',
      (paraphrase ?? 0) >= TARGETS.paraphraseHitAt1,
      paraphrase === undefined ? '-' : pct(paraphrase),
    ),
    check(
      'declining',
      report.abstention.recall >= TARGETS.declineRecall &&
        report.abstention.precision >= TARGETS.declinePrecision,
      `recall ${pct(report.abstention.recall)}, precision ${pct(report.abstention.precision)}`,
    ),
  ];
}

/** Failures listed for one split. */
export function formatFailures(name: string, report: EvalReport): string[] {
  return [
    `${name} failures (${report.failures.length})`,
    ...report.failures.map(
      (f) =>
        `  [${f.subset}/${f.topic}] ${JSON.stringify(f.q)}\n      expected ${Array.isArray(f.expected) ? f.expected.join(', ') : 'abstain'}; got ${f.got.join(', ') || '(nothing)'}`,
    ),
  ];
}

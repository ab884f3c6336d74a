import type { DeclineCount, VoteCounts } from './schema.ts';

export interface OverduePassage {
  id: string;
  title: string;
  file: string;
  reviewBy: string;
}

export interface ReportInput {
  /** Where the counts come from (a redacted Redis URL), or undefined for memory: none to read. */
  store: string | undefined;
  votes: Record<string, VoteCounts>;
  declines: DeclineCount[];
  /** Passage ids in the knowledge now, to mark counts for passages since removed or renamed. */
  knownIds: ReadonlySet<string>;
  overdue: OverduePassage[];
  today: string;
}

const table = (rows: string[][]): string[] => {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((row) => (row[i] ?? '').length)));
  return rows.map((row) =>
    row
      .map((cell, i) => (i === 0 ? cell.padEnd(widths?.[i] ?? 0) : cell.padStart(widths?.[i] ?? 0)))
      .join('  ')
      .trimEnd(),
  );
};

/**
 * `npm run report` as text: votes per passage (most 👎 first, where an editor should look),
 * declines by nearest topic and ISO week, and passages past their review date. Counts are all
 * the store holds: no question, user, channel or time of day.
 */
export function formatReport(input: ReportInput): string {
  const lines: string[] = [];
  if (input.store === undefined) {
    lines.push(
      'REDIS_URL is not set: each bot keeps its votes and declines in its own memory, which no',
      'run outlives, so there are none to read here. Set REDIS_URL (and REDIS_PREFIX if the bots',
      'use one) to the Redis the bots share to report them.',
    );
  } else {
    lines.push(`Counts from ${input.store}`, '', 'Votes per passage (most 👎 first)');
    const votes = Object.entries(input.votes).sort(
      ([a, x], [b, y]) => y.down - x.down || y.up - x.up || a.localeCompare(b),
    );
    if (votes.length) {
      const rows = votes.map(([id, { up, down }]) => [
        `  ${id}${input.knownIds.has(id) ? '' : ' (not in the knowledge now)'}`,
        String(up),
        String(down),
      ]);
      lines.push(...table([['  passage', '👍', '👎'], ...rows]));
    } else {
      lines.push('  none yet');
    }
    lines.push('', 'Declines by nearest topic and ISO week');
    if (input.declines.length) {
      const rows = input.declines.map((d) => [`  ${d.week}  ${d.topic}`, String(d.count)]);
      lines.push(...table([['  week      topic', 'declines'], ...rows]));
    } else {
      lines.push('  none yet');
    }
  }
  lines.push('', `Passages past their review date (reviewBy before ${input.today})`);
  if (input.overdue.length) {
    lines.push(...input.overdue.map((p) => `  ${p.reviewBy}  ${p.id}  ${p.file}  ${p.title}`));
  } else {
    lines.push('  none');
  }
  return `${lines.join('\n')}\n`;
}

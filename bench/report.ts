import type { Summary } from './stats.ts';

/** A table of the report: printed aligned in the terminal and as Markdown in results.md. */
export interface Table {
  title: string;
  headers: string[];
  rows: string[][];
  notes?: string[];
}

export function renderText(table: Table): string {
  const all = [table.headers, ...table.rows];
  const widths = table.headers.map((_, i) => Math.max(...all.map((row) => (row[i] ?? '').length)));
  const line = (row: string[]) =>
    row
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [
    table.title,
    line(table.headers),
    widths.map((w) => '─'.repeat(w)).join('  '),
    ...table.rows.map(line),
    ...(table.notes ?? []).map((note) => `  ${note}`),
    '',
  ].join('\n');
}

export function renderMarkdown(table: Table): string {
  const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [
    `**${table.title}**`,
    '',
    row(table.headers),
    row(table.headers.map((_, i) => (i === 0 ? '---' : '---:'))),
    ...table.rows.map(row),
    ...(table.notes?.length ? ['', ...table.notes.map((note) => `- ${note}`)] : []),
  ].join('\n');
}

// The shapes the measurement processes write (see each bench/*.ts).
interface Failed {
  error?: string;
  skipped?: string;
}
interface AnswerVsSearch extends Failed {
  passages: number;
  questions: number;
  rounds: number;
  raw: Summary;
  retriever: Summary;
  ask: Summary;
  ratio: { median: number; p95: number; retrieverMedian: number };
  eval: {
    hitAt1: number;
    hitAt3: number;
    mrr: number;
    abstentionAccuracy: number;
    followUpAccuracy: number;
    answersFingerprint: string;
  };
}
interface IndexStats {
  buildMs: number;
  heapMiB: number;
  serializedBytes: number;
  loadMs: number;
}
interface Scale extends Failed {
  size: number;
  bodyWords: number;
  raw: IndexStats;
  project: IndexStats;
  queries: Record<
    string,
    { raw: Summary; project: Summary; meaning?: Summary; rawMatches: number }
  >;
  ratio: Record<string, { median: number; p95: number }>;
}
interface Lunr extends Failed {
  size: number;
  lunr: IndexStats;
  queries: Record<string, { raw: Summary; lunr: Summary }>;
  ratio: Record<string, { median: number; p95: number }>;
}
interface ProfileResult extends Failed {
  knowledge: {
    passages: number;
    questions: number;
    ask: Summary;
    insideMiniSearchShare: number;
    termsPerSearch: number;
    cpuProfilePercent: Record<string, number>;
    whatIf: Record<
      string,
      {
        ask: Summary;
        eval: {
          hitAt1: number;
          hitAt3: number;
          mrr: number;
          abstentionAccuracy: number;
          answersFingerprint: string;
        };
      }
    >;
  };
  scale: {
    size: number;
    queries: number;
    retrieverSearch: Summary;
    insideMiniSearchShare: number;
    termsPerSearch: number;
    cpuProfilePercent: Record<string, number>;
    whatIf: Record<string, Summary & { sameTop1?: number; sameTop20?: number }>;
  };
}
interface ColdStart extends Failed {
  buildMs: number | null;
  buildError: string | null;
  runs: Record<string, Summary>;
  failures: Record<string, number>;
}
interface SlackHttp extends Failed {
  requests: number;
  connections: number;
  seconds: number;
  answersPerSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  errors: number;
  duplicates?: number;
  /** The same load over two replicas sharing one Redis. */
  replicas?: SlackHttp;
}

const num = (value: number | undefined, digits = 1) =>
  value === undefined || !Number.isFinite(value)
    ? '–'
    : value.toLocaleString('en-US', {
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      });
const int = (value: number | undefined) => num(value, 0);
const mb = (bytes: number | undefined) => (bytes === undefined ? '–' : num(bytes / 2 ** 20, 1));
const times = (value: number | undefined) => (value === undefined ? '–' : `${num(value, 2)}×`);
const pct = (value: number) => `${num(value * 100, 1)}%`;
const passages = (size: number) => size.toLocaleString('en-US');
const QUERY_SETS: Record<string, string> = {
  frequent: 'frequent words',
  rare: 'rare words',
  questions: 'eval questions',
};

function problem(name: string, r: Failed | undefined): Table | undefined {
  if (!r) return undefined;
  if (r.skipped) return { title: name, headers: [''], rows: [[`skipped: ${r.skipped}`]] };
  if (r.error) return { title: name, headers: [''], rows: [[`failed: ${r.error.split('\n')[0]}`]] };
  return undefined;
}

/** The report's tables, from the results of every measurement process. */
export function report(results: Record<string, unknown>, { quick }: { quick: boolean }): Table[] {
  const tables: Table[] = [];
  const targets: string[][] = [];
  const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');

  // 1. Answer vs search.
  const a = results.answerVsSearch as AnswerVsSearch | undefined;
  const aProblem = problem('1. Answer vs search', a);
  if (aProblem) tables.push(aProblem);
  else if (a) {
    tables.push({
      title: `1. Answer vs search: real knowledge (${a.passages} passages), ${a.questions} evaluation questions × ${a.rounds} rounds, interleaved`,
      headers: ['', 'median µs', 'p95 µs', 'median vs raw', 'p95 vs raw'],
      rows: [
        [
          'raw MiniSearch search() (default options)',
          int(a.raw.median),
          int(a.raw.p95),
          '1.00×',
          '1.00×',
        ],
        [
          'project retriever search() (words only)',
          int(a.retriever.median),
          int(a.retriever.p95),
          times(a.ratio.retrieverMedian),
          times(a.retriever.p95 / a.raw.p95),
        ],
        [
          'ask() (retrieval with the sentence encoder unless off, composition)',
          int(a.ask.median),
          int(a.ask.p95),
          times(a.ratio.median),
          times(a.ratio.p95),
        ],
      ],
      notes: [
        `eval: hit@1 ${pct(a.eval.hitAt1)}, hit@3 ${pct(a.eval.hitAt3)}, MRR ${num(a.eval.mrr, 3)}, abstention accuracy ${pct(a.eval.abstentionAccuracy)}, follow-ups ${pct(a.eval.followUpAccuracy)}; answers fingerprint ${a.eval.answersFingerprint} (same fingerprint = same answers)`,
      ],
    });
    targets.push(
      ['ask()/search() median ratio ≤ 1.5', times(a.ratio.median), verdict(a.ratio.median <= 1.5)],
      ['ask() median ≤ 1 ms', `${int(a.ask.median)} µs`, verdict(a.ask.median <= 1000)],
      ['ask() p95 ≤ 50 ms (issue 12)', `${int(a.ask.p95)} µs`, verdict(a.ask.p95 <= 50_000)],
    );
  }

  // 2–3. Scale and lunr.
  const scales = Object.entries(results)
    .filter(([key]) => key.startsWith('scale.'))
    .map(([, r]) => r as Scale);
  const lunrs = Object.entries(results)
    .filter(([key]) => key.startsWith('lunr.'))
    .map(([, r]) => r as Lunr);
  for (const r of [...scales, ...lunrs]) {
    const p = problem('2–3. Scale', r);
    if (p) tables.push(p);
  }
  const okScales = scales.filter((r) => !r.error && !r.skipped);
  const okLunrs = lunrs.filter((r) => !r.error && !r.skipped);
  if (okScales.length) {
    const rows: string[][] = [];
    for (const s of okScales) {
      const l = okLunrs.find((x) => x.size === s.size);
      const line = (engine: string, x: IndexStats) => [
        passages(s.size),
        engine,
        int(x.buildMs),
        mb(x.serializedBytes),
        int(x.loadMs),
        num(x.heapMiB, 0),
      ];
      rows.push(line('raw MiniSearch', s.raw), line('project retriever', s.project));
      if (l) rows.push(line('lunr', l.lunr));
    }
    tables.push({
      title:
        '2. Scale: index build, serialized size (JSON), load from it (parse, then loadJSON; the project: createRetriever from its saved index; lunr: Index.load), heap after build',
      headers: ['passages', 'engine', 'build ms', 'JSON MB', 'load ms', 'heap MiB'],
      rows,
      notes: [
        'Synthetic passages shaped like the real ones (title, 2–4 listed questions, 60–230 body words), Zipf word frequencies over the real vocabulary plus a made-up tail (bench/corpus.ts).',
      ],
    });
    const queryRows: string[][] = [];
    for (const s of okScales) {
      for (const [set, q] of Object.entries(s.queries)) {
        queryRows.push([
          passages(s.size),
          QUERY_SETS[set] ?? set,
          num(q.raw.median, 2),
          num(q.raw.p95, 2),
          num(q.project.median, 2),
          num(q.project.p95, 2),
          q.meaning ? num(q.meaning.median, 2) : '–',
          q.meaning ? num(q.meaning.p95, 2) : '–',
          times(s.ratio[set]?.median),
          int(q.rawMatches),
        ]);
      }
    }
    tables.push({
      title:
        '2. Scale: query latency in ms, raw MiniSearch (default OR, all matches scored and sorted) vs the project retriever, interleaved',
      headers: [
        'passages',
        'queries',
        'raw median',
        'raw p95',
        'project median',
        'project p95',
        'with encoder median',
        'with encoder p95',
        'median ratio',
        'raw matches',
      ],
      rows: queryRows,
    });
    const at10k = okScales.find((s) => s.size === 10_000)?.queries.frequent?.project.p95;
    targets.push([
      'project retriever p95 ≤ 10 ms at 10k passages, frequent words',
      at10k === undefined ? 'not measured (quick)' : `${num(at10k, 1)} ms`,
      at10k === undefined ? '–' : verdict(at10k <= 10),
    ]);
    // Issue 12: ask() ranks with the encoder; its search at 10k, on the evaluation's questions.
    const meaning10k = okScales.find((s) => s.size === 10_000)?.queries.questions?.meaning?.p95;
    targets.push([
      'retriever with the sentence encoder p95 ≤ 100 ms at 10k passages, evaluation questions',
      meaning10k === undefined ? 'not measured (quick, or no encoder)' : `${num(meaning10k, 1)} ms`,
      meaning10k === undefined ? '–' : verdict(meaning10k <= 100),
    ]);
  }
  if (okLunrs.length) {
    const rows: string[][] = [];
    for (const l of okLunrs) {
      for (const [set, q] of Object.entries(l.queries)) {
        rows.push([
          passages(l.size),
          QUERY_SETS[set] ?? set,
          num(q.lunr.median, 2),
          num(q.lunr.p95, 2),
          num(q.raw.median, 2),
          num(q.raw.p95, 2),
          times(l.ratio[set]?.median),
          times(l.ratio[set]?.p95),
        ]);
      }
    }
    tables.push({
      title:
        '3. Peer anchor: lunr vs raw MiniSearch, same corpus and queries, in ms, interleaved in one process',
      headers: [
        'passages',
        'queries',
        'lunr median',
        'lunr p95',
        'raw median',
        'raw p95',
        'lunr/raw median',
        'lunr/raw p95',
      ],
      rows,
    });
  }

  // Profile.
  const pr = results.profile as ProfileResult | undefined;
  const prProblem = problem('Profile', pr);
  if (prProblem) tables.push(prProblem);
  else if (pr) {
    const k = pr.knowledge;
    const sc = pr.scale;
    const categories = [
      ...new Set([...Object.keys(k.cpuProfilePercent), ...Object.keys(sc.cpuProfilePercent)]),
    ];
    tables.push({
      title: 'Profile: where the time goes (share of CPU samples)',
      headers: [
        'category',
        `ask(), real knowledge, eval questions`,
        `retriever.search(), ${passages(sc.size)} passages, frequent words`,
      ],
      rows: [
        ...categories.map((name) => [
          name,
          k.cpuProfilePercent[name] === undefined ? '–' : `${num(k.cpuProfilePercent[name], 1)}%`,
          sc.cpuProfilePercent[name] === undefined ? '–' : `${num(sc.cpuProfilePercent[name], 1)}%`,
        ]),
        [
          'wall time inside MiniSearch search()',
          pct(k.insideMiniSearchShare),
          pct(sc.insideMiniSearchShare),
        ],
        [
          'terms sent to MiniSearch per search',
          num(k.termsPerSearch, 1),
          num(sc.termsPerSearch, 1),
        ],
      ],
    });
    tables.push({
      title: `What-if on the real knowledge: ask() over the ${k.questions} evaluation questions with only MiniSearch's options changed, and the real evaluation`,
      headers: [
        'variant',
        'ask median µs',
        'ask p95 µs',
        'hit@1',
        'hit@3',
        'MRR',
        'abstention acc.',
        'answers',
      ],
      rows: Object.entries(k.whatIf).map(([name, w]) => [
        name,
        int(w.ask.median * 1000),
        int(w.ask.p95 * 1000),
        pct(w.eval.hitAt1),
        pct(w.eval.hitAt3),
        num(w.eval.mrr, 3),
        pct(w.eval.abstentionAccuracy),
        w.eval.answersFingerprint,
      ]),
    });
    tables.push({
      title: `What-if at ${passages(sc.size)} passages: the exact MiniSearch queries the retriever sent for ${sc.queries} frequent-word queries, replayed, in ms`,
      headers: ['variant', 'median', 'p95', 'same top 1', 'same top 20'],
      rows: Object.entries(sc.whatIf).map(([name, w]) => [
        name,
        num(w.median, 2),
        num(w.p95, 2),
        w.sameTop1 === undefined ? '–' : pct(w.sameTop1),
        w.sameTop20 === undefined ? '–' : pct(w.sameTop20),
      ]),
    });
  }

  // 4. Cold start.
  const c = results.coldStart as ColdStart | undefined;
  const cProblem = problem('4. Cold start', c);
  if (cProblem) tables.push(cProblem);
  else if (c) {
    tables.push({
      title: `4. Cold start: process start to printed answer, one question (build: ${c.buildMs === null ? 'FAILED' : `${int(c.buildMs)} ms`})`,
      headers: ['command', 'median ms', 'min ms', 'max ms', 'runs'],
      rows: Object.entries(c.runs).map(([name, s]) => [
        name,
        int(s.median),
        int(s.min),
        int(s.max),
        String(s.n),
      ]),
      notes: Object.entries(c.failures).map(([name, n]) => `${name}: ${n} failed runs`),
    });
    const built = c.runs['built: node dist/adapters/repl/ask.js'];
    targets.push([
      'built one-shot ≤ 0.6 s',
      built ? `${num(built.median / 1000, 2)} s` : 'build failed',
      built ? verdict(built.median <= 600) : 'NOT met',
    ]);
    targets.push([
      'built one-shot ≤ 1 s (issue 12)',
      built ? `${num(built.median / 1000, 2)} s` : 'build failed',
      built ? verdict(built.median <= 1000) : 'NOT met',
    ]);
    const encoded = c.runs['built, a question that needs the encoder'];
    targets.push([
      'built one-shot ≤ 1 s, a question that needs the encoder',
      encoded ? `${num(encoded.median / 1000, 2)} s` : 'build failed',
      encoded ? verdict(encoded.median <= 1000) : 'NOT met',
    ]);
  }

  // 5. Slack.
  const sl = results.slackHttp as SlackHttp | undefined;
  const slProblem = problem('5. Slack HTTP throughput', sl);
  if (slProblem) tables.push(slProblem);
  else if (sl) {
    const row = (label: string, r: SlackHttp) => [
      label,
      int(r.answersPerSecond),
      int(r.latencyMs.p50),
      int(r.latencyMs.p90),
      int(r.latencyMs.p99),
      int(r.latencyMs.max),
      String(r.errors),
      r.duplicates === undefined ? '–' : String(r.duplicates),
      num(r.seconds, 1),
    ];
    const pair = sl.replicas;
    const rows = [row('1 process, state in memory', sl)];
    if (pair?.skipped) rows.push(['2 replicas, one Redis', `skipped: ${pair.skipped}`]);
    else if (pair) rows.push(row('2 replicas, one Redis (worse replica’s percentiles)', pair));
    tables.push({
      title: `5. Slack HTTP throughput: real Bolt app (HTTP mode, processBeforeResponse), ${sl.requests} signed slash commands at concurrency ${sl.connections}`,
      headers: [
        'run',
        'answers/s',
        'p50 ms',
        'p90 ms',
        'p99 ms',
        'max ms',
        'errors',
        'duplicates',
        'seconds',
      ],
      rows,
    });
    if (pair && !pair.skipped) {
      targets.push([
        'Slack, 2 replicas on one Redis: duplicates = 0, errors = 0',
        `${int(pair.answersPerSecond)}/s, p99 ${int(pair.latencyMs.p99)} ms, ${pair.duplicates} duplicates, ${pair.errors} errors`,
        verdict(pair.duplicates === 0 && pair.errors === 0),
      ]);
    }
    targets.push([
      'Slack ≥ 500 answers/s, p99 ≤ 100 ms, 0 errors',
      `${int(sl.answersPerSecond)}/s, p99 ${int(sl.latencyMs.p99)} ms, ${sl.errors} errors`,
      verdict(sl.answersPerSecond >= 500 && sl.latencyMs.p99 <= 100 && sl.errors === 0),
    ]);
  }

  tables.push({
    title: quick ? 'Targets (quick mode: indicative only)' : 'Targets',
    headers: ['target', 'measured', ''],
    rows: targets,
  });
  return tables;
}

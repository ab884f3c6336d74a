import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { renderMarkdown, renderText, report, type Table } from './report.ts';

/**
 * `npm run bench [-- --quick]`: runs every measurement in its own process, one after another (the
 * machine has 2 cores, shared: nothing else of ours runs meanwhile), prints the tables and writes
 * bench/results.json and bench/results.md (bench/results.quick.* with --quick, for CI smoke runs:
 * small sizes, few iterations, a few minutes).
 */
const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
  },
});
const quick = values.quick;

interface Measurement {
  key: string;
  file: string;
  size?: number;
}
const sizes = quick ? [1000] : [1000, 10_000, 50_000];
const MEASUREMENTS: Measurement[] = [
  { key: 'answerVsSearch', file: 'bench/answer-vs-search.ts' },
  ...sizes.map((size) => ({ key: `scale.${size}`, file: 'bench/scale.ts', size })),
  ...sizes.map((size) => ({ key: `lunr.${size}`, file: 'bench/lunr.ts', size })),
  // The profile reads MiniSearch's private fields and patches its prototype: research only. A
  // MiniSearch release may break it, so the quick run (CI's smoke test) leaves it out.
  ...(quick ? [] : [{ key: 'profile', file: 'bench/profile.ts', size: 10_000 }]),
  { key: 'coldStart', file: 'bench/cold-start.ts' },
  { key: 'slackHttp', file: 'bench/slack-http.ts' },
].filter((m) => !values.only || m.key.startsWith(values.only));

/** Each measurement may take this long before it is stopped and reported as failed. */
const TIMEOUT_MS = quick ? 240_000 : 20 * 60_000;

function runChild(m: Measurement, out: string): Promise<{ ok: boolean; error?: string }> {
  const args = ['--import', 'tsx', '--expose-gc', m.file, '--out', out];
  if (quick) args.push('--quick');
  if (m.size) args.push('--size', String(m.size));
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'inherit', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      process.stderr.write(chunk);
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve({ ok: true });
      else resolve({ ok: false, error: `exit ${code ?? signal}: ${stderr.trim().slice(-1500)}` });
    });
  });
}

function git(args: string[]): string {
  try {
    return execFileSync('git', args, {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return '';
  }
}

const machine = {
  date: new Date().toISOString(),
  node: process.version,
  cpus: os.availableParallelism(),
  cpuModel: os.cpus()[0]?.model ?? 'unknown',
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  platform: `${os.platform()} ${os.release()}`,
  loadAverageAtStart: os.loadavg().map((v) => Math.round(v * 100) / 100),
  loadAverageAtEnd: [] as number[],
  commit: `${git(['rev-parse', '--short', 'HEAD'])}${git(['status', '--porcelain']) ? ' (with uncommitted changes)' : ''}`,
};

const started = performance.now();
const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-'));
const results: Record<string, unknown> = {};
try {
  for (const m of MEASUREMENTS) {
    const label = m.size ? `${m.key} (${m.size.toLocaleString('en-US')} passages)` : m.key;
    process.stderr.write(`\n▸ ${label}\n`);
    const out = path.join(dir, `${m.key}.json`);
    const t0 = performance.now();
    const { ok, error } = await runChild(m, out);
    const seconds = Math.round((performance.now() - t0) / 100) / 10;
    // A measurement that times its own run (Slack: the load alone, not start-up) keeps its figure.
    results[m.key] = ok
      ? { seconds, ...(JSON.parse(readFileSync(out, 'utf8')) as object) }
      : { error, seconds };
    process.stderr.write(`  ${ok ? 'done' : 'FAILED'} in ${seconds} s\n`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
machine.loadAverageAtEnd = os.loadavg().map((v) => Math.round(v * 100) / 100);
const totalSeconds = Math.round((performance.now() - started) / 100) / 10;

const tables: Table[] = report(results, { quick });
const stem = quick ? 'bench/results.quick' : 'bench/results';
process.stdout.write(`\n${tables.map(renderText).join('\n')}\n`);
process.stdout.write(
  `\n${machine.cpus} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB, Node ${machine.node}; load average ${machine.loadAverageAtStart.join(' ')} at start, ${machine.loadAverageAtEnd.join(' ')} at end; ${totalSeconds} s in all.\n`,
);
writeFileSync(
  `${stem}.json`,
  `${JSON.stringify({ quick, machine, totalSeconds, results }, null, 2)}\n`,
);
writeFileSync(
  `${stem}.md`,
  `${[
    `Benchmarks${quick ? ' (quick mode: small sizes, few iterations; not for comparison)' : ''}, ${machine.date.slice(0, 10)}, commit ${machine.commit}: ${machine.cpus} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB, Node ${machine.node}, load average ${machine.loadAverageAtStart.join(' ')} at start. ${totalSeconds} s in all.`,
    ...tables.map(renderMarkdown),
  ].join('\n\n')}\n`,
);
process.stdout.write(`Wrote ${stem}.json and ${stem}.md.\n`);
const failed = Object.entries(results).filter(([, r]) => (r as { error?: string }).error);
if (failed.length) {
  process.stderr.write(`Failed: ${failed.map(([key]) => key).join(', ')}\n`);
  process.exitCode = 1;
}

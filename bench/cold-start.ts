import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { progress, runMeasurement } from './harness.ts';
import { round, summarize } from './stats.ts';

/**
 * 4. Cold start: wall time from process start to the printed answer (the process's exit) for a
 * one-shot question, median of several runs, the variants interleaved run by run: `npm run ask`
 * (npm, then tsx compiling TypeScript), tsx without npm, and the built JavaScript
 * (`npm run build`, then `node dist/adapters/repl/ask.js`), with a question the words answer and
 * one that needs the sentence encoder. `node -e 0` is the floor.
 */
const QUESTION = 'Can Americans claim asylum in Canada?';
/**
 * A question the words alone leave unsure, so the sentence encoder is asked (src/retrieval/
 * index.ts, ENCODE_BELOW): its start waits for the model. QUESTION is answered by words alone.
 */
const UNSURE_QUESTION = 'could I earn a paycheck up there while I wait?';
const TIMEOUT_MS = 60_000;

function timeRun(command: string, args: string[]): Promise<{ ms: number; ok: boolean }> {
  return new Promise((resolve) => {
    const start = performance.now();
    const child = spawn(command, args, {
      stdio: ['ignore', 'pipe', 'ignore'],
      env: { ...process.env, NO_COLOR: '1' },
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ ms: performance.now() - start, ok: code === 0 && out.includes('[1]') });
    });
  });
}

await runMeasurement(async ({ quick }) => {
  let start = performance.now();
  const build = spawnSync('npm', ['run', 'build'], { encoding: 'utf8', timeout: 300_000 });
  const buildMs = round(performance.now() - start, 0);
  const built = build.status === 0 && existsSync('dist/adapters/repl/ask.js');
  progress(built ? `built in ${buildMs} ms` : `build failed: ${build.stderr.slice(-500)}`);

  const variants: Record<string, [string, string[]]> = {
    'node -e 0 (floor)': [process.execPath, ['-e', '0']],
    'built: node dist/adapters/repl/ask.js': [
      process.execPath,
      ['dist/adapters/repl/ask.js', QUESTION],
    ],
    'built, a question that needs the encoder': [
      process.execPath,
      ['dist/adapters/repl/ask.js', UNSURE_QUESTION],
    ],
    'tsx adapters/repl/ask.ts': [
      process.execPath,
      ['--import', 'tsx', 'adapters/repl/ask.ts', QUESTION],
    ],
    'npm run ask': ['npm', ['run', '--silent', 'ask', '--', QUESTION]],
  };
  if (!built) {
    delete variants['built: node dist/adapters/repl/ask.js'];
    delete variants['built, a question that needs the encoder'];
  }
  const names = Object.keys(variants);
  const samples: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  const failures: Record<string, number> = {};
  const runs = quick ? 1 : 9;
  start = performance.now();
  // One untimed run of each fills the OS file cache, as on a machine that has run the bot before.
  if (!quick) for (const name of names) await timeRun(...(variants[name] as [string, string[]]));
  for (let run = 0; run < runs && performance.now() - start < 240_000; run++) {
    const order = run % 2 === 0 ? names : [...names].reverse();
    for (const name of order) {
      const { ms, ok } = await timeRun(...(variants[name] as [string, string[]]));
      if (name.startsWith('node -e') || ok) samples[name]?.push(ms);
      else failures[name] = (failures[name] ?? 0) + 1;
    }
  }
  progress(`${runs} runs of each`);
  return {
    question: QUESTION,
    unit: 'ms',
    buildMs: built ? buildMs : null,
    buildError: built ? null : build.stderr.slice(-2000),
    runs: Object.fromEntries(names.map((name) => [name, summarize(samples[name] ?? [])])),
    failures,
  };
});

import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { ROOT } from './paths.ts';

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * The entry file behind each npm script a test runs. Tests start it with `node --import tsx`
 * directly: `npm run` costs a second or two per spawn and stands between the signal and the bot.
 */
const ENTRIES = {
  ask: 'adapters/repl/ask.ts',
  start: 'adapters/repl/main.ts',
  slack: 'adapters/slack/main.ts',
  discord: 'adapters/discord/main.ts',
  'discord:register': 'adapters/discord/register.ts',
  'knowledge:check': 'scripts/knowledge-check.ts',
  'train:follow-ups': 'scripts/train-follow-ups.ts',
} as const;

export type Script = keyof typeof ENTRIES;

/** Starts a script's entry in its own process group, so a failed test can kill all of it. */
export function spawnScript(
  script: Script,
  options: { args?: string[]; env?: NodeJS.ProcessEnv; stdin?: 'pipe' | 'ignore' } = {},
): ChildProcess {
  return spawn(
    process.execPath,
    ['--import', 'tsx', path.join(ROOT, ENTRIES[script]), ...(options.args ?? [])],
    {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1', ...options.env },
      stdio: [options.stdin ?? 'pipe', 'pipe', 'pipe'],
      detached: true,
    },
  );
}

/** Runs a script to its end as a user would, feeding `input` on stdin. */
export function runScript(
  script: Script,
  options: { args?: string[]; input?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawnScript(script, options);
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr?.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin?.end(options.input ?? '');
  });
}

/** Kills a child's whole process group if it is still running. */
export function killGroup(child: ChildProcess | undefined): void {
  if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

import { existsSync } from 'node:fs';
import {
  type Assistant,
  type AssistantOptions,
  createAssistant,
  KnowledgeError,
} from '../../src/index.ts';
import { progressLines } from '../../src/meaning/index.ts';

/**
 * Loads `.env` from the working directory when there is one, without overriding variables that
 * are already set (Node's own loader, so no dependency).
 */
export function loadDotEnv(file = '.env'): void {
  if (existsSync(file)) process.loadEnvFile(file);
}

/**
 * Creates the assistant on `KNOWLEDGE_DIR` (default: the bundled knowledge). Invalid knowledge
 * prints every problem, file and field, and exits with code 1: the bot never starts half-loaded.
 */
export async function startAssistant(
  env: NodeJS.ProcessEnv = process.env,
  options: AssistantOptions = {},
): Promise<Assistant> {
  try {
    const knowledgeDir = env.KNOWLEDGE_DIR?.trim() || undefined;
    return await createAssistant({
      // A first start encodes the knowledge for the sentence encoder: say so, it takes a while.
      onProgress: progressLines((line) => process.stderr.write(`${line}\n`)),
      ...options,
      knowledgeDir,
    });
  } catch (error) {
    if (error instanceof KnowledgeError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

/** Start-up failed for a reason the operator can fix; `check` names what to look at. */
export class StartupError extends Error {
  readonly check: string;

  constructor(message: string, check: string) {
    super(message);
    this.name = 'StartupError';
    this.check = check;
  }
}

/**
 * Runs a bot's start-up. Any failure, or no success within `timeoutMs`, ends the process with
 * exit code 1 and one plain line on stderr saying what went wrong and what to check: a bot that
 * cannot reach its platform should say so at once, not retry for half an hour.
 */
export async function startOrExit<T>(
  name: string,
  start: () => Promise<T>,
  { timeoutMs = 30_000, check }: { timeoutMs?: number; check: string },
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new StartupError(`no answer within ${timeoutMs / 1000} s.`, check)),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([start(), late]);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const what = error instanceof StartupError ? error.check : check;
    process.stderr.write(
      `Could not start the ${name}: ${reason.replace(/\.?$/, '.')} Check ${what}.\n`,
    );
    process.exit(1);
  } finally {
    clearTimeout(timer);
  }
}

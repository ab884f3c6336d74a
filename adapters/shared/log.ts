import { createHmac, randomBytes } from 'node:crypto';
import pino, { type Logger } from 'pino';
import { errorForLog } from './errors.ts';

export type { Logger } from 'pino';

/**
 * Paths whose values never reach a log line, wherever they appear: tokens and secrets, and the
 * text people type, which is sensitive (see PRIVACY.md).
 */
const REDACT = [
  'token',
  'botToken',
  'appToken',
  'signingSecret',
  'authorization',
  'headers.authorization',
  '*.token',
  '*.botToken',
  '*.appToken',
  '*.signingSecret',
  '*.authorization',
  'req.headers.authorization',
  'req.headers["x-slack-signature"]',
];

export interface LogOptions {
  env?: NodeJS.ProcessEnv;
  /** Where lines go (default stdout); tests pass a stream to read them. */
  destination?: pino.DestinationStream;
}

/** Structured JSON logs at `LOG_LEVEL` (default info), with secrets redacted. */
export function createLogger(
  name: string,
  { env = process.env, destination }: LogOptions = {},
): Logger {
  const options: pino.LoggerOptions = {
    name,
    level: env.LOG_LEVEL?.trim() || 'info',
    redact: { paths: REDACT, censor: '[redacted]' },
  };
  return destination ? pino(options, destination) : pino(options);
}

/**
 * A user id hashed with a salt that lives only in this process, so log lines of one user can be
 * correlated during a run but never traced back to the person, even by us.
 */
export function createUserHasher(salt: Buffer = randomBytes(16)): (userId: string) => string {
  return (userId) => createHmac('sha256', salt).update(userId).digest('hex').slice(0, 12);
}

/**
 * The core's `onError` hook for a bot: a bug inside `ask()` is logged with its stack (never the
 * question), while the person still gets the core's apology answer.
 */
export function reportCoreErrors(logger: Logger): (error: unknown) => void {
  return (error) =>
    logger.error({ error: errorForLog(error) }, 'the core failed to answer; it apologized instead');
}

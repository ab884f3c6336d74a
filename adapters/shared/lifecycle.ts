import type { Assistant } from '../../src/index.ts';
import { KnowledgeError } from '../../src/index.ts';
import type { Logger } from './log.ts';

export interface LifecycleOptions {
  assistant: Assistant;
  logger: Logger;
  /** Stops the adapter: lets answers in progress finish, then closes connections. */
  stop: () => Promise<void>;
  /** How long a stop may take before the process exits anyway (default 10 s). */
  stopTimeoutMs?: number;
}

/**
 * The process-level behaviour every bot shares: SIGINT/SIGTERM stop it cleanly (exit 0), and
 * SIGHUP reloads the knowledge without a restart (an invalid edit is logged, file and field, and
 * the old knowledge keeps serving). Returns whether a stop has begun, for start-up errors.
 */
export function handleSignals({
  assistant,
  logger,
  stop,
  stopTimeoutMs = 10_000,
}: LifecycleOptions): () => boolean {
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      // Ctrl-C signals npm, tsx and this process at once: one stop is enough.
      if (stopping) return;
      stopping = true;
      logger.info({ signal }, 'stopping');
      setTimeout(() => {
        logger.error('answers in progress did not finish in time; exiting');
        exitSoon(1);
      }, stopTimeoutMs).unref();
      stop().then(
        () => exitSoon(0),
        (error: unknown) => {
          logger.error(
            { err: error instanceof Error ? error.message : String(error) },
            'stop failed',
          );
          exitSoon(1);
        },
      );
    });
  }
  process.on('SIGHUP', () => {
    assistant.reload().then(
      () => logger.info({ passages: assistant.passages().length }, 'knowledge reloaded'),
      (error: unknown) => {
        const problems =
          error instanceof KnowledgeError
            ? error.message
                .split('\n')
                .slice(1)
                .map((l) => l.trim())
            : [];
        logger.error(
          { err: error instanceof Error ? error.message.split('\n')[0] : String(error), problems },
          'knowledge reload rejected; still serving the knowledge loaded before',
        );
      },
    );
  });
  return () => stopping;
}

/**
 * Exits once the last log lines have had a moment to be written. Exiting at once can hang: pino's
 * exit-time flush retries forever when stdout has been closed (a log collector that went away).
 */
function exitSoon(code: number): void {
  setTimeout(() => process.exit(code), 100);
}

import type { Assistant } from '../../src/index.ts';
import { KnowledgeError } from '../../src/index.ts';
import type { Logger } from './log.ts';

/** What a stop reports: questions acknowledged to the platform that got no answer. */
export interface StopOutcome {
  unanswered: number;
}

export interface Running {
  /** Reloaded on SIGHUP. */
  assistant: Pick<Assistant, 'reload' | 'passages'>;
  /**
   * Stops the adapter: no new work, answers in progress finish (up to its own drain time), then
   * connections close. Reports how many acknowledged questions it could not answer.
   */
  stop: () => Promise<StopOutcome | undefined>;
}

export interface SupervisorOptions {
  logger: Logger;
  /** How long a stop may take before the process exits anyway, with code 1 (default 10 s). */
  stopTimeoutMs?: number;
  /** Uncaught exceptions within a minute after which the process stops (default 10). */
  maxUncaughtPerMinute?: number;
}

export interface Supervisor {
  /** From now on a stop signal stops this, and SIGHUP reloads its knowledge. */
  serve(running: Running): void;
  /** Whether a stop has begun (start-up errors after it are not errors). */
  stopping(): boolean;
}

/**
 * The process-level behaviour every bot shares, installed first thing so no signal meets Node's
 * default action (which kills without a word, or is ignored when the bot runs as PID 1):
 *
 * - SIGINT/SIGTERM stop the bot cleanly: exit 0 when every acknowledged question was answered,
 *   exit 1 naming how many were not. Before `serve()` there is nothing to finish: exit 0.
 * - SIGHUP reloads the knowledge without a restart (an invalid edit is logged, file and field, and
 *   the old knowledge keeps serving); one received during start-up is applied once serving.
 * - No single request ends the process: an unhandled rejection or uncaught exception is logged
 *   (never its payload) and the bot keeps serving; only a storm of them stops it, with exit 1.
 */
export function superviseProcess({
  logger,
  stopTimeoutMs = 10_000,
  maxUncaughtPerMinute = 10,
}: SupervisorOptions): Supervisor {
  let running: Running | undefined;
  let stopping = false;
  let reloadPending = false;
  let uncaught: number[] = [];

  const stop = (reason: Record<string, unknown>, failed = false) => {
    // Ctrl-C signals npm, tsx and this process at once: one stop is enough.
    if (stopping) return;
    stopping = true;
    logger.info(reason, 'stopping');
    if (!running) {
      exitSoon(failed ? 1 : 0);
      return;
    }
    setTimeout(() => {
      logger.error(
        { timeoutMs: stopTimeoutMs },
        'the stop took too long; exiting, answers still in progress are lost',
      );
      exitSoon(1);
    }, stopTimeoutMs).unref();
    running.stop().then(
      (outcome) => {
        const unanswered = outcome?.unanswered ?? 0;
        if (unanswered > 0) {
          logger.error(
            { unanswered },
            `stopped with ${unanswered} acknowledged question(s) unanswered`,
          );
        }
        exitSoon(failed || unanswered > 0 ? 1 : 0);
      },
      (error: unknown) => {
        logger.error({ err: describeError(error) }, 'stop failed');
        exitSoon(1);
      },
    );
  };

  const reload = (target: Running) => {
    target.assistant.reload().then(
      () => logger.info({ passages: target.assistant.passages().length }, 'knowledge reloaded'),
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
  };

  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => stop({ signal }));
  process.on('SIGHUP', () => {
    if (running) reload(running);
    else {
      reloadPending = true;
      logger.info('reload requested during start-up; it will be applied once running');
    }
  });

  process.on('unhandledRejection', (reason) => {
    logger.error({ err: describeError(reason) }, 'unhandled rejection; still serving');
  });
  process.on('uncaughtException', (error) => {
    const now = Date.now();
    uncaught = [...uncaught.filter((at) => now - at < 60_000), now];
    if (uncaught.length >= maxUncaughtPerMinute) {
      logger.fatal(
        { err: describeError(error), inLastMinute: uncaught.length },
        'too many uncaught exceptions; stopping',
      );
      stop({ reason: 'uncaught exceptions' }, true);
      return;
    }
    logger.error({ err: describeError(error) }, 'uncaught exception; still serving');
  });

  return {
    serve(next) {
      running = next;
      if (reloadPending) {
        reloadPending = false;
        reload(next);
      }
    },
    stopping: () => stopping,
  };
}

/**
 * What may be logged about an error nobody handled: its kind and where it came from, never the
 * data it carried (quoted parts of the message can hold a request body).
 */
function describeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error };
  const { code } = error as { code?: unknown };
  const frames = (error.stack ?? '')
    .split('\n')
    .slice(1, 6)
    .map((line) => line.trim());
  const message = error.message.replace(/(["'`]).*?\1/g, '$1…$1').slice(0, 200);
  return { type: error.name, code, message, frames };
}

/**
 * Exits once the last log lines have had a moment to be written. Exiting at once can hang: pino's
 * exit-time flush retries forever when stdout has been closed (a log collector that went away).
 */
function exitSoon(code: number): void {
  setTimeout(() => process.exit(code), 100);
}

import { createLogger, type Logger } from '../../adapters/shared/log.ts';

/** A real pino logger whose lines a test can read back. */
export function captureLog(): { logger: Logger; lines: () => Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const logger = createLogger('test', {
    env: { LOG_LEVEL: 'debug' },
    destination: { write: (line: string) => lines.push(JSON.parse(line)) },
  });
  return { logger, lines: () => lines };
}

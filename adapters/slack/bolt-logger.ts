import { format } from 'node:util';
import { LogLevel, type Logger as SlackLogger } from '@slack/bolt';
import type { Logger } from '../shared/log.ts';

/**
 * Bolt's and the Slack SDK's own log lines, into our pino logger. Their debug lines carry whole
 * payloads (message text, request bodies), so they are dropped unless questions may be logged.
 */
export function boltLogger(logger: Logger, { verbose }: { verbose: boolean }): SlackLogger {
  const child = logger.child({ source: 'bolt' });
  let level = LogLevel.INFO;
  return {
    debug: (...msg: unknown[]) => {
      if (verbose) child.debug(format(...msg));
    },
    info: (...msg: unknown[]) => child.info(format(...msg)),
    warn: (...msg: unknown[]) => child.warn(format(...msg)),
    error: (...msg: unknown[]) => child.error(format(...msg)),
    setLevel: (next: LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => {},
  };
}

import pino from 'pino';
import { createLogger } from '../adapters/shared/log.ts';
import { startStateStore } from '../adapters/shared/store/start.ts';
import { createSlackApp } from '../adapters/slack/app.ts';
import { createAssistant } from '../src/index.ts';

/**
 * The Slack app under load, in its own process (started by bench/slack-http.ts over IPC): the
 * real Bolt app from createSlackApp in HTTP mode on 127.0.0.1, talking to the fake Slack whose
 * Web API URL it is given, its state in Redis when REDIS_URL is set. Logs at info, as in production, to /dev/null. Answers on IPC with
 * { port } once listening, and stops cleanly on { stop: true }.
 */
const apiUrl = process.env.BENCH_SLACK_API_URL ?? '';
const signingSecret = process.env.BENCH_SLACK_SIGNING_SECRET ?? '';
const send = (message: unknown) => process.send?.(message);

try {
  const assistant = await createAssistant();
  const logger = createLogger('slack', {
    env: { LOG_LEVEL: 'info' },
    destination: pino.destination({ dest: '/dev/null', sync: false }),
  });
  // With REDIS_URL (the two-replica run), state is shared through Redis as in production.
  const { store, service } = await startStateStore(logger);
  const slack = createSlackApp({
    ...service,
    ...(store.backend === 'redis' ? { replays: store } : {}),
    assistant,
    config: {
      botToken: 'xoxb-bench-token',
      connection: { kind: 'http', signingSecret, port: 0, host: '127.0.0.1' },
      apiUrl,
      // The defaults; the load generator spreads its requests over enough users to stay within them.
      rateLimit: { burst: 5, perMinute: 10 },
      logQuestions: false,
    },
    logger,
    processBeforeResponse: true,
    apiRetries: 0,
  });
  const { port } = await slack.start();
  process.on('message', (message: { stop?: boolean }) => {
    if (!message.stop) return;
    slack
      .stop()
      .finally(() => store.close())
      .then(
        () => {
          send({ stopped: true });
          process.disconnect?.();
          setTimeout(() => process.exit(0), 50).unref();
        },
        () => process.exit(1),
      );
  });
  send({ port });
} catch (error) {
  send({ error: String((error as Error).stack ?? error) });
  process.exit(1);
}

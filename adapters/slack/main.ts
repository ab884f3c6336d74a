import { exitOnConfigError } from '../shared/config.ts';
import { superviseProcess } from '../shared/lifecycle.ts';
import { createLogger, reportCoreErrors } from '../shared/log.ts';
import { loadOpsConfig, startOps } from '../shared/metrics.ts';
import { loadDotEnv, startAssistant, startOrExit } from '../shared/startup.ts';
import { startStateStore } from '../shared/store/start.ts';
import { createSlackApp } from './app.ts';
import { loadSlackConfig } from './config.ts';

/**
 * After a stop signal, how long the stop may take before the process exits anyway (code 1): the
 * HTTP receiver's close grace (2 s) plus the drain of answers in progress (5 s), with room.
 */
const STOP_TIMEOUT_MS = 8000;

loadDotEnv();
const config = await exitOnConfigError(() => loadSlackConfig());
const opsConfig = await exitOnConfigError(() => loadOpsConfig());
const logger = createLogger('slack');
// Signals are handled from here on: one during start-up stops the bot, and never kills it mid-way.
const supervisor = superviseProcess({ logger, stopTimeoutMs: STOP_TIMEOUT_MS });
const assistant = await startAssistant(process.env, { onError: reportCoreErrors(logger) });
const { store, service } = await startStateStore(logger);
const ops = await startOrExit(
  'Slack adapter',
  () => startOps({ surface: 'slack', storeHealth: store.health, logger, config: opsConfig }),
  { check: 'METRICS_PORT' },
);
const slack = createSlackApp({
  assistant,
  config,
  logger,
  ...service,
  store,
  metrics: ops.metrics,
  opsRoutes: ops.routes,
  // Replicas sharing Redis share what they handled: a request replayed to another is refused.
  ...(store.backend === 'redis' ? { replays: store } : {}),
});
supervisor.serve({
  assistant,
  stop: () =>
    slack
      .stop()
      .finally(() => ops.server?.close())
      .finally(() => store.close()),
});

await startOrExit(
  'Slack adapter',
  async () => {
    try {
      await slack.start();
    } catch (error) {
      // A stop during start-up is not a failure to start.
      if (!supervisor.stopping()) throw error;
    }
  },
  { check: 'SLACK_BOT_TOKEN, SLACK_APP_TOKEN and SLACK_API_URL' },
);

import { exitOnConfigError } from '../shared/config.ts';
import { handleSignals } from '../shared/lifecycle.ts';
import { createLogger, reportCoreErrors } from '../shared/log.ts';
import { loadDotEnv, startAssistant, startOrExit } from '../shared/startup.ts';
import { startStateStore } from '../shared/store/start.ts';
import { createSlackApp } from './app.ts';
import { loadSlackConfig } from './config.ts';

/** After a stop signal, how long answers in progress may take before the process exits anyway. */
const STOP_TIMEOUT_MS = 8000;

loadDotEnv();
const config = await exitOnConfigError(() => loadSlackConfig());
const logger = createLogger('slack');
const assistant = await startAssistant(process.env, { onError: reportCoreErrors(logger) });
const { store, service } = await startStateStore(logger);
const slack = createSlackApp({ assistant, config, logger, ...service });

await startOrExit('Slack adapter', () => slack.start(), {
  check: 'SLACK_BOT_TOKEN, SLACK_APP_TOKEN and SLACK_API_URL',
});

handleSignals({
  assistant,
  logger,
  stop: () => slack.stop().finally(() => store.close()),
  stopTimeoutMs: STOP_TIMEOUT_MS,
});

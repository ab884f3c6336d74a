import { exitOnConfigError } from '../shared/config.ts';
import { handleSignals } from '../shared/lifecycle.ts';
import { createLogger } from '../shared/log.ts';
import { loadDotEnv, startAssistant } from '../shared/startup.ts';
import { createSlackApp } from './app.ts';
import { loadSlackConfig } from './config.ts';

/** After a stop signal, how long answers in progress may take before the process exits anyway. */
const STOP_TIMEOUT_MS = 8000;

loadDotEnv();
const config = await exitOnConfigError(() => loadSlackConfig());
const logger = createLogger('slack');
const assistant = await startAssistant();
const slack = createSlackApp({ assistant, config, logger });

try {
  await slack.start();
} catch (error) {
  // Slack's error code (invalid_auth, not_authed…) means a wrong token; otherwise most often a port.
  const slackError = (error as { data?: { error?: string } }).data?.error;
  const hint = slackError
    ? 'Check SLACK_BOT_TOKEN (and SLACK_APP_TOKEN in Socket Mode) against your Slack app settings.'
    : 'In HTTP mode, check that PORT and HOST are free to listen on.';
  process.stderr.write(
    `Could not start the Slack adapter: ${slackError ?? (error as Error).message}.\n${hint}\n`,
  );
  process.exit(1);
}

handleSignals({ assistant, logger, stop: () => slack.stop(), stopTimeoutMs: STOP_TIMEOUT_MS });

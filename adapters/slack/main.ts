import { exitOnConfigError } from '../shared/config.ts';
import { superviseProcess } from '../shared/lifecycle.ts';
import { createLogger } from '../shared/log.ts';
import { loadDotEnv, startAssistant } from '../shared/startup.ts';
import { createSlackApp } from './app.ts';
import { loadSlackConfig } from './config.ts';

/**
 * After a stop signal, how long the stop may take before the process exits anyway (code 1): the
 * HTTP receiver's close grace (2 s) plus the app's drain of answers in progress (5 s), with room.
 */
const STOP_TIMEOUT_MS = 8000;

loadDotEnv();
const config = await exitOnConfigError(() => loadSlackConfig());
const logger = createLogger('slack');
// Signals are handled from here on: one during start-up stops the bot, and never kills it mid-way.
const supervisor = superviseProcess({ logger, stopTimeoutMs: STOP_TIMEOUT_MS });
const assistant = await startAssistant();
const slack = createSlackApp({ assistant, config, logger });
supervisor.serve({ assistant, stop: () => slack.stop() });

try {
  await slack.start();
} catch (error) {
  // A stop during start-up is not a failure to start.
  if (!supervisor.stopping()) {
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
}

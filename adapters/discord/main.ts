import { exitOnConfigError } from '../shared/config.ts';
import { createLogger } from '../shared/log.ts';
import { loadDotEnv, startAssistant } from '../shared/startup.ts';
import { createDiscordBot } from './bot.ts';
import { loadDiscordConfig } from './config.ts';

loadDotEnv();
const config = await exitOnConfigError(() => loadDiscordConfig());
const logger = createLogger('discord');
const assistant = await startAssistant();
const bot = createDiscordBot({ assistant, config, logger });

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    // Ctrl-C signals npm, tsx and this process at once: one stop is enough.
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    // stop() waits at most a few seconds for answers in progress; this bounds the rest.
    setTimeout(() => process.exit(1), 10_000).unref();
    bot.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error(
          { err: error instanceof Error ? error.message : String(error) },
          'stop failed',
        );
        process.exit(1);
      },
    );
  });
}

bot.start().catch(async (error: unknown) => {
  // A signal during start-up stops the bot, which fails the login: that is not an error.
  if (stopping) return;
  logger.fatal(
    { err: error instanceof Error ? error.message : String(error) },
    'could not connect',
  );
  await bot.stop();
  process.exit(1);
});

import { exitOnConfigError } from '../shared/config.ts';
import { superviseProcess } from '../shared/lifecycle.ts';
import { createLogger } from '../shared/log.ts';
import { loadDotEnv, startAssistant } from '../shared/startup.ts';
import { createDiscordBot } from './bot.ts';
import { loadDiscordConfig } from './config.ts';

loadDotEnv();
const config = await exitOnConfigError(() => loadDiscordConfig());
const logger = createLogger('discord');
// Signals are handled from here on: one during start-up stops the bot, and never kills it mid-way.
const supervisor = superviseProcess({ logger });
const assistant = await startAssistant();
const bot = createDiscordBot({ assistant, config, logger });
supervisor.serve({ assistant, stop: () => bot.stop() });

bot.start().catch(async (error: unknown) => {
  // A signal during start-up stops the bot, which fails the login: that is not an error.
  if (supervisor.stopping()) return;
  logger.fatal(
    { err: error instanceof Error ? error.message : String(error) },
    'could not connect',
  );
  await bot.stop();
  process.exit(1);
});

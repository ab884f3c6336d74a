import { fileURLToPath } from 'node:url';
import { exitOnConfigError } from '../shared/config.ts';
import { superviseProcess } from '../shared/lifecycle.ts';
import { createLogger, reportCoreErrors } from '../shared/log.ts';
import { loadOpsConfig, startOps } from '../shared/metrics.ts';
import { loadDotEnv, startAssistant, startOrExit } from '../shared/startup.ts';
import { startStateStore } from '../shared/store/start.ts';
import { createDiscordBot } from './bot.ts';
import { loadDiscordConfig } from './config.ts';
import { manageShards, requestedShards } from './shards.ts';

loadDotEnv();
const config = await exitOnConfigError(() => loadDiscordConfig());
const opsConfig = await exitOnConfigError(() => loadOpsConfig());
const logger = createLogger('discord');
// DISCORD_SHARDS: this process only manages the shards, each of which runs this file again.
const shards = await exitOnConfigError(() => requestedShards());
if (shards !== undefined) {
  await manageShards({
    entry: fileURLToPath(import.meta.url),
    token: config.token,
    totalShards: shards,
    logger,
  });
}
// Signals are handled from here on: one during start-up stops the bot, and never kills it mid-way.
const supervisor = superviseProcess({ logger });
const assistant = await startAssistant(process.env, { onError: reportCoreErrors(logger) });
const { store, service } = await startStateStore(logger);
const ops = await startOrExit(
  'Discord bot',
  () => startOps({ surface: 'discord', storeHealth: store.health, logger, config: opsConfig }),
  { check: 'METRICS_PORT' },
);
const bot = createDiscordBot({
  assistant,
  config,
  logger,
  ...service,
  metrics: ops.metrics,
  store,
});
supervisor.serve({
  assistant,
  stop: () =>
    bot
      .stop()
      .finally(() => ops.server?.close())
      .finally(() => store.close()),
});

await startOrExit(
  'Discord bot',
  async () => {
    try {
      await bot.start();
    } catch (error) {
      // A signal during start-up stops the bot, which fails the login: that is not an error.
      if (supervisor.stopping()) return;
      await bot.stop();
      throw error;
    }
  },
  { check: 'DISCORD_TOKEN and DISCORD_API_URL' },
);

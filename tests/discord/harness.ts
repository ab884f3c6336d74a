import {
  createDiscordBot,
  type DiscordBot,
  type DiscordBotOptions,
} from '../../adapters/discord/bot.ts';
import { loadDiscordConfig } from '../../adapters/discord/config.ts';
import { createLogger } from '../../adapters/shared/log.ts';
import { APP_ID, FakeDiscord, type RecordedRequest, TOKEN } from './fake-discord.ts';

export interface Running {
  fake: FakeDiscord;
  bot: DiscordBot;
  /** Every log line the bot wrote. */
  logs: string[];
}

/**
 * Starts the fake Discord and a real discord.js bot connected to it. `env` adds to the minimal
 * configuration, as the environment would.
 */
export async function startBot(
  options: Omit<DiscordBotOptions, 'config' | 'logger'> & { env?: NodeJS.ProcessEnv },
): Promise<Running> {
  const { env, ...rest } = options;
  const fake = await FakeDiscord.start();
  const config = loadDiscordConfig({
    DISCORD_TOKEN: TOKEN,
    DISCORD_APPLICATION_ID: APP_ID,
    DISCORD_API_URL: fake.apiUrl,
    ...env,
  });
  const logs: string[] = [];
  const logger = createLogger('discord', {
    env: { LOG_LEVEL: 'debug' },
    destination: { write: (line: string) => void logs.push(line) },
  });
  const bot = createDiscordBot({ ...rest, config, logger });
  try {
    await bot.start();
  } catch (error) {
    await bot.stop();
    await fake.close();
    throw error;
  }
  return { fake, bot, logs };
}

export async function stopBot(running: Running | undefined): Promise<void> {
  if (!running) return;
  await running.bot.stop();
  await running.fake.close();
}

/** The message a request carries: an interaction callback's `data`, or the body itself. */
// biome-ignore lint/suspicious/noExplicitAny: message bodies are JSON
export function messageOf(request: RecordedRequest): any {
  return request.path.endsWith('/callback') ? request.body?.data : request.body;
}

/** Requests that send a message to Discord (not deferrals, autocomplete or registration). */
export function isMessageRequest(request: RecordedRequest): boolean {
  if (request.path.endsWith('/callback')) return request.body?.type === 4;
  return (
    /\/webhooks\/\d+\/[^/]+(\/messages\/%40original)?$/.test(request.path) ||
    /\/channels\/\d+\/messages$/.test(request.path)
  );
}

export const callbackOf = (interaction: { id: string }) => (request: RecordedRequest) =>
  request.method === 'POST' && request.path.includes(`/interactions/${interaction.id}/`);

export const webhookOf = (interaction: { token: string }) => (request: RecordedRequest) =>
  request.path.includes(`/webhooks/${APP_ID}/${interaction.token}`);

export const postedIn = (channelId: string) => (request: RecordedRequest) =>
  request.method === 'POST' && request.path === `/api/v10/channels/${channelId}/messages`;

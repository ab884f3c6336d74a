import { type Shard, ShardingManager } from 'discord.js';
import { z } from 'zod';
import { parseEnv } from '../shared/config.ts';
import type { Logger } from '../shared/log.ts';

export const SHARD_ENV = {
  /**
   * Run the bot as this many shards (`auto`: as many as Discord recommends), each its own
   * process under discord.js's ShardingManager. Unset: one process, no manager.
   */
  DISCORD_SHARDS: z
    .union([z.literal('auto'), z.coerce.number().int().min(1).max(1000)], {
      error: 'must be `auto` or a whole number of shards from 1',
    })
    .optional(),
};

/** DISCORD_SHARDS, or undefined in a shard itself (the manager sets SHARDING_MANAGER for it). */
export function requestedShards(env: NodeJS.ProcessEnv = process.env): number | 'auto' | undefined {
  if (env.SHARDING_MANAGER) return undefined;
  return parseEnv(SHARD_ENV, env).DISCORD_SHARDS;
}

/**
 * Runs `entry` (this bot's main file) as `totalShards` processes through discord.js's
 * ShardingManager, and never returns: it exits once every shard has stopped. Each shard is the
 * whole bot, with its own connection to the gateway for its share of the servers (DMs go to
 * shard 0), no METRICS_PORT (one port cannot serve several processes), and the state store the environment names: with REDIS_URL, dedupe, buttons, votes and rate
 * limits are shared by the shards as by replicas. SIGTERM or SIGINT stop every shard cleanly
 * (each drains its answers in progress); a shard that dies otherwise is started again.
 */
export async function manageShards(options: {
  entry: string;
  token: string;
  totalShards: number | 'auto';
  logger: Logger;
  env?: NodeJS.ProcessEnv;
}): Promise<never> {
  const { logger } = options;
  const env = options.env ?? process.env;
  if (!env.REDIS_URL) {
    logger.warn(
      { shards: options.totalShards },
      'DISCORD_SHARDS without REDIS_URL: each shard keeps its own state (rate limits per shard)',
    );
  }
  // Each shard gets this process's environment; one METRICS_PORT cannot serve several processes.
  delete process.env.METRICS_PORT;
  const manager = new ShardingManager(options.entry, {
    totalShards: options.totalShards,
    token: options.token,
    // tsx's loader (and whatever else started this process) goes to each shard too.
    execArgv: process.execArgv,
  });
  manager.on('shardCreate', (shard: Shard) => {
    logger.info({ shard: shard.id, shards: manager.totalShards }, 'shard started');
    shard.on('death', () => logger.warn({ shard: shard.id }, 'shard exited'));
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping every shard');
    manager.respawn = false;
    const codes = await Promise.all(
      [...manager.shards.values()].map(
        (shard) =>
          new Promise<number | null>((resolve) => {
            const child = shard.process;
            if (!child || child.exitCode !== null) return resolve(child?.exitCode ?? 0);
            child.once('exit', (code) => resolve(code));
            child.kill('SIGTERM');
          }),
      ),
    );
    const failed = codes.filter((code) => code !== 0).length;
    logger.info({ shards: codes.length, failed }, 'shards stopped');
    process.exit(failed ? 1 : 0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));

  try {
    await manager.spawn({ timeout: 60_000 });
    logger.info({ shards: manager.totalShards }, 'every shard is ready');
  } catch (error) {
    if (!stopping) {
      process.stderr.write(
        `Could not start the Discord shards: ${(error as Error).message}. Check DISCORD_TOKEN, DISCORD_SHARDS and each shard's log.\n`,
      );
      manager.respawn = false;
      for (const shard of manager.shards.values()) shard.kill();
      process.exit(1);
    }
  }
  return new Promise<never>(() => {});
}

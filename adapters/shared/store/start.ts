import { exitOnConfigError } from '../config.ts';
import type { FeedbackCounter } from '../feedback.ts';
import type { Logger } from '../log.ts';
import type { ConversationState } from '../state.ts';
import { loadStoreConfig, openStateStore } from './config.ts';
import { StoredFeedbackCounter, storeState } from './conversation-state.ts';
import { createIdHasher } from './ids.ts';
import type { StateStore } from './store.ts';

/**
 * A bot's state store from the environment. Without REDIS_URL the conversation service keeps its
 * state in memory as before. With it, the service's state goes to Redis and users are hashed with
 * STATE_SALT, so that replicas agree; an unreachable Redis (or a missing STATE_SALT) exits 1 with
 * the variable named.
 */
export async function startStateStore(
  logger: Logger,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{
  store: StateStore;
  service: {
    state?: ConversationState;
    hashUser?: (userId: string) => string;
    feedback?: FeedbackCounter;
  };
}> {
  const config = await exitOnConfigError(() => loadStoreConfig(env));
  const store = await exitOnConfigError(() => openStateStore(config, logger));
  if (store.backend === 'memory' || !config.salt) return { store, service: {} };
  logger.info({ store: 'redis' }, 'state shared through Redis');
  return {
    store,
    service: {
      state: storeState(store),
      hashUser: createIdHasher(config.salt),
      feedback: new StoredFeedbackCounter(store),
    },
  };
}

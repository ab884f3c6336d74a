import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createConversationService,
  type Reply,
} from '../../adapters/shared/conversation-service.ts';
import { storeState } from '../../adapters/shared/store/conversation-state.ts';
import { createIdHasher, createRedisStore } from '../../adapters/shared/store/index.ts';
import { createAssistant } from '../../src/index.ts';
import { VALID_FIXTURE } from '../helpers/paths.ts';
import { captureLog } from './capture-log.ts';
import { deleteKeys, requireRedis } from './redis-server.ts';

const redis = await requireRedis();
const prefix = `asylum-answers-test:auto:${randomUUID()}:`;

afterAll(async () => {
  if (redis.url) await deleteKeys(redis.url, prefix);
  if (redis.url) await redis.stop();
});

describe.skipIf(redis.url === undefined)('auto-answer with replicas sharing one Redis', () => {
  it('a post delivered to three replicas at once is answered once', async () => {
    const assistant = await createAssistant({ knowledgeDir: VALID_FIXTURE });
    const stores = await Promise.all(
      [1, 2, 3].map(() =>
        createRedisStore({ url: redis.url ?? '', salt: 's', logger: captureLog().logger, prefix }),
      ),
    );
    const sent: Reply[] = [];
    try {
      const services = stores.map((store) =>
        createConversationService({
          surface: 'slack',
          core: assistant,
          logger: captureLog().logger,
          command: '/asylum',
          state: storeState(store),
          hashUser: createIdHasher('s'),
        }),
      );
      const post = {
        via: 'auto' as const,
        userId: 'U1',
        text: 'Can Americans claim asylum in Germany?',
        conversationId: 'C0AUTOHELP:1700000000.000100',
        auto: { place: 'C0AUTOHELP:1700000000.000100', minConfidence: 0.5 },
        send: async (reply: Reply) => void sent.push(reply),
      };
      await Promise.all(services.map((service) => service.ask(post)));
      expect(sent.map((reply) => reply.type)).toEqual(['answer']);
    } finally {
      await Promise.all(stores.map((store) => store.close()));
    }
  });
});

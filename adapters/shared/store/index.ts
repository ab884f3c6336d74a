export { loadStoreConfig, openStateStore, type StoreConfig, StoreEnvSchema } from './config.ts';
export { createIdHasher, isoWeek } from './ids.ts';
export { createMemoryStore, type MemoryStoreOptions } from './memory.ts';
export { createRedisStore, type RedisStoreOptions, redactRedisUrl } from './redis.ts';
export * from './schema.ts';
export * from './store.ts';

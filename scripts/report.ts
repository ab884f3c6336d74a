import { parseArgs } from 'node:util';
import { exitOnConfigError } from '../adapters/shared/config.ts';
import { createLogger } from '../adapters/shared/log.ts';
import { loadDotEnv } from '../adapters/shared/startup.ts';
import { loadStoreConfig, openStateStore, redactRedisUrl } from '../adapters/shared/store/index.ts';
import { formatReport } from '../adapters/shared/store/report.ts';
import { BUNDLED_KNOWLEDGE_DIR, KnowledgeError, loadKnowledge } from '../src/index.ts';

/**
 * `npm run report`: what the editors need from the running bots (votes per passage, declines by
 * topic and week) read from the store REDIS_URL names, and the passages past their review date.
 * `--today YYYY-MM-DD` sets the date reviews are checked against (default: today, UTC).
 */
const { values } = parseArgs({ options: { today: { type: 'string' } } });
const today = values.today ?? new Date().toISOString().slice(0, 10);
if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) {
  process.stderr.write(`--today must be a date written YYYY-MM-DD, not "${today}"\n`);
  process.exit(2);
}

loadDotEnv();
const dir = process.env.KNOWLEDGE_DIR?.trim() || BUNDLED_KNOWLEDGE_DIR;
let knowledge: Awaited<ReturnType<typeof loadKnowledge>>;
try {
  knowledge = await loadKnowledge(dir);
} catch (error) {
  if (!(error instanceof KnowledgeError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}

const logger = createLogger('report', { env: { LOG_LEVEL: 'warn', ...process.env } });
const config = await exitOnConfigError(() => loadStoreConfig(process.env, { saltRequired: false }));
const store = config.redisUrl
  ? await exitOnConfigError(() => openStateStore(config, logger))
  : undefined;
try {
  const overdue = knowledge.passages
    .filter((p) => p.reviewBy !== undefined && p.reviewBy < today)
    .map((p) => ({ id: p.id, title: p.title, file: p.file, reviewBy: p.reviewBy ?? '' }))
    .sort((a, b) => a.reviewBy.localeCompare(b.reviewBy) || a.id.localeCompare(b.id));
  process.stdout.write(
    formatReport({
      store: config.redisUrl ? redactRedisUrl(config.redisUrl) : undefined,
      votes: store ? await store.readVotes() : {},
      declines: store ? await store.readDeclines() : [],
      knownIds: new Set(knowledge.passages.map((p) => p.id)),
      overdue,
      today,
    }),
  );
} finally {
  await store?.close();
}

import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

/**
 * node_modules/.cache/asylum-answers in the node_modules our own packages come from: where what a
 * start would otherwise recompute is kept (the knowledge's sentence vectors, the trained intent
 * model). Tools conventionally cache there, it is never committed, and `npm ci` clears it.
 */
export function defaultCacheDir(): string {
  const synckit = require.resolve('synckit');
  const modules = synckit.slice(0, synckit.lastIndexOf(`${path.sep}node_modules${path.sep}`));
  return path.join(modules, 'node_modules', '.cache', 'asylum-answers');
}

import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Writes trained weights as JSON laid out the way `npm run lint` checks it: JSON.stringify puts
 * every number of an array on its own line, biome folds short arrays, and a retrained model
 * committed unformatted failed CI's lint step (session 6). Biome is a dev dependency, as the
 * training scripts are dev tools.
 */
export async function writeModel(file: string, value: unknown): Promise<void> {
  await writeFile(file, `${JSON.stringify(value, null, 2)}\n`);
  execFileSync(path.join(ROOT, 'node_modules/.bin/biome'), ['format', '--write', file], {
    cwd: ROOT,
    stdio: 'ignore',
  });
}

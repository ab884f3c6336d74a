import { spawnSync } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * `npm run build`: compiles src/ and adapters/ to JavaScript in dist/ (tsconfig.build.json), then
 * copies the bundled knowledge beside it, to dist/knowledge: the built code finds it where the
 * sources find knowledge/, one folder up from src/. `node dist/adapters/repl/ask.js "…"` then runs
 * without tsx. KNOWLEDGE_DIR still points the built bot at another folder.
 */
rmSync('dist', { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], {
  stdio: 'inherit',
});
if (result.status !== 0) process.exit(result.status ?? 1);
cpSync('knowledge', 'dist/knowledge', { recursive: true });
console.log('Built dist/ (JavaScript and knowledge).');

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/paths.ts';

// The READMEs tell operators which command a supervisor should start. Only the bot's own Node
// process handles signals: a wrapper (npm, npx, tsx) between them left the bot running on SIGTERM
// and killed it on SIGHUP (issue 16). signals.test.ts runs the recommended command.

const READMES = ['README.md', 'adapters/slack/README.md', 'adapters/discord/README.md'];
const WRAPPED = /`(?:npx tsx|tsx) adapters\/(?:slack|discord)\/main\.ts`/;

describe('the production command the READMEs recommend', () => {
  it.each(READMES)('%s names the bot’s own process, never a wrapper', (file) => {
    const text = readFileSync(path.join(ROOT, file), 'utf8');
    expect(text).not.toMatch(WRAPPED);
    expect(text).toMatch(/node dist\/adapters\/(?:slack|discord)\/main\.js/);
    expect(text).toMatch(/node --import tsx adapters\/(?:slack|discord)\/main\.ts/);
  });
});

import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { createAssistant, loadKnowledge } from '../../src/index.ts';
import { checkKnowledge, isSerious } from '../../src/knowledge/check.ts';
import { useFixtureCopy } from '../helpers/fixture-copy.ts';
import { runScript } from '../helpers/run.ts';

// `knowledge:check` groups warnings by kind and fails on the serious ones, so a real problem no
// longer drowns among reminders to date a source.
const fixture = useFixtureCopy();
const { edit } = fixture;
beforeEach(async () => {
  // The fixture's work-permit passage is past its review date on purpose; most tests start clean.
  await edit('canada/work-permit.md', 'reviewBy: 2026-02-01', 'reviewBy: 2099-01-01');
});
const TODAY = '2026-12-01';
const kindsOf = async () =>
  checkKnowledge(await loadKnowledge(fixture.dir()), TODAY).warnings.map(
    (w) => `${w.kind} ${w.file}`,
  );

describe('knowledge:check warnings', () => {
  it('reminds about a source left without a date, not about one declared undated', async () => {
    expect(await kindsOf()).toEqual([
      'source-date-missing canada/claim-in-canada.md',
      'source-date-missing canada/stca.md',
      'source-date-missing canada/work-permit.md',
      'source-date-missing elsewhere/germany.md',
      'source-date-missing elsewhere/irish-descent.md',
      'source-date-missing elsewhere/mexico.md',
    ]);
    await edit(
      'elsewhere/mexico.md',
      'url: https://example.org/mexico/second\n',
      'url: https://example.org/mexico/second\n    published: undated\n',
    );
    expect(await kindsOf()).not.toContain('source-date-missing elsewhere/mexico.md');
  });

  it('keeps an undated source undated in the Answer JSON', async () => {
    await edit(
      'elsewhere/mexico.md',
      'url: https://example.org/mexico/second\n',
      'url: https://example.org/mexico/second\n    published: undated\n',
    );
    const answer = (await createAssistant({ knowledgeDir: fixture.dir() })).ask(
      'Can Americans claim asylum in Mexico?',
    );
    const second = answer.citations.find((c) => c.url === 'https://example.org/mexico/second');
    expect(second?.published).toBeNull();
  });

  it('rejects a date written wrong, naming what it accepts', async () => {
    await edit('elsewhere/mexico.md', 'published: 2025-06', 'published: sometime');
    await expect(loadKnowledge(fixture.dir())).rejects.toThrow(
      /elsewhere\/mexico\.md → sources\.0\.published: must be YYYY-MM-DD, YYYY-MM, YYYY or undated/,
    );
  });

  it('calls a passed review date serious', async () => {
    await edit('canada/stca.md', 'reviewBy: 2027-01-10', 'reviewBy: 2026-11-30');
    const { warnings } = checkKnowledge(await loadKnowledge(fixture.dir()), TODAY);
    expect(warnings.filter(isSerious).map((w) => `${w.kind} ${w.file} ${w.field}`)).toEqual([
      'stale-review canada/stca.md reviewBy',
    ]);
  });

  it('calls a figure in a low-confidence passage serious unless the sentence says whose it is', async () => {
    await edit(
      'elsewhere/mexico.md',
      'reviewBy: 2027-01-10',
      'reviewBy: 2027-01-10\nconfidence: low',
    );
    await edit(
      'elsewhere/mexico.md',
      'Late applicants must explain the delay.',
      'About 4,500 Americans applied in 2024. One lawyer told a newspaper that 455 were accepted.',
    );
    const { warnings } = checkKnowledge(await loadKnowledge(fixture.dir()), TODAY);
    expect(warnings.filter(isSerious).map((w) => w.message)).toEqual([
      '"About 4,500 Americans applied in 2024." gives a figure in a low-confidence passage without saying whose it is',
    ]);
  });

  it('calls a body that shares no word with its title or questions serious', async () => {
    const text = await readFile(path.join(fixture.dir(), 'elsewhere/mexico.md'), 'utf8');
    const frontMatter = text.slice(0, text.indexOf('\n---\n', 4) + 5);
    await writeFile(
      path.join(fixture.dir(), 'elsewhere/mexico.md'),
      `${frontMatter}Bread rises when yeast eats sugar and breathes out gas, which the dough traps in small pockets. A warm kitchen makes it rise faster, and a cold night in the fridge slows it down so the flavour deepens before baking.\n`,
    );
    const { warnings } = checkKnowledge(await loadKnowledge(fixture.dir()), TODAY);
    expect(warnings.filter(isSerious).map((w) => `${w.kind} ${w.file}`)).toEqual([
      'off-question elsewhere/mexico.md',
    ]);
  });
});

describe('npm run knowledge:check', () => {
  it('prints warnings grouped by kind with counts, and exits 0 when none is serious', async () => {
    const { code, stdout } = await runScript('knowledge:check', {
      env: { KNOWLEDGE_DIR: fixture.dir() },
    });
    expect(stdout).toMatch(/warning: source-date-missing \(6\): a source has no date/);
    expect(stdout).toMatch(/9 passages in 3 topics; 0 errors, 6 warnings \(0 serious\)\./);
    expect(code).toBe(0);
  });

  it('exits 1 on a serious warning, listed before the reminders', async () => {
    await edit('canada/stca.md', 'reviewBy: 2027-01-10', 'reviewBy: 2026-06-01');
    const { code, stdout } = await runScript('knowledge:check', {
      env: { KNOWLEDGE_DIR: fixture.dir() },
    });
    expect(stdout).toMatch(/serious: stale-review \(1\)[^\n]*\n {2}\S+canada\/stca\.md → reviewBy/);
    expect(stdout.indexOf('serious: stale-review')).toBeLessThan(
      stdout.indexOf('warning: source-date-missing'),
    );
    expect(code).toBe(1);
  });
});

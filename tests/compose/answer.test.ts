import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { AnswerSchema, type Assistant, createAssistant } from '../../src/index.ts';
import { markersOf, uncitedSentences } from '../helpers/citations.ts';
import { VALID_FIXTURE } from '../helpers/paths.ts';

let assistant: Assistant;
beforeAll(async () => {
  assistant = await createAssistant({ knowledgeDir: VALID_FIXTURE, today: () => '2026-06-01' });
});

describe('a cited answer', () => {
  it('leads with the best passage and cites its sources by number', () => {
    const answer = assistant.ask('Can Americans claim asylum in Germany?');
    expect(answer.kind).toBe('answer');
    expect(answer.abstained).toBe(false);
    expect(answer.text.startsWith('Americans can apply for asylum in Germany')).toBe(true);
    expect(answer.citations[0]).toMatchObject({
      n: 1,
      id: 'germany',
      url: 'https://example.org/germany',
    });
    // "A rejection can be appealed in court" relies on the passage's second source.
    expect(answer.text).toContain('A rejection can be appealed in court [2].');
    expect(answer.citations[1]).toMatchObject({ n: 2, url: 'https://example.org/germany/second' });
    expect(() => AnswerSchema.parse(answer)).not.toThrow();
  });

  it('cites every sentence, and every number points to a listed citation', () => {
    for (const question of [
      'Can Americans claim asylum in Canada?',
      'how do i get a work permit',
      'STCA',
      'my grandmother was born in ireland',
      'asylum in mexico or germany',
    ]) {
      const answer = assistant.ask(question);
      expect(answer.kind, question).toBe('answer');
      expect(uncitedSentences(answer), question).toEqual([]);
      const listed = answer.citations.map((c) => c.n);
      expect(listed).toEqual(listed.map((_, i) => i + 1));
      expect(new Set(markersOf(answer.text))).toEqual(new Set(listed));
    }
  });

  it("adds another passage's opening sentence when it answers a part the best one does not", () => {
    const answer = assistant.ask('asylum in mexico or germany');
    expect(new Set(answer.citations.map((c) => c.id))).toEqual(new Set(['mexico', 'germany']));
  });

  it('offers up to three other questions the knowledge answers', () => {
    const answer = assistant.ask('Can Americans claim asylum in Canada?');
    expect(answer.followUps.length).toBeGreaterThan(0);
    expect(answer.followUps.length).toBeLessThanOrEqual(3);
    expect(answer.followUps).not.toContain('Can Americans claim asylum in Canada?');
  });

  it('flags sources of a passage past its review date as possibly out of date', () => {
    // work-permit.md is to be reviewed by 2026-02-01; "today" is 2026-06-01.
    const answer = assistant.ask('can asylum seekers get a job while they wait');
    expect(answer.citations[0]).toMatchObject({ id: 'work-permit', outdated: true });
    expect(assistant.ask('Can Americans claim asylum in Germany?').citations[0]?.outdated).toBe(
      false,
    );
  });

  it('always carries the disclaimer', () => {
    expect(assistant.ask('STCA').disclaimer).toMatch(/not legal advice/);
    expect(assistant.ask('write me a poem').disclaimer).toMatch(/not legal advice/);
  });
});

describe('abstaining', () => {
  it.each([
    'what is the weather in Toronto tomorrow',
    'write me a poem about the sea',
    'who won the football game',
    'best pizza recipe',
  ])(
    'says plainly it has no sourced answer to %j, and offers questions it can answer',
    (question) => {
      const answer = assistant.ask(question);
      expect(answer.kind).toBe('abstain');
      expect(answer.abstained).toBe(true);
      expect(answer.notices[0]).toMatch(/don't have a sourced answer/);
      expect(answer.followUps.length).toBeGreaterThanOrEqual(1);
      expect(answer.confidence).toBeLessThan(0.5);
      expect(() => AnswerSchema.parse(answer)).not.toThrow();
    },
  );

  it.each(['', '   ', '\u200b\n\t'])('answers empty input %j with a short help', (question) => {
    const answer = assistant.ask(question);
    expect(answer.kind).toBe('abstain');
    expect(answer.notices[0]).toMatch(/^Ask me a question/);
    expect(answer.followUps.length).toBeGreaterThanOrEqual(1);
  });
});

describe('suggest', () => {
  it('offers curated questions whose words begin with what was typed, titles first', () => {
    expect(assistant.suggest('asylum germ')).toEqual([
      'Can Americans claim asylum in Germany?',
      'How does the asylum procedure in Germany work?',
      'How many US citizens applied for asylum in Germany?',
    ]);
    expect(assistant.suggest('asylum germ', 1)).toEqual(['Can Americans claim asylum in Germany?']);
    expect(assistant.suggest('', 3)).toHaveLength(3);
    expect(assistant.suggest('zzz')).toEqual([]);
  });
});

describe('a source two passages rely on', () => {
  it('gets one number, lists both passages, and is outdated when either passage is', async () => {
    // Germany's first source becomes Mexico's page; Mexico, the second to use it in this answer, is
    // past its review date.
    const dir = await mkdtemp(path.join(tmpdir(), 'knowledge-'));
    try {
      await cp(VALID_FIXTURE, dir, { recursive: true });
      const edit = async (file: string, from: string, to: string) => {
        const text = await readFile(path.join(dir, file), 'utf8');
        await writeFile(path.join(dir, file), text.replace(from, to));
      };
      await edit(
        'elsewhere/germany.md',
        'url: https://example.org/germany\n',
        'url: https://example.org/mexico\n',
      );
      await edit('elsewhere/mexico.md', 'reviewBy: 2027-01-10', 'reviewBy: 2026-03-01');
      const shared = await createAssistant({ knowledgeDir: dir, today: () => '2026-06-01' });
      const answer = shared.ask('asylum in mexico or germany');
      const mexicoPage = answer.citations.filter((c) => c.url === 'https://example.org/mexico');
      expect(mexicoPage).toHaveLength(1);
      expect(mexicoPage[0]).toMatchObject({ id: 'germany', passages: ['germany', 'mexico'] });
      expect(mexicoPage[0]?.outdated).toBe(true);
      expect(uncitedSentences(answer)).toEqual([]);
      expect(() => AnswerSchema.parse(answer)).not.toThrow();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

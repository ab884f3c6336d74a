import { describe, expect, it } from 'vitest';
import { AnswerSchema } from '../../src/index.ts';
import { INVALID_FIXTURE } from '../helpers/paths.ts';
import { runScript } from '../helpers/run.ts';

// `npm run ask`'s entry as a child process, over the bundled knowledge.
describe('npm run ask', () => {
  it('prints a cited answer with numbered, linked sources', async () => {
    const { code, stdout } = await runScript('ask', {
      args: ['Can Americans claim asylum in Canada?'],
    });
    expect(code).toBe(0);
    expect(stdout).toMatch(/\[1\]/);
    expect(stdout).toMatch(/Sources\n {2}\[1\] .+\n {6}https:\/\//);
    expect(stdout).toMatch(/not legal advice/);
  });

  it('prints the Answer as JSON with --json', async () => {
    const { code, stdout } = await runScript('ask', {
      args: ['--json', 'Can Americans claim asylum in Canada?'],
    });
    expect(code).toBe(0);
    const answer = AnswerSchema.parse(JSON.parse(stdout));
    expect(answer.kind).toBe('answer');
    expect(answer.citations.length).toBeGreaterThan(0);
  });

  it('answers one question per piped line, one JSON object per line, skipping blank lines', async () => {
    const input =
      'Can Americans claim asylum in Canada?\n\nwrite me a poem about cats\nDoes the safe third country agreement apply to US citizens?\n';
    const { code, stdout } = await runScript('ask', { args: ['--json'], input });
    expect(code).toBe(0);
    const answers = stdout
      .trim()
      .split('\n')
      .map((line) => AnswerSchema.parse(JSON.parse(line)));
    expect(answers.map((a) => a.kind)).toEqual(['answer', 'abstain', 'answer']);
    expect(answers[2]?.question).toBe(
      'Does the safe third country agreement apply to US citizens?',
    );
  });

  it('exits 2 with a message on bad arguments', async () => {
    const { code, stderr } = await runScript('ask', { args: ['--no-such-flag', 'hi'] });
    expect(code).toBe(2);
    expect(stderr).toMatch(/Unknown option '--no-such-flag'/);
    expect(stderr).toMatch(/Usage: npm run ask/);
  });

  it('exits 1 naming every bad file and field when the knowledge is invalid', async () => {
    const { code, stderr, stdout } = await runScript('ask', {
      args: ['anything'],
      env: { KNOWLEDGE_DIR: INVALID_FIXTURE },
    });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/canada\/bad-url\.md → sources\.0\.url/);
    expect(stderr).toMatch(/other\/twin\.md → id: duplicate id "twin"/);
  });
});

describe('privacy of the terminal surfaces', () => {
  it('writes nothing about the question anywhere but the answer itself', async () => {
    const marker = 'zq-marker-7731';
    const ask = await runScript('ask', {
      args: [`Can Americans claim asylum in Canada? ${marker}`],
      env: { LOG_LEVEL: 'trace' },
    });
    expect(ask.code).toBe(0);
    expect(ask.stderr).not.toContain(marker);
    const repl = await runScript('start', {
      input: `what about ${marker}?\n:quit\n`,
      env: { LOG_LEVEL: 'trace' },
    });
    expect(repl.code).toBe(0);
    expect(repl.stderr).not.toContain(marker);
    expect(repl.stdout).not.toContain(marker);
  });
});

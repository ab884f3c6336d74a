import { describe, expect, it } from 'vitest';
import { createLogger, reportCoreErrors } from '../../adapters/shared/log.ts';
import { createAssistant } from '../../src/index.ts';
import { VALID_FIXTURE } from '../helpers/paths.ts';

/** A clock that fails once: a bug inside ask(), reached through a public option. */
function failingOnce(): () => string {
  let calls = 0;
  return () => {
    calls += 1;
    if (calls === 1) throw new TypeError('clock broke');
    return '2026-12-01';
  };
}

describe('an internal error in ask()', () => {
  it('is reported to onError and still answered with the apology Answer', async () => {
    const seen: unknown[] = [];
    const assistant = await createAssistant({
      knowledgeDir: VALID_FIXTURE,
      today: failingOnce(),
      onError: (error) => seen.push(error),
    });
    const answer = assistant.ask('Can Americans claim asylum in Germany?');
    expect(answer.kind).toBe('abstain');
    expect(answer.notices).toEqual(["I don't have a sourced answer to that, so I won't guess."]);
    expect(seen).toHaveLength(1);
    expect((seen[0] as Error).message).toBe('clock broke');
  });

  it('still answers when the hook itself throws', async () => {
    const assistant = await createAssistant({
      knowledgeDir: VALID_FIXTURE,
      today: failingOnce(),
      onError: () => {
        throw new Error('hook broke');
      },
    });
    expect(assistant.ask('Can Americans claim asylum in Germany?').kind).toBe('abstain');
  });

  it('is logged by the bots with its stack, never the question', async () => {
    const lines: string[] = [];
    const logger = createLogger('test', {
      env: { LOG_LEVEL: 'info' },
      destination: { write: (line: string) => void lines.push(line) },
    });
    const assistant = await createAssistant({
      knowledgeDir: VALID_FIXTURE,
      today: failingOnce(),
      onError: reportCoreErrors(logger),
    });
    assistant.ask('Can Americans claim asylum in Germany? marker-core-error');
    const [line] = lines.map((l) => JSON.parse(l));
    expect(line.level).toBe(50);
    expect(line.error).toMatchObject({ type: 'TypeError', message: 'clock broke' });
    expect(line.error.stack).toMatch(/^\s+at /);
    expect(lines.join('')).not.toContain('marker-core-error');
  });
});

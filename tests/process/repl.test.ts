import { describe, expect, it } from 'vitest';
import { runScript } from '../helpers/run.ts';

// The REPL's entry as a process: the bundled knowledge, stdin and stdout, exit code 0.
describe('the REPL process', () => {
  it('starts on the bundled knowledge and answers from stdin', async () => {
    const { code, stdout } = await runScript('start', {
      input: 'Can Americans claim asylum in Canada?\n:quit\n',
    });
    expect(code).toBe(0);
    expect(stdout).toMatch(/\[1\]/);
    expect(stdout).toMatch(/https:\/\//);
  });
});

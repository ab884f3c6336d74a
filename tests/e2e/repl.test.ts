import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createRepl } from '../../adapters/repl/repl.ts';
import { BUNDLED_KNOWLEDGE_DIR, createAssistant } from '../../src/index.ts';
import { VALID_FIXTURE } from '../helpers/paths.ts';

async function session(lines: string[], knowledgeDir = VALID_FIXTURE): Promise<string> {
  const assistant = await createAssistant({ knowledgeDir });
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (chunk) => {
    text += chunk;
  });
  const done = createRepl({ assistant, input, output });
  input.end(`${lines.join('\n')}\n`);
  await done;
  return text;
}

describe('the REPL', () => {
  it('answers with numbered sources and shows the passage behind a source', async () => {
    const out = await session(['Can Americans claim asylum in Germany?', ':source 1']);
    expect(out).toMatch(/Americans can apply for asylum in Germany.* \[1\]\./);
    expect(out).toContain('[1] Fixture source for germany, Fixture Publisher, 2025-06');
    // :source prints the whole passage, with its own file name and review date.
    expect(out).toContain('Passage germany (elsewhere/germany.md); reviewed 2026-01-10');
  });

  it('keeps one conversation until :reset', async () => {
    const out = await session([
      'Can Americans claim asylum in Germany?',
      'how do I apply there?',
      ':reset',
      'how do I apply there?',
    ]);
    const answers = out.split('Sources').slice(1);
    expect(answers[1]).toContain('Fixture source for germany');
    expect(out).toContain('Started a new conversation.');
    expect(answers[2]).not.toContain('Fixture source for germany');
  });

  it('asks a suggested question by its number', async () => {
    const out = await session(['Can Americans claim asylum in Canada?', '1']);
    expect(out).toMatch(/> .+\?\n/);
  });

  it('explains commands and rejects unknown ones without crashing', async () => {
    const out = await session([':help', ':nope', ':source 9', ':quit', 'never read']);
    expect(out).toContain(':source N');
    expect(out).toContain('Unknown command :nope');
    expect(out).toContain('No source [9] in the last answer');
    expect(out).not.toContain('never read');
  });

  it('reads a bare number as a suggestion only while suggestions are on screen', async () => {
    const out = await session(['1', ':source', 'Can Americans claim asylum in Germany?', '9']);
    expect(out).toContain('No suggestions on screen yet: ask a question first');
    expect(out).toMatch(
      /Usage: :source N, where N is a source number of the last answer \(none yet/,
    );
    expect(out).toMatch(/No suggestion 9: the suggestions on screen are 1 to \d\./);
    expect(out).not.toContain('No source []');
  });

  it('answers greetings, thanks and goodbyes in its own voice, and leaves on exit', async () => {
    const out = await session(['hi', 'thanks!', 'exit', 'never read']);
    expect(out).toMatch(/Hello\. I answer questions about seeking asylum/);
    expect(out).toContain("You're welcome.");
    expect(out).toContain('Take care.');
    expect(out).not.toContain("I don't have a sourced answer");
    expect(out.split('Take care.')[1]).not.toMatch(/Sources|You could also ask/);
  });

  it('uses no colours when the output is not a terminal', async () => {
    const out = await session(['Can Americans claim asylum in Germany?']);
    expect(out).not.toContain('\u001b[');
  });
});

describe('the REPL and the intents the core reads', () => {
  it('leads a detention now with what to do now, then 911, with the core notice', async () => {
    const out = await session(
      ['ice agents r outside my house rn what do i do'],
      BUNDLED_KNOWLEDGE_DIR,
    );
    const notice = out.indexOf('being detained or is in danger right now');
    const lawyer = out.search(/ask for a lawyer.*sign/);
    const emergency = out.indexOf('Call 911');
    expect(notice).toBeGreaterThan(-1);
    expect(lawyer).toBeGreaterThan(notice);
    expect(emergency).toBeGreaterThan(lawyer);
    // (911's source is a page titled after 988: only the answer's text is checked.)
    expect(out.slice(0, out.indexOf('Sources'))).not.toMatch(/988|Legal Aid Ontario/);
  });

  it('refuses help crossing unseen and notes a request for a personal prediction', async () => {
    const out = await session(
      [
        'whats the best way thru the forest so border patrol doesnt spot us',
        'honestly what r my odds of winning my claim',
      ],
      BUNDLED_KNOWLEDGE_DIR,
    );
    // Each answer ends with its sources: the first part is the refusal, the second the advice.
    const [refusal, advice] = out.split('Sources');
    expect(refusal).toMatch(/can't help/i);
    expect(advice).toMatch(/can't tell you how your own case will turn out/);
  });
});

describe('the REPL :reload command', () => {
  it('reports an invalid knowledge folder and keeps answering', async () => {
    const { cp, mkdtemp, rm, writeFile } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const dir = await mkdtemp(path.join(tmpdir(), 'repl-knowledge-'));
    try {
      await cp(VALID_FIXTURE, dir, { recursive: true });
      const assistant = await createAssistant({ knowledgeDir: dir });
      const input = new PassThrough();
      const output = new PassThrough();
      let text = '';
      output.on('data', (chunk) => {
        text += chunk;
      });
      const done = createRepl({ assistant, input, output });
      await writeFile(path.join(dir, 'canada/broken.md'), '---\nid: broken\n---\nNo.\n');
      input.end(':reload\nCan Americans claim asylum in Germany?\n');
      await done;
      expect(text).toContain('canada/broken.md → title: is required');
      expect(text).toContain('Still answering from the knowledge loaded before.');
      expect(text).toContain('Americans can apply for asylum in Germany');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

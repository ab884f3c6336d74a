import { describe, expect, it } from 'vitest';
import { KnowledgeError, loadKnowledge } from '../../src/index.ts';
import { INVALID_FIXTURE, VALID_FIXTURE } from '../helpers/paths.ts';

async function issuesOf(dir: string) {
  const error = await loadKnowledge(dir).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(KnowledgeError);
  return (error as KnowledgeError).issues.map((i) => `${i.file} → ${i.field}`);
}

describe('loadKnowledge', () => {
  it('loads every passage of a valid folder, with sentences tied to their sources', async () => {
    const knowledge = await loadKnowledge(VALID_FIXTURE);
    expect(knowledge.passages.map((p) => p.id).sort()).toEqual([
      'claim-in-canada',
      'find-a-lawyer',
      'germany',
      'help-now',
      'honesty',
      'irish-descent',
      'mexico',
      'stca',
      'work-permit',
    ]);
    const germany = knowledge.passages.find((p) => p.id === 'germany');
    const sentences = germany?.paragraphs.flat() ?? [];
    // "A rejection can be appealed in court [2]." relies on the second source; the marker is removed.
    expect(sentences.find((s) => s.text.startsWith('A rejection'))).toEqual({
      text: 'A rejection can be appealed in court.',
      source: 1,
    });
    expect(sentences[0]?.source).toBe(0);
    expect(knowledge.synonyms).toContainEqual(['stca', 'safe third country agreement']);
  });

  it('reports every problem at once, each with its file and field', async () => {
    expect((await issuesOf(INVALID_FIXTURE)).sort()).toEqual([
      'canada/bad-marker.md → body',
      'canada/bad-next.md → ifRefused',
      'canada/bad-next.md → next.0',
      'canada/bad-next.md → next.1',
      'canada/bad-role.md → role',
      'canada/bad-url.md → sources.0.url',
      'canada/bad-yaml.md → front matter',
      'canada/missing-title.md → title',
      'canada/unknown-field.md → summary',
      'other/twin.md → id',
      'synonyms.yaml → 0',
    ]);
  });

  it('names the file and field in the error message, for the person who has to fix it', async () => {
    const error = (await loadKnowledge(INVALID_FIXTURE).catch((e: unknown) => e)) as Error;
    expect(error.message).toContain(
      'canada/bad-url.md → sources.0.url: must be a full web address',
    );
    expect(error.message).toContain('duplicate id "twin", also used in canada/twin.md');
    expect(error.message).toContain('canada/bad-next.md → next.0: names the passage itself');
    expect(error.message).toContain('canada/bad-next.md → next.1: no passage has the id "nowhere"');
    expect(error.message).toContain(
      'canada/bad-next.md → ifRefused: no passage has the id "nowhere-either"',
    );
    expect(error.message).toContain('cites source [3] but the passage has 1 source');
    expect(error.message).toContain(
      'canada/bad-role.md → role: "crisis" is not a role; use one of: crisis-self-harm,',
    );
  });

  it('refuses a folder that does not exist', async () => {
    expect(await issuesOf(`${VALID_FIXTURE}-missing`)).toEqual(['. → file']);
  });
});

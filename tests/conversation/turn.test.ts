import { describe, expect, it } from 'vitest';
import { createAssistant, type Turn } from '../../src/index.ts';
import { VALID_FIXTURE } from '../helpers/paths.ts';

// Two assistants stand for two replicas: each has its own memory, and only what a turn leaves
// (passage ids and a topic, handed over by the caller) connects them.
describe('a conversation continued by another process', () => {
  it('reads a follow-up against the context another assistant left', async () => {
    const first = await createAssistant({ knowledgeDir: VALID_FIXTURE });
    const second = await createAssistant({ knowledgeDir: VALID_FIXTURE });
    let turn: Turn = {};
    first.ask('Can Americans claim asylum in Germany?', {
      conversationId: 'thread',
      onTurn: (left) => {
        turn = left;
      },
    });
    expect(turn.context).toEqual({
      passages: expect.arrayContaining(['germany']),
      topic: expect.any(String),
    });
    expect(JSON.stringify(turn)).not.toMatch(/claim asylum/i);

    // Without the context the second process has never seen the conversation.
    expect(
      second.ask('how do I apply there?', { conversationId: 'thread' }).citations[0]?.id,
    ).not.toBe('germany');
    const followUp = second.ask('how do I apply there?', {
      conversationId: 'thread',
      context: turn.context,
    });
    expect(followUp.citations[0]?.id).toBe('germany');
  });

  it('reports the nearest topic of a decline, and no context to continue from', async () => {
    const assistant = await createAssistant({ knowledgeDir: VALID_FIXTURE });
    const turns: Turn[] = [];
    const onTurn = (turn: Turn) => turns.push(turn);
    const near = assistant.ask('What is the asylum office address in Mongolia?', { onTurn });
    const far = assistant.ask('What is the capital of Mongolia?', { onTurn });
    expect([near.kind, far.kind]).toEqual(['abstain', 'abstain']);
    // Something came near the first (a passage about claims elsewhere); nothing near the second.
    expect(turns).toEqual([{ nearestTopic: 'elsewhere' }, {}]);
  });

  it('reports the nearest topic of a decline given with the crisis lines or a referral too', async () => {
    // Declines that are not of kind "abstain" say what the knowledge lacks as much: the editors'
    // report and /metrics count them by this topic.
    const assistant = await createAssistant();
    const declines = [
      [
        'I take warfarin and three other pills every day. How much of my medicine can I carry across into Canada, is a 90 day supply ok?',
        'crisis',
      ],
      ['what are my chances of getting asylum in Japan if I apply?', 'advice'],
    ];
    for (const [question = '', kind] of declines) {
      let left: Turn = {};
      const answer = assistant.ask(question, {
        onTurn: (turn) => {
          left = turn;
        },
      });
      expect([answer.kind, answer.abstained], question).toEqual([kind, true]);
      expect(left.nearestTopic, question).toEqual(expect.any(String));
    }
  }, 30_000);

  it('an onTurn that throws does not turn the answer into an apology', async () => {
    const assistant = await createAssistant({ knowledgeDir: VALID_FIXTURE });
    const answer = assistant.ask('Can Americans claim asylum in Germany?', {
      onTurn: () => {
        throw new Error('bookkeeping failed');
      },
    });
    expect(answer.kind).toBe('answer');
  });
});

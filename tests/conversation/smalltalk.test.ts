import { beforeAll, describe, expect, it } from 'vitest';
import { AnswerSchema, type Assistant, createAssistant, smallTalkOf } from '../../src/index.ts';
import { VALID_FIXTURE } from '../helpers/paths.ts';

let assistant: Assistant;
beforeAll(async () => {
  assistant = await createAssistant({ knowledgeDir: VALID_FIXTURE });
});

describe('small talk', () => {
  it.each([
    ['hi', 'greeting'],
    ['Hello there!', 'greeting'],
    ['good morning', 'greeting'],
    ['thanks!', 'thanks'],
    ['Thank you so much for your help.', 'thanks'],
    ['ok thanks', 'thanks'],
    ['help', 'help'],
    ['what can you do?', 'help'],
    ['exit', 'goodbye'],
    ['bye!', 'goodbye'],
  ])('reads %j as %s', (message, kind) => {
    expect(smallTalkOf(message)).toBe(kind);
  });

  it.each([
    'hi, can Americans claim asylum in Germany?',
    'help me claim asylum',
    'thanks, but what about Mexico?',
    'how do I stop deportation',
    'done with my claim, what next',
  ])('leaves a message with a question in it, %j, to be answered', (message) => {
    expect(smallTalkOf(message)).toBeNull();
    expect(assistant.ask(message).kind).not.toBe('smalltalk');
  });

  it('replies in its own voice, with no sources, and offers questions to a greeting', () => {
    for (const message of ['hi', 'thanks', 'help', 'exit']) {
      const answer = assistant.ask(message);
      expect(answer.kind, message).toBe('smalltalk');
      expect(answer.abstained).toBe(false);
      expect(answer.text).toBe('');
      expect(answer.citations).toEqual([]);
      expect(answer.notices).toHaveLength(1);
      expect(answer.notices[0]).not.toMatch(/sourced answer/);
      expect(() => AnswerSchema.parse(answer)).not.toThrow();
    }
    expect(assistant.ask('hi').followUps.length).toBeGreaterThan(0);
    expect(assistant.ask('thanks').followUps).toEqual([]);
  });

  it('answers help with what it knows about and the questions to start with', () => {
    const help = assistant.ask('help');
    expect(help.notices[0]).toMatch(/I know about .+\./);
    expect(help.notices[0]).toMatch(/not legal advice/);
    expect(help.followUps.length).toBeGreaterThan(0);
  });

  it('does not disturb the conversation: a follow-up after thanks still reads in context', () => {
    const c = { conversationId: 'polite' };
    assistant.ask('Can Americans claim asylum in Germany?', c);
    assistant.ask('thanks!', c);
    expect(assistant.ask('how do I apply there?', c).passages?.[0]).toBe('germany');
  });
});

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
    ['are you a lawyer?', 'about'],
    ['hi! r u a bot', 'about'],
    ['who made you', 'about'],
    ['do you save what i type?', 'privacy'],
    ['is this bot private? will you share my messages with ICE', 'privacy'],
    ['who can see my messages', 'privacy'],
    ['where do you get your info from', 'sources'],
    ['how up to date is this?', 'sources'],
    ['that was not helpful', 'feedback'],
    ["that's not what i asked", 'feedback'],
    ['that was helpful, thanks!', 'thanks'],
    ['thanks! bye', 'goodbye'],
    ['hello? anyone?', 'greeting'],
    ['good bot', 'thanks'],
    ['bad bot', 'feedback'],
    ['makes sense', 'acknowledgement'],
    ['nvm', 'acknowledgement'],
    ['sorry', 'acknowledgement'],
    // Typed without apostrophes, or offering a choice.
    ['whats your name', 'about'],
    ['thats not what i asked', 'feedback'],
    ['is this a bot or a human?', 'about'],
  ])('reads %j, a message about the bot or its answer, as %s', (message, kind) => {
    expect(smallTalkOf(message)).toBe(kind);
  });

  it.each([
    'delete everything i said pls',
    'Please forget what I told you.',
    'can you delete my messages',
    'clear this conversation',
    'erase my data',
    'wipe our chat history',
    'start over',
    "thanks, now delete everything I've said",
  ])('reads %j as a request to forget the conversation', (message) => {
    expect(smallTalkOf(message)).toBe('forget');
  });

  it.each([
    'how do I delete my refugee claim',
    'can I erase my criminal record before I apply',
    'will ircc delete my data if I withdraw',
    'remove me from the removal list',
    'clear my name',
    'forget it',
    // Could be said in despair: left to the crisis reading and the knowledge.
    'just forget me',
    'does my claim start over if I move provinces',
  ])('leaves %j, which is not about this conversation, alone', (message) => {
    expect(smallTalkOf(message)).not.toBe('forget');
  });

  it('forgets the conversation when asked: the next message is read alone', () => {
    const c = { conversationId: 'forget-me' };
    assistant.ask('Can Americans claim asylum in Germany?', c);
    const forgot = assistant.ask('delete everything i said pls', c);
    expect(forgot.kind).toBe('smalltalk');
    expect(forgot.smallTalk).toBe('forget');
    expect(forgot.notices[0]).toMatch(/forgotten this conversation/);
    expect(forgot.passages ?? []).toEqual([]);
    expect(assistant.ask('how do I apply there?', c).passages?.[0]).not.toBe('germany');
    // Told of a forgetting kept elsewhere (an empty context), the assistant does not read its own.
    const kept = { conversationId: 'kept-elsewhere' };
    assistant.ask('Can Americans claim asylum in Germany?', kept);
    expect(assistant.ask('how do I apply there?', kept).passages?.[0]).toBe('germany');
    const emptied = { ...kept, context: { passages: [], topic: '' } };
    expect(assistant.ask('how do I apply there?', emptied).passages?.[0]).not.toBe('germany');
  });

  it.each([
    // About a claim, the border or a passage just shown, not about the bot.
    'will canada share my info with ice',
    'who can see my refugee file',
    'who can see it?',
    'is the hearing private',
    'is this a safe third country',
    'do you need a lawyer',
    'who runs the irb',
    'is it safe to cross at roxham',
    'that was wrong, what about spain?',
    'not helpful for trans people, is there anything for us?',
  ])('leaves %j, which asks the knowledge, to be answered', (message) => {
    expect(smallTalkOf(message)).toBeNull();
  });

  it('says what it is, what it keeps, how current it is, and offers questions after a bad answer', () => {
    expect(assistant.ask('are you a lawyer?').notices[0]).toMatch(/not a lawyer.*not legal advice/);
    expect(assistant.ask('do you save what i type?').notices[0]).toMatch(
      /don't keep what you type.*30 minutes/,
    );
    const dates = assistant
      .passages()
      .map((p) => p.reviewed)
      .sort();
    expect(assistant.ask('how up to date is this?').notices[0]).toContain(
      `last reviewed on ${dates.at(-1)}`,
    );
    const sorry = assistant.ask('that was not helpful');
    expect(sorry.notices[0]).toMatch(/^Sorry/);
    expect(sorry.followUps.length).toBeGreaterThan(0);
    for (const message of ['are you a lawyer?', 'do you save what i type?', 'that was not helpful'])
      expect(() => AnswerSchema.parse(assistant.ask(message))).not.toThrow();
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

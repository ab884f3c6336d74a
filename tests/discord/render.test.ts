import { describe, expect, it } from 'vitest';
import { followUpButtonId, parseButtonId, voteButtonId } from '../../adapters/discord/buttons.ts';
import { cleanQuestion } from '../../adapters/discord/clean.ts';
import { loadDiscordConfig } from '../../adapters/discord/config.ts';
import {
  type AnswerButtonIds,
  renderNotice,
  renderAnswer as renderView,
  truncate,
} from '../../adapters/discord/render.ts';
import { answerView } from '../../adapters/shared/answer-view.ts';
import { ConfigError } from '../../adapters/shared/config.ts';
import type { Answer } from '../../src/index.ts';

/** The renderer formats the service's neutral view of an Answer. */
const renderAnswer = (answer: Answer, ids?: AnswerButtonIds) => renderView(answerView(answer), ids);

const ids = { followUp: (i: number) => `f${i}`, vote: (v: string) => `v-${v}` };

const answer: Answer = {
  question: 'Can Americans claim asylum in Canada?',
  notices: ['Answers are in English.'],
  text: 'Americans can make a refugee claim in Canada [1]. Few such claims succeed [2].',
  citations: [
    {
      n: 1,
      id: 'claim-in-canada',
      passages: ['claim-in-canada'],
      title: 'Claiming asylum in Canada',
      url: 'https://example.org/claim',
      publisher: 'IRCC',
      published: '2025-06',
      outdated: false,
    },
    {
      n: 2,
      id: 'claim-in-canada',
      passages: ['claim-in-canada'],
      title: 'Old statistics',
      url: 'https://example.org/stats',
      publisher: 'IRB',
      published: null,
      outdated: true,
    },
  ],
  abstained: false,
  kind: 'answer',
  confidence: 0.9,
  followUps: ['Does the Safe Third Country Agreement apply to US citizens?'],
  disclaimer: 'This is general legal information, not legal advice.',
};

describe('renderAnswer', () => {
  it('puts notices before the cited text and marks sources past their review date', () => {
    const [message, ...rest] = renderAnswer(answer, ids);
    expect(rest).toEqual([]);
    const [embed] = message?.embeds ?? [];
    expect(embed?.title).toBe(answer.question);
    expect(embed?.description).toBe(`Answers are in English.\n\n${answer.text}`);
    expect(embed?.fields).toEqual([
      { name: '[1] Claiming asylum in Canada', value: 'IRCC · 2025-06\nhttps://example.org/claim' },
      {
        name: '[2] Old statistics',
        value: 'IRB · undated · ⚠️ may be out of date\nhttps://example.org/stats',
      },
    ]);
    expect(embed?.footer?.text).toBe(answer.disclaimer);
    expect(message?.allowedMentions).toEqual({ parse: [], repliedUser: false });
  });

  it('offers follow-up and feedback buttons', () => {
    const [message] = renderAnswer(answer, ids);
    expect(message?.components.map((row) => row.components.map((b) => b.custom_id))).toEqual([
      ['f0'],
      ['v-up', 'v-down'],
    ]);
  });

  it('offers no feedback buttons when nothing was cited, whatever the kind', () => {
    const bare: Answer = { ...answer, kind: 'abstain', abstained: true, citations: [] };
    const [message] = renderAnswer(bare, ids);
    expect(message?.components.map((row) => row.components.map((b) => b.custom_id))).toEqual([
      ['f0'],
    ]);
    expect(message?.embeds[0]?.fields).toBeUndefined();
  });

  it('continues a long answer in further embeds, breaking between sentences', () => {
    const text = Array.from({ length: 300 }, (_, i) => `Sentence number ${i} [1].`).join(' ');
    const messages = renderAnswer({ ...answer, notices: [], text });
    const descriptions = messages.flatMap((m) => m.embeds.map((e) => e.description ?? ''));
    expect(descriptions.length).toBeGreaterThan(1);
    for (const d of descriptions.filter(Boolean)) expect(d).toMatch(/^Sentence number \d+ \[1\]\./);
    for (const d of descriptions.filter(Boolean)) expect(d).toMatch(/\[1\]\.$/);
  });
});

describe('renderNotice', () => {
  it('is plain content that pings nobody', () => {
    expect(renderNotice('Slow down')).toEqual({
      content: 'Slow down',
      embeds: [],
      components: [],
      allowedMentions: { parse: [], repliedUser: false },
    });
  });
});

describe('truncate', () => {
  it('cuts with an ellipsis and never splits an emoji', () => {
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('ab😀cd', 4)).toBe('ab…');
    expect(truncate('short', 10)).toBe('short');
  });
});

describe('cleanQuestion', () => {
  it('removes mentions, @everyone and @here, and control characters', () => {
    expect(cleanQuestion('<@123> <@!456>  Can I\nwork? <@&789> <#42> @everyone @HERE\u0007')).toBe(
      'Can I work?',
    );
  });

  it('cannot be tricked into assembling a new mention', () => {
    expect(cleanQuestion('@every@everyoneone <@<@1>1>')).toBe('@every one <@ 1>');
  });

  it('keeps everything else, including non-Latin text and emoji', () => {
    expect(cleanQuestion('¿Puedo pedir asilo en Canadá? 🇨🇦 مرحبا')).toBe(
      '¿Puedo pedir asilo en Canadá? 🇨🇦 مرحبا',
    );
    // Even inside a word: better a mangled address than a ping.
    expect(cleanQuestion('me@here.org')).toBe('me .org');
  });
});

describe('button ids', () => {
  it('round-trip and stay short', () => {
    expect(parseButtonId(followUpButtonId('k3Y_-x', 2))).toEqual({
      type: 'ask',
      key: 'k3Y_-x',
      index: 2,
    });
    expect(parseButtonId(voteButtonId('k3Y_-x', 'down'))).toEqual({
      type: 'vote',
      key: 'k3Y_-x',
      vote: 'down',
    });
    expect(followUpButtonId('a'.repeat(11), 2).length).toBeLessThan(100);
  });

  it('ignore ids that are not ours', () => {
    expect(parseButtonId('other-bot:thing')).toBeUndefined();
    expect(parseButtonId('asylum:vote:key:sideways')).toBeUndefined();
  });
});

describe('loadDiscordConfig', () => {
  const base = { DISCORD_TOKEN: 't', DISCORD_APPLICATION_ID: '100000000000000001' };

  it('applies defaults and reads the optional settings', () => {
    expect(loadDiscordConfig(base)).toEqual({
      token: 't',
      applicationId: '100000000000000001',
      guildId: undefined,
      apiUrl: undefined,
      rateLimit: { burst: 5, perMinute: 10 },
      logQuestions: false,
    });
    const custom = loadDiscordConfig({
      ...base,
      DISCORD_GUILD_ID: '200000000000000002',
      DISCORD_API_URL: 'http://127.0.0.1:9/api/',
      RATE_LIMIT_BURST: '2',
      LOG_QUESTIONS: 'yes',
    });
    expect(custom).toMatchObject({
      guildId: '200000000000000002',
      apiUrl: 'http://127.0.0.1:9/api',
      rateLimit: { burst: 2, perMinute: 10 },
      logQuestions: true,
    });
  });

  it('names every missing or malformed variable', () => {
    try {
      loadDiscordConfig({ DISCORD_API_URL: 'not a url', RATE_LIMIT_PER_MINUTE: '-1' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toContain('DISCORD_TOKEN: is required');
      expect(problems).toContain('DISCORD_APPLICATION_ID: is required');
      expect(problems).toContain('DISCORD_API_URL');
      expect(problems).toContain('RATE_LIMIT_PER_MINUTE');
    }
  });
});

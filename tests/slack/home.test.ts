import fc from 'fast-check';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HOME_WORDING, homeView } from '../../adapters/shared/home.ts';
import { ESCALATION_ACTION } from '../../adapters/slack/escalation.ts';
import { HOME_ACTION, renderHome } from '../../adapters/slack/home.ts';
import { type Assistant, createAssistant, knowledgeOverview } from '../../src/index.ts';
import { VALID_FIXTURE } from '../helpers/paths.ts';
import { runs } from '../helpers/runs.ts';
import { homeViewProblems, LIVE_MENTION } from './block-kit.ts';
import { type Bot, startBot } from './harness.ts';
import { asForm, asJson, eventCallback, nextTs, postToApp } from './requests.ts';

type Json = Record<string, unknown>;

let assistant: Assistant;
let bot: Bot | undefined;

beforeAll(async () => {
  assistant = await createAssistant({ knowledgeDir: VALID_FIXTURE });
});

afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

function homeOpened(tab: 'home' | 'messages', user = 'U1'): Json {
  return { type: 'app_home_opened', user, channel: 'D1', tab, event_ts: nextTs() };
}

/** A click on a button of the Home tab: Slack sends the view, no channel and no response_url. */
function homeClick(button: { action_id: string; value?: string }, user = 'U1'): Json {
  return {
    type: 'block_actions',
    user: { id: user, username: 'asker', team_id: 'T1' },
    api_app_id: 'A1',
    token: 'legacy-verification-token',
    container: { type: 'view', view_id: 'V1' },
    trigger_id: `trigger-${nextTs()}`,
    team: { id: 'T1', domain: 'example' },
    view: { id: 'V1', type: 'home', blocks: [] },
    actions: [
      {
        type: 'button',
        block_id: 'asylum_home_starters',
        action_id: button.action_id,
        value: button.value,
        action_ts: nextTs(),
      },
    ],
  };
}

async function send(b: Bot, request: Parameters<typeof postToApp>[1]) {
  expect((await postToApp(b.eventsUrl, request)).status).toBe(200);
}

describe('Slack App Home', () => {
  it('publishes valid Block Kit within the limits: scope, privacy, starters, review date', async () => {
    bot = await startBot({ assistant });
    await send(bot, asJson(eventCallback(homeOpened('home'))));
    const [call, ...more] = bot.fake.callsTo('views.publish');
    expect(more).toEqual([]);
    expect(call?.args.user_id).toBe('U1');
    const view = call?.args.view as { type: string; blocks: Json[] };
    expect(homeViewProblems(view)).toEqual([]);
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    const shown = JSON.stringify(view);
    for (const heading of [
      HOME_WORDING.answers.heading,
      HOME_WORDING.doesNot.heading,
      HOME_WORDING.privacy.heading,
    ]) {
      expect(shown).toContain(heading);
    }
    // Every fixture passage was reviewed on this day: the date comes from the knowledge.
    expect(shown).toContain('last reviewed on 2026-01-10');
    const starters = knowledgeOverview(assistant.passages()).starters;
    expect(starters.length).toBeGreaterThan(0);
    for (const question of starters) expect(shown).toContain(question);
  });

  it('publishes nothing when the Messages tab is opened', async () => {
    bot = await startBot({ assistant });
    await send(bot, asJson(eventCallback(homeOpened('messages'))));
    expect(bot.fake.callsTo('views.publish')).toEqual([]);
  });

  it('answers a starter button in a direct message, restating the question', async () => {
    bot = await startBot({ assistant, escalation: { channel: 'C0MODS001' } });
    await send(bot, asJson(eventCallback(homeOpened('home'))));
    const view = bot.fake.callsTo('views.publish')[0]?.args.view as { blocks: Json[] };
    const actions = view.blocks.find((block) => block.type === 'actions') as {
      elements: { action_id: string; value: string }[];
    };
    const [first] = actions.elements;
    expect(first?.action_id).toBe(HOME_ACTION.starter(0));
    await send(bot, asForm(homeClick(first ?? { action_id: '' })));
    const [answer, ...more] = bot.fake.callsTo('chat.postMessage');
    expect(more).toEqual([]);
    expect(answer?.args.channel).toBe('U1');
    const [question] = knowledgeOverview(assistant.passages()).starters;
    expect(JSON.stringify(answer?.args.blocks)).toContain(`*Question:* ${question}`);
    expect(JSON.stringify(answer?.args.blocks)).toContain('https://example.org/');
    // Like every answer, with the way to a person when moderators are set up.
    expect(JSON.stringify(answer?.args.blocks)).toContain(ESCALATION_ACTION.open);
  });

  it('stays valid Block Kit for any starter questions and review dates', () => {
    const question = fc.string({ unit: 'grapheme', maxLength: 400 });
    const noisy = fc.oneof(question, fc.constantFrom('<!channel> @here', '<@U1>', '&<>|*_~`'));
    fc.assert(
      fc.property(fc.array(noisy, { maxLength: 40 }), fc.date(), (starters, date) => {
        const day = Number.isNaN(date.getTime()) ? null : date.toISOString().slice(0, 10);
        const view = renderHome(
          homeView({ starters, lastReviewed: day, oldestReview: day, passages: starters.length }),
        );
        expect(homeViewProblems(view)).toEqual([]);
        expect(LIVE_MENTION.test(JSON.stringify(view))).toBe(false);
      }),
      { numRuns: runs(500) },
    );
  });
});

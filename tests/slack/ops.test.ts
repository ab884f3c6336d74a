import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMetrics, opsRoutes } from '../../adapters/shared/metrics.ts';
import { type Assistant, createAssistant } from '../../src/index.ts';
import { VALID_FIXTURE } from '../helpers/paths.ts';
import { type Bot, startBot } from './harness.ts';
import { asJson, eventCallback, mention, postToApp } from './requests.ts';

// Slack's HTTP mode serves /healthz and /metrics on its own port, beside /slack/events: what a
// load balancer and Prometheus read from each replica.

let assistant: Assistant;
let bot: Bot | undefined;

beforeAll(async () => {
  assistant = await createAssistant({ knowledgeDir: VALID_FIXTURE });
});

afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

async function start(rateLimit = { burst: 100, perMinute: 100 }) {
  const metrics = createMetrics({ surface: 'slack' });
  bot = await startBot({
    assistant,
    rateLimit,
    app: { metrics, opsRoutes: opsRoutes(metrics) },
  });
  const base = bot.eventsUrl.replace('/slack/events', '');
  return { bot, url: (path: string) => `${base}${path}` };
}

/** The value of one sample line in Prometheus text, by its name and labels as printed. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

async function ask(b: Bot, text: string, user = 'U1') {
  const response = await postToApp(b.eventsUrl, asJson(eventCallback(mention(text, { user }))));
  expect(response.status).toBe(200);
}

describe('/healthz and /metrics in Slack HTTP mode', () => {
  it('/healthz answers ok without a signature', async () => {
    const { url } = await start();
    const response = await fetch(url('/healthz'));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('/metrics counts answers by kind, declines by topic, latency and rate-limited messages', async () => {
    const { bot: b, url } = await start({ burst: 3, perMinute: 1 });
    await ask(b, 'Can Americans claim asylum in Germany?');
    await ask(b, 'What is the asylum office address in Mongolia?');
    // A request for a prediction the knowledge has nothing on: kind advice, and a decline.
    await ask(b, 'what are my chances of getting asylum in Japan if I apply?');
    await ask(b, 'Can Americans claim asylum in Canada?');
    const text = await (await fetch(url('/metrics'))).text();
    expect(sample(text, 'asylum_answers_total{kind="answer",surface="slack"}')).toBe(1);
    expect(sample(text, 'asylum_answers_total{kind="abstain",surface="slack"}')).toBe(1);
    expect(sample(text, 'asylum_answers_total{kind="advice",surface="slack"}')).toBe(1);
    expect(sample(text, 'asylum_declines_total{topic="elsewhere",surface="slack"}')).toBe(2);
    expect(sample(text, 'asylum_answer_seconds_count{surface="slack"}')).toBe(3);
    expect(sample(text, 'asylum_rate_limited_total{surface="slack"}')).toBe(1);
    expect(sample(text, 'asylum_errors_total{surface="slack"}')).toBe(0);
    // Numbers only: no question, user or channel.
    expect(text).not.toMatch(/Germany|Mongolia|Japan|U1/);
  });

  it('the ops routes are read-only, and Slack’s path still needs a signature', async () => {
    const { url } = await start();
    expect((await fetch(url('/metrics'), { method: 'POST' })).status).toBe(404);
    expect((await fetch(url('/slack/events'), { method: 'GET' })).status).toBe(404);
    expect((await fetch(url('/nothing'))).status).toBe(404);
  });
});

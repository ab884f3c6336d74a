import { afterEach, describe, expect, it } from 'vitest';
import {
  createMetrics,
  loadOpsConfig,
  type OpsServer,
  opsRoutes,
  startOpsServer,
} from '../../adapters/shared/metrics.ts';
import type { StoreHealth } from '../../adapters/shared/store/index.ts';

let server: OpsServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(health: () => StoreHealth) {
  const metrics = createMetrics({ surface: 'discord', storeHealth: health });
  server = await startOpsServer({
    port: 0,
    host: '127.0.0.1',
    routes: opsRoutes(metrics, health),
  });
  const url = (path: string) => `http://127.0.0.1:${server?.port}${path}`;
  return { metrics, url };
}

/** The value of one sample line in Prometheus text, by its name and labels as printed. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('metrics and health over HTTP', () => {
  it('/metrics is scraped as Prometheus text with what the bot counted', async () => {
    let health: StoreHealth = { backend: 'redis', status: 'ok' };
    const { metrics, url } = await serve(() => health);
    metrics.answered('answer', 0.004);
    metrics.answered('answer', 0.3);
    metrics.answered('abstain', 0.002);
    metrics.declined('canada');
    metrics.declined(undefined);
    metrics.declined('Not A Topic, maybe a question?');
    metrics.failed();
    metrics.rateLimited();
    metrics.rateLimited();

    const response = await fetch(url('/metrics'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    const s = (series: string) => sample(text, series);
    expect(s('asylum_answers_total{kind="answer",surface="discord"}')).toBe(2);
    expect(s('asylum_answers_total{kind="abstain",surface="discord"}')).toBe(1);
    expect(s('asylum_answer_seconds_count{surface="discord"}')).toBe(3);
    expect(s('asylum_answer_seconds_bucket{le="0.005",surface="discord"}')).toBe(2);
    expect(s('asylum_answer_seconds_bucket{le="+Inf",surface="discord"}')).toBe(3);
    expect(s('asylum_declines_total{topic="canada",surface="discord"}')).toBe(1);
    expect(s('asylum_declines_total{topic="none",surface="discord"}')).toBe(1);
    // A label is never free text: whatever is not a topic name is folded into "other".
    expect(s('asylum_declines_total{topic="other",surface="discord"}')).toBe(1);
    expect(text).not.toContain('maybe a question');
    expect(s('asylum_errors_total{surface="discord"}')).toBe(1);
    expect(s('asylum_rate_limited_total{surface="discord"}')).toBe(2);
    expect(s('asylum_state_store_degraded{surface="discord"}')).toBe(0);
    expect(text).toContain('process_cpu_seconds_total');

    health = { backend: 'redis', status: 'degraded' };
    const again = await (await fetch(url('/metrics'))).text();
    expect(sample(again, 'asylum_state_store_degraded{surface="discord"}')).toBe(1);
  });

  it('/healthz says ok, or degraded while the shared store is away (still 200: it answers)', async () => {
    let health: StoreHealth = { backend: 'redis', status: 'ok' };
    const { url } = await serve(() => health);
    const ok = await fetch(url('/healthz'));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ status: 'ok', store: health });
    health = { backend: 'redis', status: 'degraded' };
    expect(await (await fetch(url('/healthz'))).json()).toEqual({
      status: 'degraded',
      store: { backend: 'redis', status: 'degraded' },
    });
  });

  it('anything else is a 404 or a 405 that says what to do', async () => {
    const { url } = await serve(() => ({ backend: 'memory', status: 'ok' }));
    const missing = await fetch(url('/slack/events'));
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('/healthz');
    const posted = await fetch(url('/metrics'), { method: 'POST', body: 'x' });
    expect(posted.status).toBe(405);
    expect(posted.headers.get('allow')).toBe('GET');
  });

  it('METRICS_PORT is read and checked, naming the variable', () => {
    expect(loadOpsConfig({})).toEqual({ port: undefined, host: '0.0.0.0' });
    expect(loadOpsConfig({ METRICS_PORT: '9464', HOST: '127.0.0.1' })).toEqual({
      port: 9464,
      host: '127.0.0.1',
    });
    expect(() => loadOpsConfig({ METRICS_PORT: 'ninety' })).toThrow(/METRICS_PORT: /);
  });
});

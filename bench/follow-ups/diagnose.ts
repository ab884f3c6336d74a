import { readFile } from 'node:fs/promises';
import { DEV_EVAL_FILE, loadEvalSet } from '../../evaluation/load.ts';
import { followUpReading } from '../../scripts/follow-up-reading.ts';
import { FOLLOW_UP_FEATURES, followUpCandidates } from '../../src/conversation/context.ts';
import { followUpModel } from '../../src/conversation/follow-up-model.ts';
import type { LastAnswer } from '../../src/conversation/memory.ts';
import { createAssistant } from '../../src/index.ts';
import { probability } from '../../src/retrieval/model.ts';

/**
 * Where the follow-up reading loses dev turns (tune on dev only): each dev follow-up turn run as
 * the eval runs it, with whether the right passage was among the candidates the model weighed,
 * whether it was one just shown (stay) or not (move), and what the model chose. Also the
 * candidate recall of wider sets (more hits of each search, the shown passages' neighbours in
 * meaning). `--list` prints the turns lost.
 */
const list = process.argv.includes('--list');
const { knowledge, retriever, byId, options } = await followUpReading();
const dev = await loadEvalSet();
const assistant = await createAssistant();
const model = followUpModel(FOLLOW_UP_FEATURES);

const text = await readFile(DEV_EVAL_FILE, 'utf8');
const conversationsText = text.slice(text.indexOf('\nconversations:'));
const heldOutFrom =
  conversationsText.slice(0, conversationsText.indexOf('# Held out')).match(/^ {2}- - q:/gm)
    ?.length ?? 0;

interface Row {
  q: string;
  group: 'trained' | 'held' | 'labelled';
  expect: string[];
  evalRight: boolean;
  got: string;
  inCands: boolean;
  stay: boolean;
  chosenShown: boolean;
  recall: Record<string, boolean>;
  shown: string[];
}
const rows: Row[] = [];
dev.conversations.forEach((turns, c) => {
  const id = `diag-${c}`;
  let last: LastAnswer | undefined;
  const labelled = turns.some((t) => t.subset !== undefined);
  const group = labelled ? 'labelled' : c >= heldOutFrom ? 'held' : 'trained';
  turns.forEach((turn, i) => {
    const before = last;
    const answer = assistant.ask(turn.q, {
      conversationId: id,
      onTurn: (t) => {
        last = t.context;
      },
    });
    if (i === 0 || !('expect' in turn)) return;
    const got = answer.abstained ? '(abstained)' : (answer.citations[0]?.passages[0] ?? '');
    const expect = turn.expect;
    const alone = retriever.search(turn.q);
    const found = before && followUpCandidates(turn.q, before, { ...options, alone });
    const cands = found?.candidates ?? [];
    const best = cands.length
      ? cands.reduce((a, b) =>
          probability(model, b.features) > probability(model, a.features) ? b : a,
        )
      : undefined;
    const shown = before?.passages ?? [];
    const neighbours = (k: number) =>
      shown.length
        ? knowledge.passages
            .map((p) => ({ id: p.id, s: options.related(p.id, shown[0] ?? '') ?? 0 }))
            .filter((p) => !shown.includes(p.id))
            .sort((a, b) => b.s - a.s)
            .slice(0, k)
            .map((p) => p.id)
        : [];
    const has = (ids: readonly string[]) => ids.some((x) => expect.includes(x));
    const context = shown
      .slice(0, 2)
      .map((p) => byId.get(p)?.title ?? '')
      .join(' ');
    const aloneIds = (k: number) => retriever.search(turn.q, { limit: k }).map((h) => h.id);
    const ctxIds = (k: number) => retriever.search(turn.q, { context, limit: k }).map((h) => h.id);
    rows.push({
      q: turn.q,
      group,
      expect,
      evalRight: expect.includes(got),
      got,
      inCands: cands.length ? has(cands.map((x) => x.hit.id)) : expect.includes(alone[0]?.id ?? ''),
      stay: has(shown),
      chosenShown: best ? shown.includes(best.hit.id) : shown.includes(alone[0]?.id ?? ''),
      shown,
      recall: {
        current: cands.length
          ? has(cands.map((x) => x.hit.id))
          : expect.includes(alone[0]?.id ?? ''),
        shown: has(shown),
        alone5: has(aloneIds(5)),
        alone10: has(aloneIds(10)),
        ctx5: has(ctxIds(5)),
        ctx10: has(ctxIds(10)),
        nb5: has(neighbours(5)),
        'cur+shown': has([...cands.map((x) => x.hit.id), ...shown]),
        'cur+shown+nb5': has([...cands.map((x) => x.hit.id), ...shown, ...neighbours(5)]),
        'cur+shown+nb10': has([...cands.map((x) => x.hit.id), ...shown, ...neighbours(10)]),
        'cur+shown+ctx10+alone10': has([
          ...cands.map((x) => x.hit.id),
          ...shown,
          ...ctxIds(10),
          ...aloneIds(10),
        ]),
        'all(nb5,ctx10,alone10)': has([
          ...cands.map((x) => x.hit.id),
          ...shown,
          ...ctxIds(10),
          ...aloneIds(10),
          ...neighbours(5),
        ]),
      },
    });
  });
  assistant.forget(id);
});

const pct = (n: number, d: number) => `${((100 * n) / (d || 1)).toFixed(1)}%`;
for (const group of ['all', 'trained', 'held', 'labelled'] as const) {
  const g = rows.filter((r) => group === 'all' || r.group === group);
  const right = g.filter((r) => r.evalRight).length;
  console.log(`\n${group}: ${g.length} turns, eval right ${pct(right, g.length)}`);
  const keys = Object.keys(g[0]?.recall ?? {});
  console.log(
    `  recall: ${keys.map((k) => `${k} ${pct(g.filter((r) => r.recall[k]).length, g.length)}`).join(', ')}`,
  );
  const stay = g.filter((r) => r.stay);
  const move = g.filter((r) => !r.stay);
  console.log(
    `  stay (expected was shown): ${stay.length}, right ${pct(stay.filter((r) => r.evalRight).length, stay.length)}; lost by moving ${stay.filter((r) => !r.evalRight && !r.chosenShown).length}`,
  );
  console.log(
    `  move: ${move.length}, right ${pct(move.filter((r) => r.evalRight).length, move.length)}; lost by staying ${move.filter((r) => !r.evalRight && r.chosenShown).length}, not a candidate ${move.filter((r) => !r.inCands).length}, wrong other ${move.filter((r) => !r.evalRight && r.inCands && !r.chosenShown).length}`,
  );
}
if (list)
  for (const r of rows.filter((x) => !x.evalRight))
    console.log(
      `[${r.group}${r.stay ? ' stay' : ' move'}${r.inCands ? '' : ' NOCAND'}] ${JSON.stringify(r.q)}\n   shown ${r.shown.join(', ')}\n   expected ${r.expect.join(', ')}; got ${r.got}`,
    );

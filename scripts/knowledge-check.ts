import { BUNDLED_KNOWLEDGE_DIR, formatIssue, KnowledgeError, loadKnowledge } from '../src/index.ts';
import {
  checkKnowledge,
  isSerious,
  WARNING_KINDS,
  type WarningKind,
} from '../src/knowledge/check.ts';

/**
 * `npm run knowledge:check`: validates the knowledge and prints every error, and the warnings
 * grouped by kind with counts. Exits 1 on an error or a serious warning (see WARNING_KINDS).
 */
const dir = process.env.KNOWLEDGE_DIR?.trim() || BUNDLED_KNOWLEDGE_DIR;
const today = new Date().toISOString().slice(0, 10);

try {
  const knowledge = await loadKnowledge(dir);
  const { errors, warnings } = checkKnowledge(knowledge, today);
  // Serious kinds first, so a real problem is never buried under reminders.
  const kinds = (Object.keys(WARNING_KINDS) as WarningKind[]).sort(
    (a, b) => Number(WARNING_KINDS[b].serious) - Number(WARNING_KINDS[a].serious),
  );
  for (const kind of kinds) {
    const group = warnings.filter((warning) => warning.kind === kind);
    if (group.length === 0) continue;
    const { serious, advice } = WARNING_KINDS[kind];
    console.log(`\n${serious ? 'serious' : 'warning'}: ${kind} (${group.length}): ${advice}`);
    for (const issue of group) console.log(`  ${formatIssue(issue, dir)}`);
  }
  if (errors.length) console.log('');
  for (const issue of errors) console.log(`error:   ${formatIssue(issue, dir)}`);

  const serious = warnings.filter(isSerious).length;
  const counts = kinds.map((kind) => `${kind} ${warnings.filter((w) => w.kind === kind).length}`);
  const topics = new Set(knowledge.passages.map((p) => p.topic)).size;
  console.log(`\nwarnings by kind: ${counts.join(', ')}`);
  console.log(
    `${knowledge.passages.length} passages in ${topics} topics; ${errors.length} errors, ${warnings.length} warnings (${serious} serious).`,
  );
  process.exitCode = errors.length || serious ? 1 : 0;
} catch (error) {
  if (!(error instanceof KnowledgeError)) throw error;
  console.log(error.message);
  process.exitCode = 1;
}

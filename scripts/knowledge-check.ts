import { BUNDLED_KNOWLEDGE_DIR, formatIssue, KnowledgeError, loadKnowledge } from '../src/index.ts';
import { checkKnowledge } from '../src/knowledge/check.ts';

/** `npm run knowledge:check`: validates the knowledge and prints every error and warning. */
const dir = process.env.KNOWLEDGE_DIR?.trim() || BUNDLED_KNOWLEDGE_DIR;
const today = new Date().toISOString().slice(0, 10);

try {
  const knowledge = await loadKnowledge(dir);
  const { errors, warnings } = checkKnowledge(knowledge, today);
  for (const issue of warnings) console.log(`warning: ${formatIssue(issue, dir)}`);
  for (const issue of errors) console.log(`error:   ${formatIssue(issue, dir)}`);
  const topics = new Set(knowledge.passages.map((p) => p.topic)).size;
  console.log(
    `${knowledge.passages.length} passages in ${topics} topics; ${errors.length} errors, ${warnings.length} warnings.`,
  );
  process.exitCode = errors.length ? 1 : 0;
} catch (error) {
  if (!(error instanceof KnowledgeError)) throw error;
  console.log(error.message);
  process.exitCode = 1;
}

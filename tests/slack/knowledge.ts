import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { VALID_FIXTURE } from '../helpers/paths.ts';

export const LONG_QUESTION = 'How does the Ruritanian refugee procedure work?';

/**
 * The valid fixture knowledge plus one passage whose answer is over 10,000 characters and whose
 * body and source try to ping everyone: for the splitting and escaping of real answers.
 */
export function knowledgeWithLongPassage(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'slack-knowledge-'));
  cpSync(VALID_FIXTURE, dir, { recursive: true });
  mkdirSync(path.join(dir, 'long'));
  const rules = Array.from(
    { length: 60 },
    (_, i) =>
      `Rule ${i + 1} of the Ruritanian refugee procedure says that every applicant & every family member (<!channel>) must file form R-${i + 1} within ${i + 10} days of arriving.`,
  );
  writeFileSync(
    path.join(dir, 'long/ruritania.md'),
    `---
id: ruritania
title: "${LONG_QUESTION}"
questions:
  - "What are the rules for refugee claims in Ruritania?"
  - "Which forms does Ruritania require from refugee applicants?"
topic: long
jurisdiction: general
sources:
  - title: Ruritanian <!here> procedure guide
    publisher: Ministry of <@U999> Ruritania
    url: https://example.org/ruritania?a=1&b=2
    published: 2025-06
reviewed: 2026-01-10
reviewBy: 2027-01-10
---
${rules.slice(0, 30).join(' ')}

${rules.slice(30).join(' ')}
`,
  );
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

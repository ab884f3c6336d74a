/** One problem found in the knowledge folder, named by file and field so an editor can fix it. */
export interface KnowledgeIssue {
  /** Path of the file, relative to the folder that was loaded. */
  file: string;
  /** Dotted path of the field (`sources.0.url`), or `body`, or `file` for whole-file problems. */
  field: string;
  message: string;
}

export function formatIssue(issue: KnowledgeIssue, root = ''): string {
  const file = root ? `${root.replace(/\/$/, '')}/${issue.file}` : issue.file;
  return `${file} → ${issue.field}: ${issue.message}`;
}

/**
 * The knowledge folder is invalid. Carries every issue at once, so an editor fixes them in one
 * pass instead of one restart per mistake.
 */
export class KnowledgeError extends Error {
  readonly issues: readonly KnowledgeIssue[];
  readonly dir: string;

  constructor(dir: string, issues: readonly KnowledgeIssue[]) {
    const lines = issues.map((issue) => `  ${formatIssue(issue, dir)}`);
    super(
      `The knowledge in ${dir} is invalid (${issues.length} problem${issues.length === 1 ? '' : 's'}); fix these and start again:\n${lines.join('\n')}`,
    );
    this.name = 'KnowledgeError';
    this.issues = issues;
    this.dir = dir;
  }
}

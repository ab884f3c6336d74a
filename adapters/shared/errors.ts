/**
 * What may be logged about an error: its type, message, code and stack, never the payload or
 * request it carried (those hold questions, and in Discord's case an interaction token). Messages
 * are cut, as a platform error may quote part of what was sent.
 */
export function errorForLog(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error };
  const { code, status } = error as { code?: unknown; status?: unknown };
  return {
    type: error.name,
    message: error.message.slice(0, 300),
    code,
    status,
    // Frames only: the stack's first line repeats the message, uncut.
    stack: error.stack
      ?.split('\n')
      .filter((line) => /^\s+at /.test(line))
      .join('\n'),
  };
}

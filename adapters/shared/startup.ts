import { existsSync } from 'node:fs';
import {
  type Assistant,
  type AssistantOptions,
  createAssistant,
  KnowledgeError,
} from '../../src/index.ts';

/**
 * Loads `.env` from the working directory when there is one, without overriding variables that
 * are already set (Node's own loader, so no dependency).
 */
export function loadDotEnv(file = '.env'): void {
  if (existsSync(file)) process.loadEnvFile(file);
}

/**
 * Creates the assistant on `KNOWLEDGE_DIR` (default: the bundled knowledge). Invalid knowledge
 * prints every problem, file and field, and exits with code 1: the bot never starts half-loaded.
 */
export async function startAssistant(
  env: NodeJS.ProcessEnv = process.env,
  options: AssistantOptions = {},
): Promise<Assistant> {
  try {
    const knowledgeDir = env.KNOWLEDGE_DIR?.trim() || undefined;
    return await createAssistant({ ...options, knowledgeDir });
  } catch (error) {
    if (error instanceof KnowledgeError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

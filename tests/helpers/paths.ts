import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const VALID_FIXTURE = path.join(ROOT, 'tests/fixtures/knowledge/valid');
export const INVALID_FIXTURE = path.join(ROOT, 'tests/fixtures/knowledge/invalid');

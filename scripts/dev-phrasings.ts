import { readFile } from 'node:fs/promises';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { devPhrasingFiles } from '../evaluation/dev-phrasings.ts';
import { DEV_EVAL_FILE, loadEvalSet } from '../evaluation/load.ts';
import { BUNDLED_KNOWLEDGE_DIR } from '../src/index.ts';
import { PHRASINGS_DIR } from '../src/knowledge/phrasings.ts';

/**
 * `npm run train:dev-phrasings`: the dev split's labelled questions before its "Held out from
 * training" comment become training phrasings of the bundled knowledge
 * (knowledge/phrasings/dev-questions.yaml and declines-dev.yaml). Run `npm run train` after it.
 *
 * Why (session 28): the phrasings written from the passages teach the scorer how the knowledge's
 * own words are asked; the dev blocks were written as strangers ask, blind to the passages'
 * titles and listed questions, and as training data they carried to a block written after them
 * where phrasings written by helpers from the bodies did not (README, session 28).
 */
const [text, set] = await Promise.all([readFile(DEV_EVAL_FILE, 'utf8'), loadEvalSet()]);
const files = devPhrasingFiles(text, set);
const dir = path.join(BUNDLED_KNOWLEDGE_DIR, PHRASINGS_DIR);
await writeFileAtomic(path.join(dir, 'dev-questions.yaml'), files.questions);
await writeFileAtomic(path.join(dir, 'declines-dev.yaml'), files.declines);
console.log(`Wrote ${dir}/dev-questions.yaml and declines-dev.yaml. Now run \`npm run train\`.`);

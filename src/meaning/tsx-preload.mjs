// Loads the encoder's worker thread from TypeScript sources (under tsx or vitest): registers tsx's
// loader in that thread, which `--import tsx` does not do on Node 20 (see connection.ts). A built
// bot runs worker.js and never loads this file.
import { register } from 'tsx/esm/api';

register();

import { loadDotEnv, startAssistant } from '../shared/startup.ts';
import { createRepl } from './repl.ts';

loadDotEnv();
const assistant = await startAssistant();
await createRepl({ assistant, input: process.stdin, output: process.stdout });

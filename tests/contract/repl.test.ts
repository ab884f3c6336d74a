import { surfaceContract } from './contract.ts';
import { replDriver } from './repl-driver.ts';

surfaceContract(replDriver);

import { surfaceContract } from './contract.ts';
import { discordDriver } from './discord-driver.ts';
import { escalationContract } from './escalation-contract.ts';

surfaceContract(discordDriver);
escalationContract(discordDriver);

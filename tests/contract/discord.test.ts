import { surfaceContract } from './contract.ts';
import { discordDriver } from './discord-driver.ts';

surfaceContract(discordDriver);

import { autoAnswerContract } from './auto-answer.ts';
import { discordAutoDriver } from './discord-auto-driver.ts';

autoAnswerContract(discordAutoDriver);

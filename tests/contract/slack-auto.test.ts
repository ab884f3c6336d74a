import { autoAnswerContract } from './auto-answer.ts';
import { slackAutoDriver } from './slack-auto-driver.ts';

autoAnswerContract(slackAutoDriver);

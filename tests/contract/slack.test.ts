import { surfaceContract } from './contract.ts';
import { slackDriver } from './slack-driver.ts';

surfaceContract(() => slackDriver('http'));
surfaceContract(() => slackDriver('socket'));

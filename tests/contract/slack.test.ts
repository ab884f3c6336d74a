import { surfaceContract } from './contract.ts';
import { escalationContract } from './escalation-contract.ts';
import { slackDriver } from './slack-driver.ts';

surfaceContract(() => slackDriver('http'));
surfaceContract(() => slackDriver('socket'));
escalationContract(() => slackDriver('socket'));

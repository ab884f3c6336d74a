import { createHmac } from 'node:crypto';
import { BOT_USER_ID, TEAM_ID } from './fake-slack.ts';

/**
 * What Slack sends to an app: slash commands, Events API callbacks and button clicks, built as
 * Slack builds them, and signed as Slack signs them.
 */

type Json = Record<string, unknown>;

export const SIGNING_SECRET = 'test-signing-secret';

let sequence = 0;
/** A fresh message timestamp, as Slack writes them. */
export function nextTs(): string {
  sequence += 1;
  return `1710000000.${String(sequence).padStart(6, '0')}`;
}

export interface SlackRequest {
  body: string;
  contentType: string;
}

export function slashCommand(fields: {
  text: string;
  responseUrl: string;
  user?: string;
  channel?: string;
}): SlackRequest & { payload: Json } {
  const payload = {
    token: 'legacy-verification-token',
    team_id: TEAM_ID,
    team_domain: 'example',
    channel_id: fields.channel ?? 'C1',
    channel_name: 'general',
    user_id: fields.user ?? 'U1',
    user_name: 'asker',
    command: '/asylum',
    text: fields.text,
    api_app_id: 'A1',
    response_url: fields.responseUrl,
    trigger_id: `trigger-${nextTs()}`,
  };
  return {
    payload,
    body: new URLSearchParams(payload).toString(),
    contentType: 'application/x-www-form-urlencoded',
  };
}

export function eventCallback(event: Json, eventId = `Ev${nextTs().replace('.', '')}`): Json {
  return {
    token: 'legacy-verification-token',
    team_id: TEAM_ID,
    api_app_id: 'A1',
    type: 'event_callback',
    event_id: eventId,
    event_time: 1_710_000_000,
    event,
    authorizations: [{ team_id: TEAM_ID, user_id: BOT_USER_ID, is_bot: true }],
  };
}

export function mention(text: string, fields: Json = {}): Json {
  const ts = nextTs();
  return {
    type: 'app_mention',
    user: 'U1',
    text: `<@${BOT_USER_ID}> ${text}`,
    ts,
    event_ts: ts,
    channel: 'C1',
    ...fields,
  };
}

export function message(text: string, fields: Json = {}): Json {
  const ts = nextTs();
  return {
    type: 'message',
    user: 'U1',
    text,
    ts,
    event_ts: ts,
    channel: 'D1',
    channel_type: 'im',
    ...fields,
  };
}

export function asJson(payload: Json): SlackRequest {
  return { body: JSON.stringify(payload), contentType: 'application/json' };
}

type Button = { action_id: string; value?: string; text: { text: string } };

/** The button with this action id in a message the app posted. */
export function findButton(posted: Json, actionId: string | RegExp): Button {
  const blocks = (posted.blocks ?? []) as { type: string; elements?: Button[] }[];
  const button = blocks
    .filter((block) => block.type === 'actions')
    .flatMap((block) => block.elements ?? [])
    .find((element) =>
      typeof actionId === 'string'
        ? element.action_id === actionId
        : actionId.test(element.action_id),
    );
  if (!button) throw new Error(`no button ${String(actionId)} in ${JSON.stringify(posted)}`);
  return button;
}

/** Someone clicks a button of a message the app posted (`where` says which message that was). */
export function blockAction(
  button: Button,
  where: {
    responseUrl: string;
    channel?: string;
    user?: string;
    /** The posted message, for a message in a channel; absent for a private (ephemeral) one. */
    message?: { ts: string; thread_ts?: string };
  },
): Json {
  const channel = where.channel ?? 'C1';
  const messageTs = where.message?.ts ?? nextTs();
  return {
    type: 'block_actions',
    user: { id: where.user ?? 'U1', username: 'asker', team_id: TEAM_ID },
    api_app_id: 'A1',
    token: 'legacy-verification-token',
    container: {
      type: 'message',
      message_ts: messageTs,
      channel_id: channel,
      is_ephemeral: !where.message,
      ...(where.message?.thread_ts ? { thread_ts: where.message.thread_ts } : {}),
    },
    trigger_id: `trigger-${nextTs()}`,
    team: { id: TEAM_ID, domain: 'example' },
    channel: { id: channel, name: 'general' },
    ...(where.message
      ? { message: { type: 'message', user: BOT_USER_ID, text: '', ...where.message } }
      : {}),
    response_url: where.responseUrl,
    actions: [
      {
        type: 'button',
        block_id: 'asylum_actions',
        action_id: button.action_id,
        value: button.value,
        text: { type: 'plain_text', text: button.text.text },
        action_ts: nextTs(),
      },
    ],
  };
}

export function asForm(payload: Json): SlackRequest {
  return {
    body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
    contentType: 'application/x-www-form-urlencoded',
  };
}

export function signature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface PostOptions {
  /** Sign with this secret (default the test secret); null sends no signature headers. */
  secret?: string | null;
  /** Seconds since the epoch written in the request (default now). */
  timestamp?: number;
  headers?: Record<string, string>;
}

/** POSTs a request to the app's `/slack/events`, signed like Slack does. */
export async function postToApp(
  url: string,
  request: SlackRequest,
  options: PostOptions = {},
): Promise<{ status: number; body: string }> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const secret = options.secret === undefined ? SIGNING_SECRET : options.secret;
  const headers: Record<string, string> = {
    'content-type': request.contentType,
    ...(secret === null
      ? {}
      : {
          'x-slack-request-timestamp': String(timestamp),
          'x-slack-signature': signature(secret, timestamp, request.body),
        }),
    ...options.headers,
  };
  const response = await fetch(url, {
    method: 'POST',
    headers,
    body: request.body,
    signal: AbortSignal.timeout(5000),
  });
  return { status: response.status, body: await response.text() };
}

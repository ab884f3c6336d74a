import {
  APP_ID,
  BOT_USER,
  CHANNEL_ID,
  DM_CHANNEL_ID,
  type FakeDiscord,
  GUILD_ID,
} from './fake-discord.ts';

/** Gateway payloads as Discord sends them, for the events the bot handles. */

export const ASKER = {
  id: '500000000000000005',
  username: 'asker',
  discriminator: '0',
  global_name: 'Asker',
  avatar: null,
};

export const OTHER_USER = { ...ASKER, id: '500000000000000006', username: 'other' };

export const member = (user: typeof ASKER) => ({
  user,
  roles: [],
  joined_at: '2025-01-01T00:00:00.000Z',
  deaf: false,
  mute: false,
  flags: 0,
  permissions: '1071698660929',
});

function interactionBase(fake: FakeDiscord, user = ASKER) {
  const id = fake.nextId();
  return {
    id,
    application_id: APP_ID,
    token: `interaction-token-${id}`,
    version: 1,
    guild_id: GUILD_ID,
    channel_id: CHANNEL_ID,
    channel: { id: CHANNEL_ID, type: 0, guild_id: GUILD_ID },
    member: member(user),
    app_permissions: '1071698660929',
    locale: 'en-US',
    guild_locale: 'en-US',
    entitlements: [],
    authorizing_integration_owners: { '0': GUILD_ID },
    context: 0,
  };
}

/** `/asylum question:<question> [private:<bool>]`. */
export function slashCommand(
  fake: FakeDiscord,
  question: string,
  options: { public?: boolean; private?: boolean; user?: typeof ASKER } = {},
) {
  const values: object[] = [{ name: 'question', type: 3, value: question }];
  if (options.public !== undefined) values.push({ name: 'public', type: 5, value: options.public });
  // The option of the first registration, still sent by servers that have not re-registered.
  if (options.private !== undefined)
    values.push({ name: 'private', type: 5, value: options.private });
  return {
    ...interactionBase(fake, options.user),
    type: 2,
    data: { id: '600000000000000001', name: 'asylum', type: 1, options: values },
  };
}

/** Someone typing `typed` into the question option. */
export function autocomplete(fake: FakeDiscord, typed: string) {
  return {
    ...interactionBase(fake),
    type: 4,
    data: {
      id: '600000000000000001',
      name: 'asylum',
      type: 1,
      options: [{ name: 'question', type: 3, value: typed, focused: true }],
    },
  };
}

/** A click on a button of `message` (a message body the bot sent, as the fake recorded it). */
export function buttonClick(
  fake: FakeDiscord,
  customId: string,
  // biome-ignore lint/suspicious/noExplicitAny: a recorded message body
  message: any,
  user = ASKER,
) {
  return {
    ...interactionBase(fake, user),
    type: 3,
    data: { custom_id: customId, component_type: 2 },
    message: {
      id: fake.nextId(),
      channel_id: CHANNEL_ID,
      author: BOT_USER,
      content: '',
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: message.embeds ?? [],
      components: message.components ?? [],
      pinned: false,
      type: 20,
      flags: message.flags ?? 0,
    },
  };
}

/** A MESSAGE_CREATE payload by ASKER; `extra` sets the place, the author and the rest. */
export function message(fake: FakeDiscord, content: string, extra: object) {
  return {
    id: fake.nextId(),
    author: ASKER,
    content,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: [],
    components: [],
    pinned: false,
    type: 0,
    flags: 0,
    ...extra,
  };
}

/** `@bot <text>` in the server channel; `replyTo` makes it a reply to that message. */
export function mention(fake: FakeDiscord, text: string, replyTo?: string) {
  return message(fake, `<@${BOT_USER.id}> ${text}`, {
    channel_id: CHANNEL_ID,
    guild_id: GUILD_ID,
    member: member(ASKER),
    mentions: [BOT_USER],
    ...(replyTo && {
      type: 19,
      message_reference: { message_id: replyTo, channel_id: CHANNEL_ID, guild_id: GUILD_ID },
    }),
  });
}

/** A message in the server channel that does not mention the bot. */
export function chatter(fake: FakeDiscord, text: string) {
  return message(fake, text, { channel_id: CHANNEL_ID, guild_id: GUILD_ID, member: member(ASKER) });
}

/** A direct message to the bot. */
export function directMessage(fake: FakeDiscord, text: string) {
  return message(fake, text, { channel_id: DM_CHANNEL_ID, channel_type: 1 });
}

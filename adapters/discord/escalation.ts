import {
  type APIButtonComponentWithCustomId,
  ApplicationIntegrationType,
  type ButtonInteraction,
  ButtonStyle,
  type ChatInputCommandInteraction,
  type Client,
  ComponentType,
  InteractionContextType,
  type Message,
  MessageFlags,
  Routes,
  SlashCommandBuilder,
} from 'discord.js';
import type { Reply } from '../shared/conversation-service.ts';
import {
  type EscalationDesk,
  type EscalationPlace,
  type EscalationPrompt,
  type ModeratorNotice,
  ESCALATION_WORDING as SAY,
} from '../shared/escalation.ts';
import { cleanQuestion } from './clean.ts';
import { type ButtonRow, type DiscordMessage, LIMITS, noMentions, truncate } from './render.ts';

export const HELP_COMMAND_NAME = 'asylum-help';
const HELP_QUESTION_OPTION = 'question';

/**
 * `/asylum-help [question]`: asks for a moderator. The question is optional and, like every
 * question, reaches the moderators only if the person chooses to include it.
 */
export const asylumHelpCommand = new SlashCommandBuilder()
  .setName(HELP_COMMAND_NAME)
  .setDescription('Ask a moderator (a person) for help; nothing is sent until you confirm.')
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
  .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
  .addStringOption((option) =>
    option
      .setName(HELP_QUESTION_OPTION)
      .setDescription('Optional: your question; shared only if you choose to include it')
      .setMaxLength(500),
  );

type EscalationButton =
  | { type: 'open'; key: string }
  | { type: 'send' | 'sendq' | 'cancel'; id: string };

// Its own prefix, so these ids never collide with the answer buttons' `asylum:` ids.
const ID = /^asylum-help:(open|send|sendq|cancel):([\w-]{1,32})$/;

export const escalationButtonId = (type: EscalationButton['type'], value: string): string =>
  `asylum-help:${type}:${value}`;

/** Reads one of the escalation buttons' ids; undefined for any other button. */
export function parseEscalationButton(customId: string): EscalationButton | undefined {
  const match = ID.exec(customId);
  if (!match) return undefined;
  const [, type, value = ''] = match;
  return type === 'open'
    ? { type, key: value }
    : { type: type as 'send' | 'sendq' | 'cancel', id: value };
}

function button(
  customId: string,
  label: string,
  style: ButtonStyle.Primary | ButtonStyle.Secondary = ButtonStyle.Secondary,
): APIButtonComponentWithCustomId {
  return {
    type: ComponentType.Button,
    style,
    label: truncate(label, LIMITS.buttonLabel),
    custom_id: customId,
  };
}

/** The "Talk to a person" button of the answer stored under `key`, in a row of its own. */
export function escalationRow(key: string): ButtonRow {
  return {
    type: ComponentType.ActionRow,
    components: [{ ...button(escalationButtonId('open', key), SAY.button), emoji: { name: '🙋' } }],
  };
}

/**
 * Adds the button under the last message of an answer (every kind, declines and crisis answers
 * too, after everything else) when a moderators' channel is set.
 */
export function withEscalationRow(
  messages: DiscordMessage[],
  reply: Reply,
  configured: boolean,
): DiscordMessage[] {
  const last = messages.at(-1);
  if (!configured || reply.type !== 'answer' || !last) return messages;
  if (last.components.length >= LIMITS.actionRows) return messages;
  return [
    ...messages.slice(0, -1),
    { ...last, components: [...last.components, escalationRow(reply.key)] },
  ];
}

/** The confirmation the person sees, or the notice that replaces it. */
export function renderPrompt(prompt: EscalationPrompt): DiscordMessage {
  const base = { embeds: [], allowedMentions: noMentions() };
  if (prompt.type === 'notice') {
    return { ...base, content: truncate(prompt.text, LIMITS.content), components: [] };
  }
  const components = [button(escalationButtonId('send', prompt.id), SAY.send, ButtonStyle.Primary)];
  if (prompt.canIncludeQuestion) {
    components.push(button(escalationButtonId('sendq', prompt.id), SAY.sendWithQuestion));
  }
  components.push(button(escalationButtonId('cancel', prompt.id), SAY.cancel));
  return {
    ...base,
    content: truncate(prompt.text, LIMITS.content),
    components: [{ type: ComponentType.ActionRow, components }],
  };
}

/** The REST body of the moderators' notice: it may ping `role` and nobody else. */
export function renderModeratorNotice(notice: ModeratorNotice, role?: string) {
  const where =
    notice.place.kind === 'dm'
      ? SAY.directMessage
      : notice.place.kind === 'message'
        ? `[${SAY.openConversation}](${notice.place.url})`
        : `${SAY.privateAnswer}: [${SAY.openChannel}](${notice.place.url})`;
  return {
    content: `${role ? `<@&${role}> ` : ''}${SAY.noticeHeading}`,
    embeds: [
      {
        color: 0xe09f3e,
        fields: [
          // Shown as a mention, never pinging: allowed_mentions lists the role alone.
          { name: SAY.from, value: `<@${notice.userId}>` },
          { name: SAY.where, value: truncate(where, LIMITS.fieldValue) },
          {
            name: SAY.question,
            value: notice.question
              ? truncate(notice.question, LIMITS.fieldValue)
              : `*${SAY.notIncluded}*`,
          },
        ],
        footer: { text: SAY.guidance },
      },
    ],
    allowed_mentions: { parse: [], roles: role ? [role] : [] },
  };
}

const channelUrl = (guild: string, channel: string) =>
  `https://discord.com/channels/${guild}/${channel}`;

function placeOf(
  guildId: string | null,
  channelId: string | null,
  messageId?: string,
): EscalationPlace {
  if (!guildId || !channelId) return { kind: 'dm' };
  return messageId
    ? { kind: 'message', url: `${channelUrl(guildId, channelId)}/${messageId}` }
    : { kind: 'channel', url: channelUrl(guildId, channelId) };
}

/**
 * `/asylum-help`, "help me" mentions and the escalation buttons → the shared escalation desk.
 * Prompts and outcomes are private (ephemeral); a prompt answering a mention is a reply whose
 * buttons only its asker can use.
 */
export function createEscalationHandlers(
  desk: EscalationDesk,
  client: Client,
  settings: { channel: string; role?: string } | undefined,
) {
  const post = (notice: ModeratorNotice) => {
    if (!settings) throw new Error('no moderators channel is configured');
    return client.rest.post(Routes.channelMessages(settings.channel), {
      body: renderModeratorNotice(notice, settings.role),
    });
  };

  return {
    async command(interaction: ChatInputCommandInteraction): Promise<void> {
      const prompt = await desk.open({
        userId: interaction.user.id,
        userName: interaction.user.username,
        question: cleanQuestion(interaction.options.getString(HELP_QUESTION_OPTION) ?? ''),
        place: placeOf(interaction.guildId, interaction.channelId),
      });
      await interaction.reply({ ...renderPrompt(prompt), flags: MessageFlags.Ephemeral });
    },

    /** Handles an escalation button; false for any other button. */
    async button(interaction: ButtonInteraction): Promise<boolean> {
      const action = parseEscalationButton(interaction.customId);
      if (!action) return false;
      const userId = interaction.user.id;
      if (action.type === 'open') {
        const ephemeral = interaction.message.flags.has(MessageFlags.Ephemeral);
        const prompt = await desk.open({
          userId,
          userName: interaction.user.username,
          answerKey: action.key,
          place: placeOf(
            interaction.guildId,
            interaction.channelId,
            ephemeral ? undefined : interaction.message.id,
          ),
        });
        await interaction.reply({ ...renderPrompt(prompt), flags: MessageFlags.Ephemeral });
        return true;
      }
      const text =
        action.type === 'cancel'
          ? desk.cancel({ id: action.id, userId })
          : await desk.confirm({
              id: action.id,
              userId,
              includeQuestion: action.type === 'sendq',
              post,
            });
      const outcome = renderPrompt({ type: 'notice', text });
      // A private prompt is replaced by its outcome; a public one (after a mention) stays, and
      // the outcome goes to the person alone.
      if (interaction.message.flags.has(MessageFlags.Ephemeral)) await interaction.update(outcome);
      else await interaction.reply({ ...outcome, flags: MessageFlags.Ephemeral });
      return true;
    },

    /** A mention asking for a person: false when no moderators are set up (answer it as usual). */
    async mention(message: Message): Promise<boolean> {
      if (!desk.configured) return false;
      const prompt = await desk.open({
        userId: message.author.id,
        userName: message.author.username,
        place: placeOf(message.guildId, message.channelId, message.id),
      });
      await message.reply(renderPrompt(prompt));
      return true;
    },
  };
}

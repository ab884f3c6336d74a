import {
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Message,
  MessageFlags,
  type RepliableInteraction,
} from 'discord.js';
import type { ConversationService, Reply, Send } from '../shared/conversation-service.ts';
import { parseButtonId } from './buttons.ts';
import { cleanQuestion } from './clean.ts';
import { LEGACY_PRIVATE_OPTION, PUBLIC_OPTION, QUESTION_OPTION } from './command.ts';
import { type DiscordMessage, LIMITS, renderReply, truncate } from './render.ts';

/** What autocomplete needs from the core. */
export interface Suggester {
  suggest(typed: string, limit?: number): string[];
}

/**
 * Discord's inputs → the conversation service. Discord's own parts only: where a reply goes
 * (an interaction response, ephemeral or not; a reply to a message) and which conversation a
 * reply to one of the bot's messages continues.
 */
export function createHandlers(
  service: ConversationService,
  core: Suggester,
  render: (reply: Reply) => DiscordMessage[] = renderReply,
) {
  /** Answers in a message that others can reply to: remember which conversation they continue. */
  const remember = async (sent: readonly Message[], reply: Reply) => {
    if (reply.type !== 'answer') return;
    for (const message of sent) await service.continueIn(message.id, reply.conversationId);
  };

  /**
   * Responds to an interaction: answers as asked (ephemeral or not), notices always privately. The
   * first message is the interaction's response (or the edit of its "thinking…"), the rest follow.
   */
  const toInteraction =
    (interaction: RepliableInteraction, ephemeral: boolean): Send =>
    async (reply) => {
      const secret = ephemeral || reply.type === 'notice';
      const flags = secret ? MessageFlags.Ephemeral : undefined;
      const [first, ...rest] = render(reply);
      if (!first) return;
      const sent: Message[] = [];
      if (interaction.deferred && !interaction.replied) {
        sent.push(await interaction.editReply(first));
      } else if (interaction.replied) {
        sent.push(await interaction.followUp({ ...first, flags }));
      } else {
        const response = await interaction.reply({ ...first, flags, withResponse: true });
        if (response.resource?.message) sent.push(response.resource.message);
      }
      for (const message of rest) sent.push(await interaction.followUp({ ...message, flags }));
      // Nobody can reply to an ephemeral message.
      if (!secret) await remember(sent, reply);
    };

  const toMessage =
    (message: Message): Send =>
    async (reply) => {
      const sent: Message[] = [];
      for (const [index, payload] of render(reply).entries()) {
        sent.push(
          index > 0 && message.channel.isSendable()
            ? await message.channel.send(payload)
            : await message.reply(payload),
        );
      }
      await remember(sent, reply);
    };

  return {
    /** `/asylum`: private by default, each one a new conversation. */
    command(interaction: ChatInputCommandInteraction) {
      const visible =
        interaction.options.getBoolean(PUBLIC_OPTION) ??
        interaction.options.getBoolean(LEGACY_PRIVATE_OPTION) === false;
      return service.ask({
        via: 'slash',
        userId: interaction.user.id,
        text: cleanQuestion(interaction.options.getString(QUESTION_OPTION, true)),
        conversationId: service.newConversation(),
        private: !visible,
        send: toInteraction(interaction, !visible),
        onSlow: () =>
          interaction.deferReply({ flags: visible ? undefined : MessageFlags.Ephemeral }),
      });
    },

    /** Curated questions matching what has been typed so far; not rate limited, as it is cheap. */
    autocomplete(interaction: AutocompleteInteraction) {
      return service.run('autocomplete', async () => {
        const typed = cleanQuestion(interaction.options.getFocused());
        const choices = core
          .suggest(typed, LIMITS.choices)
          .slice(0, LIMITS.choices)
          .map((question) => truncate(question.trim(), LIMITS.choiceName))
          .filter(Boolean)
          .map((question) => ({ name: question, value: question }));
        await interaction.respond(choices);
      });
    },

    /** A follow-up question, a 👍/👎, "Share in channel" or "More" under an answer. */
    button(interaction: ButtonInteraction) {
      const action = parseButtonId(interaction.customId);
      if (!action) return Promise.resolve();
      const ephemeral = interaction.message.flags.has(MessageFlags.Ephemeral);
      const userId = interaction.user.id;
      if (action.type === 'vote') {
        const send = toInteraction(interaction, true);
        return service.vote({ key: action.key, vote: action.vote, userId, send });
      }
      if (action.type === 'more') {
        // The passages in full, to the clicker alone, under a public answer too.
        return service.more({ key: action.key, send: toInteraction(interaction, true) });
      }
      if (action.type === 'share') {
        return service.share({
          key: action.key,
          send: toInteraction(interaction, true),
          publish: toInteraction(interaction, false),
        });
      }
      return service.followUp({
        key: action.key,
        index: action.index,
        userId,
        private: ephemeral,
        send: toInteraction(interaction, ephemeral),
        onSlow: () =>
          interaction.deferReply({ flags: ephemeral ? MessageFlags.Ephemeral : undefined }),
      });
    },

    /** A mention or a DM; a reply to one of the bot's answers continues its conversation. */
    async message(message: Message) {
      const repliedTo = message.reference?.messageId;
      const continued = repliedTo ? await service.conversationAt(repliedTo) : undefined;
      return service.ask({
        via: message.inGuild() ? 'mention' : 'dm',
        userId: message.author.id,
        text: cleanQuestion(message.content),
        conversationId: continued ?? service.newConversation(),
        send: toMessage(message),
      });
    },
  };
}

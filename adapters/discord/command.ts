import {
  ApplicationIntegrationType,
  InteractionContextType,
  SlashCommandBuilder,
} from 'discord.js';

export const COMMAND_NAME = 'asylum';
export const QUESTION_OPTION = 'question';
export const PRIVATE_OPTION = 'private';

/**
 * `/asylum question:<text> [private:<bool>]`. One definition for the bot, which routes on these
 * names, and for `npm run discord:register`, which sends it to Discord.
 */
export const asylumCommand = new SlashCommandBuilder()
  .setName(COMMAND_NAME)
  .setDescription('Ask about seeking asylum or moving abroad as an American; answers cite sources.')
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
  .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
  .addStringOption((option) =>
    option
      .setName(QUESTION_OPTION)
      .setDescription('Your question, for example: Can Americans claim asylum in Canada?')
      .setRequired(true)
      .setAutocomplete(true)
      // Questions are short; the core refuses very long ones anyway.
      .setMaxLength(500),
  )
  .addBooleanOption((option) =>
    option
      .setName(PRIVATE_OPTION)
      .setDescription('Only you see the answer (default: everyone in the channel)'),
  );

import {
  ApplicationIntegrationType,
  InteractionContextType,
  SlashCommandBuilder,
} from 'discord.js';

export const COMMAND_NAME = 'asylum';
export const QUESTION_OPTION = 'question';
export const PUBLIC_OPTION = 'public';
/**
 * The option of the first registration (`private:true` for a private answer). Servers that have
 * not re-registered still send it; `private:false` there means what `public:true` means now.
 */
export const LEGACY_PRIVATE_OPTION = 'private';

/**
 * `/asylum question:<text> [public:<bool>]`. Answers are private (only the asker sees them, with a
 * "Share in channel" button) unless `public:true`. One definition for the bot, which routes on
 * these names, and for `npm run discord:register`, which sends it to Discord.
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
      .setName(PUBLIC_OPTION)
      .setDescription('Show the answer to everyone in the channel (default: only you see it)'),
  );

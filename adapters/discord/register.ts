import { REST, Routes } from 'discord.js';
import { exitOnConfigError } from '../shared/config.ts';
import { loadDotEnv } from '../shared/startup.ts';
import { asylumCommand } from './command.ts';
import { loadDiscordConfig } from './config.ts';
import { asylumHelpCommand } from './escalation.ts';

/**
 * `npm run discord:register`: sends the /asylum definition to Discord. Run it once per change of
 * the command, never at start-up. With DISCORD_GUILD_ID it goes to that server only, where it
 * appears at once (for development); otherwise to every server the app is in.
 */
loadDotEnv();
const config = await exitOnConfigError(() => loadDiscordConfig());
const rest = new REST(config.apiUrl ? { api: config.apiUrl } : {}).setToken(config.token);
const route = config.guildId
  ? Routes.applicationGuildCommands(config.applicationId, config.guildId)
  : Routes.applicationCommands(config.applicationId);

try {
  // PUT replaces the app's whole command list, so a removed command disappears too.
  await rest.put(route, { body: [asylumCommand.toJSON(), asylumHelpCommand.toJSON()] });
  process.stdout.write(
    config.guildId
      ? `Registered /${asylumCommand.name} and /${asylumHelpCommand.name} in server ${config.guildId}; they are available now.\n`
      : `Registered /${asylumCommand.name} and /${asylumHelpCommand.name} globally; Discord may take up to an hour to show them everywhere.\n`,
  );
} catch (error) {
  process.stderr.write(
    `Could not register /${asylumCommand.name}: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exitCode = 1;
}

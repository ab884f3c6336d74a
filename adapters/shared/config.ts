import { z } from 'zod';

/** One or more environment variables are missing or malformed. */
export class ConfigError extends Error {
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(
      `Invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}\nSet them in the environment or in .env (see .env.example).`,
    );
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/**
 * Validates environment variables with a zod object schema whose keys are the variable names.
 * Empty strings count as unset (`PORT=` in .env). Throws a ConfigError naming every bad variable.
 */
export function parseEnv<Shape extends z.ZodRawShape>(
  shape: Shape,
  env: NodeJS.ProcessEnv = process.env,
): z.infer<z.ZodObject<Shape>> {
  const input: Record<string, string> = {};
  for (const key of Object.keys(shape)) {
    const value = env[key]?.trim();
    if (value) input[key] = value;
  }
  const result = z.object(shape).safeParse(input);
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? '');
      const missing = issue.code === 'invalid_type' && !(name in input);
      return `${name}: ${missing ? 'is required' : issue.message}`;
    }),
  );
}

/** Runs start-up, turning a ConfigError into its message on stderr and exit code 1. */
export async function exitOnConfigError<T>(start: () => Promise<T> | T): Promise<T> {
  try {
    return await start();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

/** A positive whole number from the environment, such as a port or a limit. */
export const positiveInt = z.coerce.number().int().positive();
/** `true`/`false`, `1`/`0`, `yes`/`no`. */
export const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** What every chat bot reads besides its platform's own variables (listed in .env.example). */
export const BOT_ENV = {
  RATE_LIMIT_BURST: positiveInt.default(5),
  RATE_LIMIT_PER_MINUTE: positiveInt.default(10),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  LOG_QUESTIONS: flag.default(false),
};

/** The settings BOT_ENV yields, as the conversation service takes them. */
export function botSettings(vars: z.infer<z.ZodObject<typeof BOT_ENV>>) {
  return {
    rateLimit: { burst: vars.RATE_LIMIT_BURST, perMinute: vars.RATE_LIMIT_PER_MINUTE },
    logQuestions: vars.LOG_QUESTIONS,
  };
}

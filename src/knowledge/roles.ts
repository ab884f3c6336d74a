import { z } from 'zod';
import type { KnowledgeIssue } from '../errors.ts';

/**
 * What the bot relies on a passage for, beyond answering the questions it lists. Routing looks
 * passages up by role, never by id, so any knowledge folder can serve the safety routes.
 */
export const ROLES = {
  'crisis-self-harm': 'the contacts that lead an answer to someone thinking of harming themselves',
  'crisis-danger': 'the contacts that lead an answer to someone in danger right now',
  'crisis-detained': 'the contacts that lead an answer to someone being detained right now',
  'legal-help': 'where to find legal help, shown when the bot declines or is asked for advice',
  'refusal-risk':
    'the risks cited when someone asks for help deceiving officials or crossing unseen',
  starter: 'the questions offered when a message matches nothing',
} as const;

export type Role = keyof typeof ROLES;

/** Without these the bot would answer a crisis or a refusal with nothing, so loading fails. */
export const REQUIRED_ROLES: readonly Role[] = [
  'crisis-self-harm',
  'crisis-danger',
  'crisis-detained',
  'legal-help',
  'refusal-risk',
];

const PLACE = 'is a place in the order: a whole number, 1 for first, 2 for second, and so on';
const place = z.number(PLACE).int(PLACE).positive(PLACE);

/**
 * `role: legal-help`, a list (`role: [starter, legal-help]`) or, where order matters, each role
 * with its place (`role: {crisis-danger: 1, crisis-self-harm: 3}`). Read as role → place, where
 * a role written without a place comes after every placed passage.
 */
export const RoleFieldSchema = z.preprocess(
  (value) => {
    if (typeof value === 'string') return { [value]: null };
    if (Array.isArray(value)) return Object.fromEntries(value.map((name) => [name, null]));
    return value;
  },
  z
    .record(z.string(), place.nullable(), 'must be a role, a list of roles, or roles with places')
    .superRefine((value, ctx) => {
      for (const name of Object.keys(value)) {
        if (!Object.hasOwn(ROLES, name)) {
          ctx.addIssue({
            code: 'custom',
            message: `"${name}" is not a role; use one of: ${Object.keys(ROLES).join(', ')}`,
          });
        }
      }
    })
    .transform((value) => value as Partial<Record<Role, number | null>>),
);

export type RoleField = z.infer<typeof RoleFieldSchema>;

interface HasRoles {
  id: string;
  role?: RoleField | undefined;
}

/** Every passage with each role, in the order of their places (unplaced last, by id). */
export function passagesByRole<P extends HasRoles>(passages: readonly P[]): Map<Role, P[]> {
  const byRole = new Map<Role, P[]>();
  for (const passage of passages) {
    for (const role of Object.keys(passage.role ?? {}) as Role[]) {
      byRole.set(role, [...(byRole.get(role) ?? []), passage]);
    }
  }
  const rank = (passage: P, role: Role) => passage.role?.[role] ?? Number.POSITIVE_INFINITY;
  for (const [role, list] of byRole) {
    list.sort((a, b) => rank(a, role) - rank(b, role) || a.id.localeCompare(b.id));
  }
  return byRole;
}

/** One issue, on the folder's `role` field, for each role the bot needs and no passage has. */
export function missingRoles(passages: readonly HasRoles[]): KnowledgeIssue[] {
  const present = passagesByRole(passages);
  return REQUIRED_ROLES.filter((role) => !present.has(role)).map((role) => ({
    file: '.',
    field: 'role',
    message: `no passage has the role "${role}" (${ROLES[role]}); add "role: ${role}" to the front matter of a passage that gives it`,
  }));
}

import { createHmac } from 'node:crypto';

/**
 * Keys a platform id (user, conversation, event, button) by an HMAC with the configured salt, so
 * no id is ever stored in clear and replicas that share the salt find each other's entries.
 * 128 bits: collisions are out of reach for any realistic number of ids.
 */
export function createIdHasher(salt: string): (id: string) => string {
  return (id) => createHmac('sha256', salt).update(id).digest('base64url').slice(0, 22);
}

/**
 * The ISO 8601 week of a moment in UTC, as `YYYY-Www`: weeks start on Monday, and week 1 is the
 * one holding the year's first Thursday, so late-December days can belong to next year's week 1.
 */
export function isoWeek(at: Date): string {
  const day = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  const weekday = day.getUTCDay() || 7;
  // The Thursday of this week decides the year the week belongs to.
  day.setUTCDate(day.getUTCDate() + 4 - weekday);
  const year = day.getUTCFullYear();
  const firstDay = Date.UTC(year, 0, 1);
  const week = Math.ceil(((day.getTime() - firstDay) / 86_400_000 + 1) / 7);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

import { createHash, randomBytes, randomInt } from 'node:crypto';
import type { Role } from '../lib/sync/api';
import type { Queryable } from './db';

/** A device's token: shown to the device once, stored only as its SHA-256. */
export const newToken = () => `cmt_${randomBytes(32).toString('base64url')}`;
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

// No 0/O, 1/I/L: codes are read aloud and typed by hand.
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export function newInviteCode(): string {
  let code = '';
  for (let i = 0; i < 10; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}
/** Typed codes: case, spaces and a missing dash do not matter. */
export function normalizeInviteCode(raw: string): string {
  const compact = raw.toUpperCase().replace(/[^0-9A-Z]/g, '');
  return compact.length === 10 ? `${compact.slice(0, 5)}-${compact.slice(5)}` : compact;
}

export interface Caller {
  teamId: string;
  memberId: string;
  deviceId: string;
  role: Role;
  name: string;
}

/** The device a bearer token belongs to, if it is neither revoked nor its member gone. */
export async function authenticate(db: Queryable, token: string | undefined): Promise<Caller | undefined> {
  if (!token || token.length > 200) return undefined;
  const { rows } = await db.query<{ team_id: string; member_id: string; device_id: string; role: Role; name: string }>(
    `SELECT d.team_id, d.member_id, d.id AS device_id, m.role, m.name
       FROM devices d JOIN members m ON m.team_id = d.team_id AND m.id = d.member_id
      WHERE d.token_hash = $1 AND d.revoked_at IS NULL AND m.left_at IS NULL`,
    [hashToken(token)],
  );
  const row = rows[0];
  return row && { teamId: row.team_id, memberId: row.member_id, deviceId: row.device_id, role: row.role, name: row.name };
}

export const bearer = (header: string | undefined) => (header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined);

import { createHash, randomBytes } from 'crypto';
import { normalizeName } from '../submit/protocol';

/**
 * Writers' bearer tokens: `jx_<id>_<secret>`, the secret 32 random bytes in base64url. Only the sha256
 * of the whole token is stored, and a request's token is looked up by its hash, so the secret is never
 * compared (no timing to leak) and a stolen database does not hold usable tokens.
 */
export const TOKEN_PATTERN = /^jx_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/;

export interface NewToken {
  id: string;
  token: string;
  hash: string;
}

export function newToken(): NewToken {
  const id = randomBytes(8).toString('hex');
  const token = `jx_${id}_${randomBytes(32).toString('base64url')}`;
  return { id, token, hash: hashToken(token) };
}

export function hashToken(token: string): string {
  return sha256Text(token);
}

/**
 * protocol.ts's sha256Hex, synchronously with node:crypto: the same digest of the same UTF-8 bytes,
 * without Web Crypto's hop to the thread pool on every submission.
 */
export function sha256Text(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The token in an `Authorization: Bearer …` header, or null when there is none of the right shape. */
export function bearerToken(header: string | undefined): string | null {
  const m = /^Bearer +(\S+) *$/i.exec(header ?? '');
  return m && TOKEN_PATTERN.test(m[1]) ? m[1] : null;
}

/**
 * Units compare as people type them: full-width and half-width forms alike, no invisible characters,
 * no surrounding blanks (normalizeName, as for declarations' names).
 */
export function normalizeUnit(unit: string): string {
  return normalizeName(unit);
}

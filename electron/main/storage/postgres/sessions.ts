// Sign-in sessions in the `sessions` table, so that every server process on the database sees
// them. Only the SHA-256 of a token is kept: a copy of the table signs no one in.
import { createHash, randomBytes } from 'node:crypto';
import type { SessionTable } from '../store';
import { SHARED_NAMES, type PgBase } from './base';

/** The sessions of this database, shared by every server process on it. */
export function pgSessions(db: PgBase, ttlMs: number, now: () => number): SessionTable {
  const hash = (t: string) => createHash('sha256').update(t).digest('hex');
  // last_seen is written at most once a minute per session: a call is a read, not a write
  const TOUCH_MS = 60_000;
  return {
    create: async (employeeNo) => {
      const token = randomBytes(32).toString('base64url');
      await db.query('DELETE FROM sessions WHERE last_seen < $1', [now() - ttlMs]);
      await db.query('INSERT INTO sessions (token_hash, employee_no, last_seen) VALUES ($1, $2, $3)', [hash(token), employeeNo, now()]);
      return token;
    },
    resolve: async (token) => {
      if (!token) return null;
      const t = now();
      // with the versions of the shared documents for the rest of the call: one round trip, not several
      const r = await db.query<{ employee_no: string | null; last_seen: string | null; versions: Record<string, string> | null }>(
        `SELECT s.employee_no, s.last_seen, (SELECT json_object_agg(name, version::text) FROM docs WHERE name = ANY($2)) AS versions
         FROM (SELECT 1) AS one LEFT JOIN sessions s ON s.token_hash = $1`,
        [hash(token), SHARED_NAMES],
      );
      const s = r.rows[0]!;
      db.noteVersions(s.versions);
      if (s.employee_no === null || s.last_seen === null) return null;
      if (t - Number(s.last_seen) > ttlMs) {
        await db.query('DELETE FROM sessions WHERE token_hash = $1', [hash(token)]);
        return null;
      }
      if (t - Number(s.last_seen) > TOUCH_MS) await db.query('UPDATE sessions SET last_seen = $2 WHERE token_hash = $1', [hash(token), t]);
      return s.employee_no;
    },
    drop: async (token) => {
      await db.query('DELETE FROM sessions WHERE token_hash = $1', [hash(token)]);
    },
    dropAllFor: async (employeeNo, except = null) => {
      const r = await db.query('DELETE FROM sessions WHERE employee_no = $1 AND token_hash <> $2', [employeeNo, except ? hash(except) : '']);
      return r.rowCount ?? 0;
    },
  };
}

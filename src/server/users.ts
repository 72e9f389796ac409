import { createHmac, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type pg from 'pg';

export const ROLES = ['admin', 'editor', 'adviser', 'viewer'] as const;
export type Role = (typeof ROLES)[number];
export const MIN_PASSWORD_LENGTH = 12;

export interface Scope {
  /** True for admins and for users without any membership: the whole territory. */
  all: boolean;
  epci: string[];
  communes: string[];
  /** The adviser's structure (contact data is shared within it), null otherwise. */
  structure: string | null;
}

export interface SessionUser {
  id: string;
  email: string;
  role: Role;
  scope: Scope;
  /** Every INSEE code the user may see; null = no restriction (used to filter live events). */
  communes: Set<string> | null;
}

export class UserError extends Error {}

// Algorithm.Argon2id (a const enum, not importable under isolatedModules): 2.
const ARGON2 = { algorithm: 2 } as const;

export function checkPassword(password: string): string | null {
  if ([...password].length < MIN_PASSWORD_LENGTH)
    return `Mot de passe trop court : ${MIN_PASSWORD_LENGTH} caractères au moins.`;
  if (password.length > 1024) return 'Mot de passe trop long : 1 024 caractères au plus.';
  return null;
}

export const hashPassword = (password: string) => hash(password, ARGON2);

/** Always runs one argon2 verification, even for an unknown e-mail, so timing does not reveal accounts. */
const DUMMY_HASH = hash('dummy-password-for-timing', ARGON2);
export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  try {
    return await verify(stored ?? (await DUMMY_HASH), password);
  } catch {
    return false;
  }
}

export interface NewUser {
  email: string;
  role: Role;
  password: string;
  epci?: string[];
  communes?: string[];
  structure?: string | null;
}

/** Creates (or, same e-mail, replaces the password, role and scope of) a user. Runs as the owner. */
export async function addUser(client: pg.ClientBase, user: NewUser): Promise<{ id: string; email: string }> {
  const email = user.email.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 254)
    throw new UserError(`Adresse e-mail invalide : ${user.email}`);
  if (!(ROLES as readonly string[]).includes(user.role))
    throw new UserError(`Rôle inconnu : ${user.role}. Rôles : ${ROLES.join(', ')}.`);
  const problem = checkPassword(user.password);
  if (problem) throw new UserError(problem);
  // An adviser's contact data is shared within its structure only (row-level policy `own_structure`):
  // without one, the contacts it typed would be filed under no structure it can read back.
  const structure = user.role === 'adviser' ? user.structure?.trim() || null : null;
  if (user.role === 'adviser' && !structure)
    throw new UserError(
      'Un conseiller doit appartenir à une structure (--structure « Espace France Rénov’ … ») : ses données de contact n’y sont partagées qu’avec elle.',
    );
  const epci = user.epci ?? [];
  const communes = user.communes ?? [];
  const known = await client.query<{ kind: string; code: string }>(
    `SELECT 'epci' AS kind, siren AS code FROM atlas.epci WHERE siren = ANY($1)
     UNION ALL SELECT 'commune', insee FROM atlas.communes WHERE insee = ANY($2)`,
    [epci, communes],
  );
  const found = new Set(known.rows.map((r) => `${r.kind}:${r.code}`));
  for (const s of epci) if (!found.has(`epci:${s}`)) throw new UserError(`EPCI inconnu : ${s}`);
  for (const c of communes) if (!found.has(`commune:${c}`)) throw new UserError(`Commune inconnue : ${c}`);
  const passwordHash = await hashPassword(user.password);
  await client.query('BEGIN');
  try {
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO atlas.users (email, password_hash, role, structure) VALUES ($1, $2, $3, $4)
       ON CONFLICT (email) DO UPDATE SET password_hash = EXCLUDED.password_hash, role = EXCLUDED.role,
         structure = EXCLUDED.structure, disabled = false
       RETURNING id`,
      [email, passwordHash, user.role, structure],
    );
    const id = rows[0]!.id;
    await client.query('DELETE FROM atlas.memberships WHERE user_id = $1', [id]);
    await client.query('DELETE FROM atlas.sessions WHERE user_id = $1', [id]);
    await client.query(`INSERT INTO atlas.memberships (user_id, epci_siren) SELECT $1, unnest($2::text[])`, [
      id,
      epci,
    ]);
    await client.query(
      `INSERT INTO atlas.memberships (user_id, commune_insee) SELECT $1, unnest($2::text[])`,
      [id, communes],
    );
    await client.query('COMMIT');
    return { id, email };
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

export const newToken = () => randomBytes(32).toString('base64url');
export const tokenHash = (secret: string, token: string) =>
  createHmac('sha256', secret).update(token).digest('hex');

export async function createSession(
  client: pg.ClientBase | pg.Pool,
  secret: string,
  userId: string,
  kind: 'browser' | 'token',
  lifetimeMs: number,
): Promise<string> {
  const token = newToken();
  await client.query(
    `INSERT INTO atlas.sessions (token_hash, user_id, kind, expires_at)
     VALUES ($1, $2, $3, now() + make_interval(secs => $4))`,
    [tokenHash(secret, token), userId, kind, lifetimeMs / 1000],
  );
  return token;
}

/** The session's user with role and scope, or null when the token is unknown, expired or the user disabled. */
export async function sessionUser(pool: pg.Pool, secret: string, token: string): Promise<SessionUser | null> {
  const { rows } = await pool.query<{
    id: string;
    email: string;
    role: Role;
    structure: string | null;
    epci: string[];
    communes: string[];
    visible: string[];
  }>(
    `SELECT u.id, u.email, u.role, u.structure,
       ARRAY(SELECT epci_siren FROM atlas.memberships m WHERE m.user_id = u.id AND epci_siren IS NOT NULL ORDER BY 1) AS epci,
       ARRAY(SELECT commune_insee FROM atlas.memberships m WHERE m.user_id = u.id AND commune_insee IS NOT NULL ORDER BY 1) AS communes,
       ARRAY(SELECT m.commune_insee FROM atlas.memberships m WHERE m.user_id = u.id AND m.commune_insee IS NOT NULL
             UNION SELECT c.insee FROM atlas.memberships m JOIN atlas.communes c ON c.epci_siren = m.epci_siren
             WHERE m.user_id = u.id) AS visible
     FROM atlas.sessions s JOIN atlas.users u ON u.id = s.user_id
     WHERE s.token_hash = $1 AND s.expires_at > now() AND NOT u.disabled`,
    [tokenHash(secret, token)],
  );
  const row = rows[0];
  if (!row) return null;
  const all = row.role === 'admin' || (row.epci.length === 0 && row.communes.length === 0);
  return {
    id: String(row.id),
    email: row.email,
    role: row.role,
    scope: { all, epci: row.epci, communes: row.communes, structure: row.structure },
    communes: all ? null : new Set(row.visible),
  };
}

export async function deleteSession(pool: pg.Pool, secret: string, token: string): Promise<void> {
  await pool.query('DELETE FROM atlas.sessions WHERE token_hash = $1', [tokenHash(secret, token)]);
}

export async function findUserByEmail(
  pool: pg.Pool,
  email: string,
): Promise<{ id: string; password_hash: string } | null> {
  const { rows } = await pool.query<{ id: string; password_hash: string }>(
    'SELECT id, password_hash FROM atlas.users WHERE email = $1 AND NOT disabled',
    [email.trim().toLowerCase()],
  );
  return rows[0] ?? null;
}

import pg from 'pg';

/** A database failure that is not the request's fault: the API answers 503 with a French message. */
export class DatabaseUnavailable extends Error {
  constructor(cause?: unknown) {
    super('La base de données est indisponible : réessayez dans un instant.', { cause });
    this.name = 'DatabaseUnavailable';
  }
}

// Connection refused/reset, server shutting down, too many clients, connection failures (class 08).
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  '57P01',
  '57P02',
  '57P03',
  '53300',
]);

export function isUnavailable(error: unknown): boolean {
  if (error instanceof DatabaseUnavailable) return true;
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: string }).code;
  if (code && (UNAVAILABLE_CODES.has(code) || code.startsWith('08'))) return true;
  return /Connection terminated|connection timeout|Client has encountered a connection error/i.test(
    error.message,
  );
}

/**
 * A pool that survives the database going away: idle clients that die are dropped (the 'error' event
 * would otherwise crash the process) and the next query opens a new connection, so the server
 * reconnects by itself once PostgreSQL is back.
 *
 * A checked-out client gets no listener from pg-pool, and its backend can end between two statements
 * (PostgreSQL stopped while a transaction waits for its next query): pg then emits 'error' with no
 * query to fail, which would crash the server. The listener below swallows that event; the client's next
 * query fails with « not queryable » (a 503 via isUnavailable) and pg-pool drops it on release.
 */
export function createPool(connectionString: string, max = 10): pg.Pool {
  const pool = new pg.Pool({
    connectionString,
    max,
    connectionTimeoutMillis: 5000,
    idleTimeoutMillis: 30_000,
  });
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  return pool;
}

export interface RequestUser {
  id: string;
}

/**
 * Runs `work` in one transaction as the unprivileged atlas_app role with the request's user set, so the
 * row-level security policies apply to every statement. `bulk` silences per-row audit/NOTIFY (imports
 * write one summary instead). Rolls back on any error.
 */
export async function asUser<T>(
  pool: pg.Pool,
  user: RequestUser,
  work: (client: pg.PoolClient) => Promise<T>,
  options: { bulk?: boolean } = {},
): Promise<T> {
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    throw new DatabaseUnavailable(error);
  }
  let broken = false;
  try {
    await client.query('BEGIN');
    await client.query('SET LOCAL ROLE atlas_app');
    await client.query("SELECT set_config('atlas.user_id', $1, true), set_config('atlas.bulk', $2, true)", [
      user.id,
      options.bulk ? 'on' : 'off',
    ]);
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    broken = isUnavailable(error);
    if (!broken) await client.query('ROLLBACK').catch(() => {});
    throw broken ? new DatabaseUnavailable(error) : error;
  } finally {
    client.release(broken);
  }
}

/**
 * At most `slots` concurrent runs of `work`; the others wait in order, without holding a database
 * connection. Full-layer reads are CPU-bound in PostgreSQL and Node: beyond a few at a time they only
 * queue inside the pool, where they used to take every connection and starve the short writes (which then
 * timed out after 5 s with a 503).
 */
export function createSlots(slots: number): <T>(work: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (work) => {
    if (running >= slots) await new Promise<void>((go) => waiting.push(go));
    else running++;
    try {
      return await work();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}

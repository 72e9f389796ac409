/**
 * The server's pool against a real PostgreSQL: a checked-out client whose backend ends between two
 * statements (the database stopping while a transaction waits for its next query) must not crash the
 * process — pg emits 'error' with no query to fail it. The faults test met this on a loaded CI machine:
 * the server died mid-import instead of answering 503.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool, isUnavailable } from '../db/pool.ts';
import { createTestDatabase, hasDatabase, type TestDatabase } from './harness.ts';

describe.skipIf(!hasDatabase)('server pool', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('keeps running when a checked-out client’s backend is terminated between two statements', async () => {
    const pool = createPool(db.url, 2);
    const uncaught: unknown[] = [];
    let crashed = () => {};
    const crash = new Promise<void>((done) => {
      crashed = done;
    });
    const onUncaught = (error: unknown) => {
      uncaught.push(error);
      crashed();
    };
    process.on('uncaughtException', onUncaught);
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const pid = (await client.query('SELECT pg_backend_pid() AS pid')).rows[0].pid as number;
      const ended = new Promise<'ended'>((done) => client.once('end', () => done('ended')));
      const killer = new pg.Client({ connectionString: db.url });
      await killer.connect();
      await killer.query('SELECT pg_terminate_backend($1)', [pid]);
      await killer.end();
      // Either the FATAL message and the end of the connection have been read with no query pending, or
      // (unfixed) the unhandled 'error' event has thrown.
      expect(await Promise.race([ended, crash.then(() => 'crashed')])).toBe('ended');
      expect(uncaught).toEqual([]);
      const next = await client.query('SELECT 1').catch((error: Error) => error);
      expect(next).toBeInstanceOf(Error);
      expect(isUnavailable(next)).toBe(true);
    } finally {
      client.release(true);
      process.off('uncaughtException', onUncaught);
    }
    // The pool opens a fresh connection for the next request: the server recovers by itself.
    expect((await pool.query('SELECT 1 AS one')).rows[0].one).toBe(1);
    await pool.end();
  });
});

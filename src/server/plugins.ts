import type { FastifyInstance } from 'fastify';
import type pg from 'pg';

export interface ServerPlugins {
  register: ((app: FastifyInstance) => void | Promise<void>)[];
  /** Stops background work (the LISTEN connection, open event streams) before the pool closes. */
  close: () => Promise<void>;
}

/** The routes beyond records and sessions: imports, live events, vector tiles. */
export async function serverPlugins(_pool: pg.Pool, _url: string): Promise<ServerPlugins> {
  return { register: [], close: async () => {} };
}

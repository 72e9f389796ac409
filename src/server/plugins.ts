import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import { EventHub, registerEvents } from './events.ts';
import { registerImports } from './imports.ts';
import { registerTeamViews } from './teamViews.ts';
import { registerTiles } from './tiles.ts';
import { registerTransfer } from './transfer.ts';

export interface ServerPlugins {
  register: ((app: FastifyInstance) => void | Promise<void>)[];
  /** Stops background work (the LISTEN connection, open event streams) before the pool closes. */
  close: () => Promise<void>;
}

/** The routes beyond records and sessions: imports, live events, vector tiles, history and admin views. */
export async function serverPlugins(pool: pg.Pool, url: string): Promise<ServerPlugins> {
  const hub = new EventHub(url);
  await hub.start();
  return {
    register: [
      (app) => registerImports(app, pool),
      (app) => registerEvents(app, hub),
      (app) => registerTiles(app, pool, hub),
      (app) => registerTeamViews(app, pool),
      (app) => registerTransfer(app, pool),
    ],
    close: () => hub.close(),
  };
}

import type { ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { requireUser } from './auth.ts';
import { MODULE_DEFS, type ModuleName } from './modules.ts';
import type { SessionUser } from './users.ts';

interface Change {
  module: ModuleName;
  id?: string;
  version?: number;
  deleted?: boolean;
  insee?: string | null;
  import?: boolean;
}

interface Subscriber {
  user: SessionUser;
  res: ServerResponse;
}

/** Would this user see the changed row? The same rules as the policies: role per module, then scope. */
function visible(change: Change, user: SessionUser): boolean {
  const def = MODULE_DEFS[change.module];
  if (!def?.read.includes(user.role)) return false;
  if (change.import || change.module === 'pcaet' || !user.communes) return true;
  return !!change.insee && user.communes.has(change.insee);
}

const inScope = (change: Change, user: SessionUser) =>
  change.import || !user.communes || (!!change.insee && user.communes.has(change.insee));

/**
 * One LISTEN connection for the whole server (not one per browser), fanned out to the event streams.
 * Reconnects by itself when PostgreSQL restarts; clients then receive a `resync` event, since changes
 * made while the link was down were not notified (they re-read with their `since` cursor).
 */
export class EventHub {
  private readonly subscribers = new Set<Subscriber>();
  private client: pg.Client | null = null;
  private closed = false;
  private retry: NodeJS.Timeout | null = null;
  private heartbeat: NodeJS.Timeout;
  private readonly listeners = new Set<(module: ModuleName | null) => void>();

  constructor(private readonly url: string) {
    this.heartbeat = setInterval(() => this.broadcast(': ping\n\n', () => true), 20_000);
    this.heartbeat.unref();
  }

  async start(): Promise<void> {
    await this.connect().catch(() => this.scheduleReconnect());
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url });
    client.on('error', () => this.scheduleReconnect());
    client.on('end', () => this.scheduleReconnect());
    client.on('notification', (message) => {
      let change: Change;
      try {
        change = JSON.parse(message.payload ?? '') as Change;
      } catch {
        return;
      }
      this.changed(change.module);
      const data = `event: change\ndata: ${JSON.stringify(change)}\n\n`;
      this.broadcast(data, (user) => visible(change, user));
      // Those who may not read sessions still see their counts (GET /api/advice/summary): told without the id.
      if (change.module === 'advice') {
        const summary = {
          ...change,
          module: 'advice' as const,
          summary: true,
          id: undefined,
          version: undefined,
        };
        const counted = `event: change\ndata: ${JSON.stringify(summary)}\n\n`;
        this.broadcast(counted, (user) => !visible(change, user) && inScope(change, user));
      }
    });
    await client.connect();
    await client.query('LISTEN atlas_changes');
    const reconnected = this.client === null && this.retry !== null;
    this.client = client;
    this.retry = null;
    // Changes made while the link was down were not notified: whatever was derived from them is stale.
    this.changed(null);
    if (reconnected) this.broadcast('event: resync\ndata: {}\n\n', () => true);
  }

  /** True while the LISTEN link is up: only then does every committed change reach `onChange`. */
  get live(): boolean {
    return this.client !== null;
  }

  /** Calls `listener` with the module of each committed change (null: any module may have changed). */
  onChange(listener: (module: ModuleName | null) => void): void {
    this.listeners.add(listener);
  }

  private changed(module: ModuleName | null): void {
    for (const listener of this.listeners) listener(module);
  }

  private scheduleReconnect(): void {
    if (this.closed || this.retry) return;
    const old = this.client;
    this.client = null;
    old?.removeAllListeners();
    // A late 'error' of the old client (its end() writing to a closed socket) must not find no listener.
    old?.on('error', () => {});
    old?.end().catch(() => {});
    this.retry = setTimeout(() => {
      this.connect().catch(() => {
        this.retry = null;
        this.scheduleReconnect();
      });
    }, 1000);
    this.retry.unref();
  }

  private broadcast(data: string, filter: (user: SessionUser) => boolean): void {
    for (const s of this.subscribers) if (filter(s.user)) s.res.write(data);
  }

  subscribe(user: SessionUser, res: ServerResponse): () => void {
    const subscriber = { user, res };
    this.subscribers.add(subscriber);
    return () => this.subscribers.delete(subscriber);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.heartbeat);
    if (this.retry) clearTimeout(this.retry);
    for (const s of this.subscribers) s.res.end();
    this.subscribers.clear();
    await this.client?.end().catch(() => {});
  }
}

/**
 * GET /api/events: Server-Sent Events `change` {module, id, version, deleted, insee} or {module, import};
 * `{module: 'advice', summary: true, insee}` (no id) for roles that only see session counts.
 */
export function registerEvents(app: FastifyInstance, hub: EventHub): void {
  app.get('/api/events', async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write('retry: 3000\n: connecté\n\n');
    const unsubscribe = hub.subscribe(user, res);
    request.raw.on('close', unsubscribe);
  });
}

import { describe, expect, it } from 'vitest';
import { detectTeamServer, fetchMe, signIn } from './teamClient.ts';

const reply =
  (body: string, status = 200, type = 'application/json; charset=utf-8') =>
  async () =>
    new Response(status === 204 ? null : body, { status, headers: { 'content-type': type } });

describe('team client', () => {
  it('recognises the team server by its JSON health answer, even with the database down', async () => {
    expect(await detectTeamServer(reply('{"ok":true,"database":"ok"}'))).toBe(true);
    expect(await detectTeamServer(reply('{"ok":false,"database":"unavailable"}', 503))).toBe(true);
  });

  it('stays standalone on Vite’s HTML fallback, a 404 or no network', async () => {
    expect(await detectTeamServer(reply('<!doctype html><html></html>', 200, 'text/html'))).toBe(false);
    expect(await detectTeamServer(reply('{"error":"x"}', 404))).toBe(false);
    expect(
      await detectTeamServer(async () => {
        throw new TypeError('Failed to fetch');
      }),
    ).toBe(false);
  });

  it('reads the signed-in user, null without a valid session', async () => {
    const me = {
      email: 'a@b.fr',
      role: 'viewer',
      scope: { all: true, epci: null, communes: null, structure: null },
    };
    expect(await fetchMe(reply(JSON.stringify(me)))).toEqual(me);
    expect(await fetchMe(reply('{"error":"Connectez-vous"}', 401))).toBeNull();
    await expect(fetchMe(reply('{"error":"Erreur interne du serveur."}', 500))).rejects.toThrow(
      'Erreur interne du serveur.',
    );
  });

  it('signs in, and gives the server’s French reason when refused', async () => {
    expect(await signIn('a@b.fr', 'x', reply('', 204))).toEqual({ ok: true });
    expect(await signIn('a@b.fr', 'x', reply('{"error":"E-mail ou mot de passe incorrect."}', 401))).toEqual({
      ok: false,
      message: 'E-mail ou mot de passe incorrect.',
    });
    const offline = await signIn('a@b.fr', 'x', async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(offline).toEqual({
      ok: false,
      message: 'Serveur injoignable : vérifiez la connexion puis réessayez.',
    });
  });
});

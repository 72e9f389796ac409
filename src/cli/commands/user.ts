import pg from 'pg';
import { addUser, createSession, ROLES, type Role, UserError } from '../../server/users.ts';
import { option, parseArgs } from '../args.ts';
import { CliError } from '../errors.ts';
import { databaseUrl } from './db.ts';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  // The first line only: `printf '%s\n' "$PASSWORD" | atlas user add …` must not keep the newline.
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}

/**
 * `atlas user add <email> --role admin|editor|adviser|viewer [--epci <siren>…] [--commune <insee>…]
 *  [--structure <name>] --password-stdin` → `{email, role, scope:{epci, communes}}`;
 * `atlas user token <email> [--days N]` → `{email, token, expiresInDays}` (an API token for scripts).
 */
export async function run(args: string[]): Promise<unknown> {
  const passwordStdin = args.includes('--password-stdin');
  const { positional, options } = parseArgs(args.filter((a) => a !== '--password-stdin'));
  const [action, email] = positional;
  if ((action !== 'add' && action !== 'token') || !email) {
    throw new CliError(
      'Usage : atlas user add <email> --role <rôle> [--epci <siren>] [--commune <insee>] [--structure <nom> (conseiller)] --password-stdin | atlas user token <email>',
      2,
    );
  }
  const client = new pg.Client({ connectionString: databaseUrl() });
  await client.connect().catch((error: Error) => {
    throw new CliError(`Connexion à PostgreSQL impossible : ${error.message}`);
  });
  try {
    if (action === 'token') {
      const secret = process.env.SESSION_SECRET;
      if (!secret || secret.length < 32)
        throw new CliError(
          'SESSION_SECRET (32 caractères au moins) est requis, le même que celui du serveur.',
          2,
        );
      const days = Number(option(options, 'days') ?? 90);
      if (!Number.isInteger(days) || days < 1 || days > 366) throw new CliError('--days : de 1 à 366.', 2);
      const { rows } = await client.query<{ id: string }>('SELECT id FROM atlas.users WHERE email = $1', [
        email.toLowerCase(),
      ]);
      if (!rows[0]) throw new CliError(`Utilisateur inconnu : ${email}`);
      const token = await createSession(client, secret, rows[0].id, 'token', days * 86_400_000);
      return { email: email.toLowerCase(), token, expiresInDays: days };
    }
    const role = option(options, 'role');
    if (!role || !(ROLES as readonly string[]).includes(role))
      throw new CliError(`Option --role obligatoire : ${ROLES.join(', ')}.`, 2);
    if (!passwordStdin)
      throw new CliError('Donnez le mot de passe sur l’entrée standard avec --password-stdin.', 2);
    const password = await readStdin();
    const epci = options.get('epci') ?? [];
    const communes = options.get('commune') ?? [];
    const created = await addUser(client, {
      email,
      role: role as Role,
      password,
      epci,
      communes,
      structure: option(options, 'structure') ?? null,
    });
    return { email: created.email, role, scope: { epci, communes } };
  } catch (error) {
    if (error instanceof UserError) throw new CliError(error.message, 2);
    throw error;
  } finally {
    await client.end();
  }
}

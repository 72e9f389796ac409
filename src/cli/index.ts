/**
 * Headless entry point: `npm run -s atlas -- <command> [...args] --json`.
 * stdout carries exactly one JSON document (a public contract); every message for humans goes to stderr.
 */
import { commands } from './commands.ts';
import { CliError } from './errors.ts';

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const load = name ? commands[name] : undefined;
  if (!load) {
    process.stderr.write(
      `Commande inconnue : ${name ?? '(aucune)'}. Commandes disponibles : ${Object.keys(commands).join(', ')}.\n`,
    );
    return 2;
  }
  const args = rest.filter((a) => a !== '--json');
  try {
    const command = await load();
    const result = await command.run(args);
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return 0;
  } catch (error) {
    if (error instanceof CliError && error.output !== undefined)
      process.stdout.write(`${JSON.stringify(error.output)}\n`);
    const message = error instanceof CliError || error instanceof Error ? error.message : String(error);
    process.stderr.write(`Erreur : ${message}\n`);
    return error instanceof CliError ? error.exitCode : 1;
  }
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});

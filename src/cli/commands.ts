export interface CliCommand {
  /** Arguments after the command name, `--json` removed. Returns the JSON document to print. */
  run(args: string[]): Promise<unknown>;
}

/** One line per command; loaded lazily so a command only pays for its own imports. */
export const commands: Record<string, () => Promise<CliCommand>> = {
  territory: () => import('./commands/territory.ts'),
  lights: () => import('./commands/lights.ts'),
  choropleth: () => import('./commands/choropleth.ts'),
  import: () => import('./commands/import.ts'),
  advice: () => import('./commands/advice.ts'),
  friches: () => import('./commands/friches.ts'),
  project: () => import('./commands/project.ts'),
  pcaet: () => import('./commands/pcaet.ts'),
  db: () => import('./commands/db.ts'),
  user: () => import('./commands/user.ts'),
};

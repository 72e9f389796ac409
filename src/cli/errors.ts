/** An expected failure (bad arguments, unreadable file): reported in French on stderr, never on stdout. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
    /** A JSON result still worth printing on stdout (e.g. the candidates of an ambiguous CRS). */
    readonly output?: unknown,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

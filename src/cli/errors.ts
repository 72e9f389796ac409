/** An expected failure (bad arguments, unreadable file): reported in French on stderr, never on stdout. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

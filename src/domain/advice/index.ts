/** Public API of the energy-advice module (issue 5), for the UI, the worker and the CLI. */
export * from './columns.ts';
export * from './communes.ts';
export * from './conversion.ts';
export * from './csv.ts';
export * from './dashboard.ts';
export * from './dates.ts';
export * from './form.ts';
export * from './indicators.ts';
export * from './mapping.ts';
export * from './privacy.ts';
export * from './reminders.ts';
export * from './summary.ts';
export * from './types.ts';
export * from './vocabulary.ts';

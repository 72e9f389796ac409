import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { build, preview } from 'vite';
import type { TestProject } from 'vitest/node';

const ROOT = resolve(import.meta.dirname, '../..');

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

/** Serves the production build (built here when missing) so browser tests exercise what users get. */
export default async function setup(project: TestProject) {
  if (!existsSync(resolve(ROOT, 'public/data/generated/territory.meta.json'))) {
    throw new Error('Territoire non construit : lancez « npm run setup » avant les tests navigateur.');
  }
  if (process.env.E2E_SKIP_BUILD !== '1' || !existsSync(resolve(ROOT, 'dist/index.html'))) {
    // Vitest sets NODE_ENV=test, which would bundle React's development build; users get production.
    const previous = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await build({ root: ROOT, logLevel: 'warn', mode: 'production' });
    } finally {
      process.env.NODE_ENV = previous;
    }
  }
  const server = await preview({
    root: ROOT,
    logLevel: 'warn',
    preview: { host: '127.0.0.1', port: 0, strictPort: false },
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('Serveur de prévisualisation sans URL');
  project.provide('baseUrl', url);
  return async () => {
    await server.close();
  };
}

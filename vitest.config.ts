import react from '@vitejs/plugin-react';
import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [react()],
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'scripts/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'src/server/**/*.server.test.ts'],
          testTimeout: 20_000,
        },
      },
      {
        // Against a real PostgreSQL/PostGIS: DATABASE_URL (see src/server/test/globalSetup.ts).
        extends: true,
        test: {
          name: 'server',
          environment: 'node',
          include: ['src/server/**/*.server.test.ts'],
          globalSetup: ['src/server/test/globalSetup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.e2e.ts'],
          globalSetup: ['test/e2e/global-setup.ts'],
          // A guard against hangs, not a speed check (benchmarks measure speed): the longest scenario (friches:
          // rank, re-rank, pin 5, print) hit 120 s on a machine at load 25.
          testTimeout: 240_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});

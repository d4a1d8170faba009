import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

const electronStub = fileURLToPath(new URL('./tests/stubs/electron.ts', import.meta.url));
// Bench parts build things (Maven, Go) on first use: generous, but bounded, time limits.
const slow = { testTimeout: 15 * 60_000, hookTimeout: 45 * 60_000 };

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias: { electron: electronStub } },
        test: { name: 'unit', include: ['tests/unit/**/*.test.{ts,tsx}'], environment: 'node' },
      },
      {
        resolve: { alias: { electron: electronStub } },
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          globalSetup: ['tests/integration/global-setup.ts'],
          fileParallelism: false,
          ...slow,
        },
      },
      {
        resolve: { alias: { electron: electronStub } },
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/integration/global-setup.ts'],
          fileParallelism: false,
          ...slow,
        },
      },
    ],
  },
});

import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const packagesDir = fileURLToPath(new URL('./packages/', import.meta.url));

// Tests run against the TypeScript sources: `@sightline/x` -> packages/x/src/index.ts,
// `@sightline/x/y` -> packages/x/src/y.ts. No build or workspace linking is needed to test. The
// collector is plain JavaScript: its public entry is src/index.mjs. The private test-utils keeps its
// sources in lib/, outside every `packages/*/src` the builds read.
const alias = [
  { find: /^@sightline\/collector$/, replacement: `${packagesDir}collector/src/index.mjs` },
  { find: /^@sightline\/test-utils$/, replacement: `${packagesDir}test-utils/lib/index.ts` },
  { find: /^@sightline\/([a-z0-9-]+)$/, replacement: `${packagesDir}$1/src/index.ts` },
  { find: /^@sightline\/([a-z0-9-]+)\/([a-z0-9-]+)$/, replacement: `${packagesDir}$1/src/$2.ts` },
];

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['packages/*/test/**/*.test.ts'],
          environment: 'happy-dom',
        },
      },
      {
        // The public API's types, checked by tsc (`*.test-d.ts`: expectTypeOf and @ts-expect-error rows).
        test: {
          name: 'types',
          include: [],
          typecheck: {
            enabled: true,
            only: true,
            include: ['packages/*/test/**/*.test-d.ts'],
            tsconfig: './tsconfig.type-tests.json',
          },
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'size',
          include: ['test/size/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'docs',
          include: ['test/docs/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        // The packed tarballs, as a team installs them (needs a build: `node scripts/build.mjs`).
        test: {
          name: 'package',
          include: ['test/package/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/package/support/global-setup.ts'],
          testTimeout: 180_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});

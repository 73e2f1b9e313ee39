// Lint: eslint's recommended rules everywhere, typescript-eslint's type-aware rules (floating and
// misused promises, unsafe `any`, awaiting non-promises) on the TypeScript, and the line length
// Prettier keeps. Run in `npm test` (scripts/test.mjs); `pnpm exec eslint .` runs it alone.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const tsconfigRootDir = import.meta.dirname;

export default defineConfig(
  { ignores: ['**/dist/**', '**/node_modules/**', '.tmp/**', 'coverage/**'] },
  js.configs.recommended,
  {
    // Prettier breaks code at 120 characters; long strings and comments are wrapped by hand.
    rules: { 'max-len': ['error', { code: 120, ignoreUrls: true }] },
  },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    // One program over the sources and the tests (tsconfig.lint.json), `@sightline/*` read from source.
    languageOptions: { parserOptions: { project: ['./tsconfig.lint.json'], tsconfigRootDir } },
  },
  {
    // The consumer app is compiled against the packed tarballs by test/package, not from source.
    files: ['test/package/consumer-app/**/*.ts'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  { files: ['**/*.{js,mjs}'], languageOptions: { globals: globals.node } },
  {
    // Scripts that run in a page.
    files: ['examples/**/*.js', 'packages/browser/snippet/**/*.js', 'packages/collector/src/inspector/**/*.js'],
    languageOptions: { globals: globals.browser },
  },
);

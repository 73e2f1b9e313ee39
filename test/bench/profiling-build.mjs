// The script-tag bundle built as the project builds it (rollup.config.mjs), minus the minifier: for
// CPU profiles only. A profile names each sample's function by where it starts, and terser inlines
// small functions into their callers, so the minified file's profile gives one module's time to
// another; unminified, each function keeps its own.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { rollup } from 'rollup';
import { root } from '../../scripts/lib/run.mjs';

export const PROFILING_SCRIPT = join(root, '.tmp/bench/sightline.profiling.js');

/** Builds PROFILING_SCRIPT (and its map); resolves with its path, or undefined when the config has no such build. */
export const buildProfilingScript = async () => {
  const { default: configs } = await import('../../rollup.config.mjs');
  const config = configs.find((candidate) => String(candidate.output?.file).endsWith('/sightline.min.js'));
  if (!config) return undefined;
  mkdirSync(join(root, '.tmp/bench'), { recursive: true });
  const bundle = await rollup({ ...config, onwarn: () => undefined });
  // Generated for the configured file's place (its map's paths are relative to it), written here.
  const { output } = await bundle.generate({ ...config.output, plugins: [], sourcemap: true });
  await bundle.close();
  writeFileSync(PROFILING_SCRIPT, output[0].code);
  writeFileSync(`${PROFILING_SCRIPT}.map`, JSON.stringify(output[0].map));
  return PROFILING_SCRIPT;
};

// What consent costs the default script: sightline.min.js built twice in memory with the build's own
// rollup settings, once as it ships and once with every consent module (`consent-*.ts`,
// `client-consent.ts`) swapped for the stub beside this file that behaves as if consent were always
// granted. The gzip difference is consent's share of the file. Needs the on-demand files built
// (`pnpm build`), as the main script embeds their hashes.
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rollup } from 'rollup';
import { gzipBytes } from '../../scripts/lib/size-report.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const STUBS = join(here, 'no-consent');
/** A consent module, as its importers name it. */
const CONSENT_MODULE = /(?:^|\/)((?:client-)?consent(?:-[a-z-]+)?)\.js$/;
const PACKAGE_SOURCE = /\/packages\/([a-z0-9-]+)\/src\//;

/** Resolves each consent module of the SDK's packages to its stub; a module without a stub fails the build. */
export const noConsent = () => ({
  name: 'sightline-no-consent',
  resolveId(source, importer) {
    const module = CONSENT_MODULE.exec(source);
    const pkg = importer && PACKAGE_SOURCE.exec(importer);
    if (!module || !pkg) return null;
    const stub = join(STUBS, pkg[1], `${module[1]}.mjs`);
    if (!existsSync(stub)) this.error(`${source} (from ${basename(importer)}) has no stub in ${STUBS}/${pkg[1]}`);
    return stub;
  },
});

/** sightline.min.js as the build makes it (minified, without its source map), `withConsent` or without. */
const buildDefaultScript = async (withConsent) => {
  const { default: builds } = await import('../../rollup.config.mjs');
  const build = builds.find((entry) => entry.output && String(entry.output.file).endsWith('/sightline.min.js'));
  if (!build) throw new Error('rollup.config.mjs has no sightline.min.js build');
  const bundle = await rollup({
    input: build.input,
    plugins: withConsent ? build.plugins : [noConsent(), ...build.plugins],
    onwarn: () => undefined,
  });
  const terser = build.output.plugins.filter((plugin) => plugin.name === 'terser');
  const { output } = await bundle.generate({ ...build.output, sourcemap: false, plugins: terser });
  await bundle.close();
  return output[0].code;
};

/** Gzip bytes of the default script with and without consent. */
export const consentCost = async () => {
  const withConsent = gzipBytes(await buildDefaultScript(true));
  const without = gzipBytes(await buildDefaultScript(false));
  return { withConsent, without, cost: withConsent - without };
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { withConsent, without, cost } = await consentCost();
  console.log(`sightline.min.js: ${withConsent} B gzip with consent, ${without} B without: consent adds ${cost} B`);
}

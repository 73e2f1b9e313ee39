// Rollup helper shared by the bundled examples, needed only inside this checkout.
//
// An app outside the repository installs `@sightline/*` from the registry and node-resolve
// finds it in node_modules. Here the examples are workspace packages (pnpm-workspace.yaml),
// linked by `pnpm install`; until that has run, this plugin resolves `@sightline/<pkg>` and
// `@sightline/<pkg>/<entry>` to the package's built file named by its own `exports` map
// (`import` condition), exactly what node-resolve would pick. Copying an example out of the
// repository? Delete this plugin from its rollup.config.mjs.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const PACKAGES_DIR = fileURLToPath(new URL('../packages/', import.meta.url));
const SIGHTLINE_ID = /^@sightline\/([a-z0-9-]+)(?:\/([a-z0-9-]+))?$/;

/** The file an `import` resolves to: the `import` condition (nested conditions too), else `default`. */
const importFile = (target) =>
  typeof target === 'string' ? target : target ? importFile(target.import ?? target.default) : undefined;

/** The ESM file a package's exports map names for `entry` ('.' or './lite'), or undefined. */
const exportedFile = (pkg, entry) => {
  const manifest = `${PACKAGES_DIR}${pkg}/package.json`;
  if (!existsSync(manifest)) return undefined;
  const file = importFile(JSON.parse(readFileSync(manifest, 'utf8')).exports?.[entry]);
  return file ? `${PACKAGES_DIR}${pkg}/${file.replace(/^\.\//, '')}` : undefined;
};

export const workspaceDist = () => ({
  name: 'sightline-workspace-dist',
  async resolveId(id, importer, options) {
    const match = SIGHTLINE_ID.exec(id);
    if (!match) return null;
    // Installed (linked) packages win: this is only the fallback before `pnpm install`.
    const installed = await this.resolve(id, importer, { ...options, skipSelf: true });
    if (installed && !installed.external) return installed;
    const file = exportedFile(match[1], match[2] ? `./${match[2]}` : '.');
    if (file && existsSync(file)) return file;
    this.error(`${id} is not built: run \`node scripts/build.mjs\` (or \`npm start\`) at the repository root first.`);
  },
});

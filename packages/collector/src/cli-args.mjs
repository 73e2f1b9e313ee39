// Command-line options of bin/collector.mjs, parsed without dependencies. Pure.
import { DEFAULTS } from './constants.mjs';

export const USAGE = `Usage: sightline-collector [--port ${DEFAULTS.port}] [--host ${DEFAULTS.host}] [--data-dir ${DEFAULTS.dataDir}] [--quiet]
  --port N        port to listen on (0 picks a free one)
  --host H        interface to bind (default ${DEFAULTS.host}: this machine only)
  --data-dir DIR  where accepted events (NDJSON, one file per day) and the insert_id set are kept
  --quiet         do not log each request`;

/**
 * @param {string[]} argv arguments after the script name
 * @returns {{ ok: true, options: { port: number, host: string, dataDir: string, quiet: boolean }, help: boolean } | { ok: false, error: string }}
 */
export const parseCliArgs = (argv) => {
  /** @type {{ port: number, host: string, dataDir: string, quiet: boolean }} */
  const options = { port: DEFAULTS.port, host: DEFAULTS.host, dataDir: DEFAULTS.dataDir, quiet: false };
  let help = false;
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index];
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    const value = () => (inline !== undefined ? inline : argv[++index]);
    switch (flag) {
      case '--port': {
        const text = value();
        const port = Number(text);
        if (!Number.isInteger(port) || port < 0 || port > 65535)
          return { ok: false, error: `--port needs a number from 0 to 65535, got ${JSON.stringify(text)}` };
        options.port = port;
        break;
      }
      case '--host': {
        const host = value();
        if (!host) return { ok: false, error: '--host needs a value' };
        options.host = host;
        break;
      }
      case '--data-dir': {
        const dataDir = value();
        if (!dataDir) return { ok: false, error: '--data-dir needs a value' };
        options.dataDir = dataDir;
        break;
      }
      case '--quiet':
        options.quiet = true;
        break;
      case '--help':
      case '-h':
        help = true;
        break;
      default:
        return { ok: false, error: `unknown argument ${JSON.stringify(arg)}` };
    }
  }
  return { ok: true, options, help };
};

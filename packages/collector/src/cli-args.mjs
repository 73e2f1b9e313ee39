// Command-line options of bin/collector.mjs, read with Node's util.parseArgs. Pure.
import { parseArgs } from 'node:util';
import { DEFAULTS } from './constants.mjs';

export const USAGE =
  `Usage: sightline-collector [--port ${DEFAULTS.port}] [--host ${DEFAULTS.host}] ` +
  `[--data-dir ${DEFAULTS.dataDir}] [--quiet]
  --port N        port to listen on (0 picks a free one)
  --host H        interface to bind (default ${DEFAULTS.host}: this machine only)
  --data-dir DIR  where accepted events (NDJSON, one file per day) and the insert_id set are kept
  --quiet         do not log each request`;

const OPTIONS = /** @type {const} */ ({
  port: { type: 'string' },
  host: { type: 'string' },
  'data-dir': { type: 'string' },
  quiet: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
});

/**
 * The first problem in parseArgs' tokens, in our own words. The tokens are read non-strictly so
 * the message can name the argument (`--host needs a value`, not a generic parse error).
 * @param {ReturnType<typeof parseArgs>['tokens']} tokens
 * @returns {string | undefined}
 */
const problemOf = (tokens = []) => {
  for (const token of tokens) {
    if (token.kind === 'positional') return `unknown argument ${JSON.stringify(token.value)}`;
    if (token.kind !== 'option') continue;
    const option = OPTIONS[/** @type {keyof typeof OPTIONS} */ (token.name)];
    if (!option) return `unknown argument ${JSON.stringify(token.rawName)}`;
    if (option.type === 'boolean' && token.value !== undefined) return `${token.rawName} takes no value`;
    // A following flag is not a value: `--port --quiet` lacks the port.
    const value = token.value;
    if (option.type === 'string' && (!value || (!token.inlineValue && value.startsWith('-'))))
      return `${token.rawName} needs a value`;
  }
  return undefined;
};

/**
 * @param {string[]} argv arguments after the script name
 * @returns {{ ok: true, options: { port: number, host: string, dataDir: string, quiet: boolean }, help: boolean } | {
 * ok: false, error: string }}
 */
export const parseCliArgs = (argv) => {
  const { values, tokens } = parseArgs({ args: argv, options: OPTIONS, strict: false, tokens: true });
  const problem = problemOf(tokens);
  if (problem) return { ok: false, error: problem };
  const port = values.port === undefined ? DEFAULTS.port : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    return { ok: false, error: `--port needs a number from 0 to 65535, got ${JSON.stringify(values.port)}` };
  return {
    ok: true,
    options: {
      port,
      host: /** @type {string | undefined} */ (values.host) ?? DEFAULTS.host,
      dataDir: /** @type {string | undefined} */ (values['data-dir']) ?? DEFAULTS.dataDir,
      quiet: values.quiet === true,
    },
    help: values.help === true,
  };
};

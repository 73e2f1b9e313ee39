import { execFile } from 'node:child_process';

export interface CommandResult {
  /** The exit code; null when it was killed (see `timedOut`). */
  code: number | null;
  stdout: string;
  stderr: string;
  /** It had not exited by itself within `timeoutMs` and was killed. */
  timedOut: boolean;
}

/**
 * Runs a command to its end, never rejecting: the test asserts on the result. `timeoutMs` kills
 * a command that has not exited by itself (a process kept alive is a finding, not a hang).
 */
export const runCommand = (
  command: string,
  args: string[],
  { cwd, timeoutMs = 120_000, env }: { cwd: string; timeoutMs?: number; env?: NodeJS.ProcessEnv },
): Promise<CommandResult> =>
  new Promise((resolve) => {
    execFile(
      command,
      args,
      { cwd, timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 64 * 1024 * 1024, env: env ?? process.env },
      (error, stdout, stderr) => {
        const killed = Boolean(error && 'killed' in error && error.killed);
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolve({ code: killed ? null : code, stdout, stderr, timedOut: killed });
      },
    );
  });

/** A failed command's output, for an assertion message. */
export const describeResult = ({ code, stdout, stderr, timedOut }: CommandResult): string =>
  `${timedOut ? 'timed out' : `exit ${code}`}\n--- stdout\n${stdout.slice(-4000)}\n--- stderr\n${stderr.slice(-4000)}`;

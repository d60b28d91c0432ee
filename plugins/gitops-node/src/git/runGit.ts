import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { gitAuthEnvironment } from './gitAuthEnvironment';

const execFileAsync = promisify(execFile);

/**
 * Runs git on a bare repository and returns what it printed: never prompting for credentials,
 * with `token` (if any) sent as HTTP basic credentials through git's environment (see
 * gitAuthEnvironment). A failure rejects with execFile's error (`code`, `stderr`).
 *
 * @public
 */
export async function runGit(
  gitDir: string,
  args: string[],
  options: { token?: string } = {},
): Promise<string> {
  const { stdout } = await execFileAsync(
    'git',
    ['--git-dir', gitDir, ...args],
    {
      maxBuffer: 256 * 1024 * 1024,
      env: {
        ...process.env,
        GIT_TERMINAL_PROMPT: '0',
        ...gitAuthEnvironment(options.token),
      },
    },
  );
  return stdout;
}

import { BUN, ENTRY } from './paths.ts';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run `intercom <args>` as a real process. */
export async function runIntercom(
  args: string[],
  options: { env: Record<string, string>; cwd?: string; stdin?: string },
): Promise<CliResult> {
  const proc = Bun.spawn([BUN, ENTRY, ...args], {
    env: options.env,
    cwd: options.cwd,
    stdin: options.stdin === undefined ? 'ignore' : new TextEncoder().encode(options.stdin),
    stdout: 'pipe',
    stderr: 'pipe',
  });
  const [stdout, stderr, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
  return { code, stdout, stderr };
}

// Which Claude Code is installed. intercom's hooks need 2.1.78 or later: that release added the
// StopFailure event, and an older Claude Code rejects a settings file that names an event it does
// not know, ignoring the whole file (the user's own settings with it).
export const MIN_CLAUDE_VERSION = '2.1.78';

/** The version `claude --version` prints ("2.1.330 (Claude Code)"), or undefined if it cannot tell. */
export function installedClaudeVersion(claude: string | null, env?: Record<string, string | undefined>): string | undefined {
  if (!claude) return undefined;
  try {
    const out = Bun.spawnSync([claude, '--version'], { env, stdout: 'pipe', stderr: 'ignore', timeout: 10_000 });
    return /^(\d+\.\d+\.\d+)/.exec(out.stdout.toString().trim())?.[1];
  } catch {
    return undefined;
  }
}

export function isOlderThan(version: string, minimum: string): boolean {
  const a = version.split('.').map(Number);
  const b = minimum.split('.').map(Number);
  for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) < (b[i] ?? 0);
  return false;
}

/** The `claude` on the PATH of `env`, and its version (undefined when it printed none). */
export function findClaude(env: Record<string, string | undefined>): { path: string | null; version: string | undefined } {
  const path = Bun.which('claude', { PATH: env.PATH ?? '' });
  return { path, version: installedClaudeVersion(path, env) };
}

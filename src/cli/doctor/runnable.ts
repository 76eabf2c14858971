// Whether a registered command still runs. An install records absolute paths (the bun that ran
// it, the bundle); a later `npm install -g` can leave bun's placeholder script where the binary
// was (its postinstall did not run), or move the binary away: the paths exist, nothing runs, and
// every hook and the MCP server fail. Asking the program for its version tells.
import { shorten } from '../../core/text.ts';

/** undefined when `<command> --version` exits 0 within 5 s; else why not, in a few words. */
export function whyNotRunnable(command: string): string | undefined {
  try {
    const r = Bun.spawnSync([command, '--version'], { stdout: 'pipe', stderr: 'pipe', timeout: 5_000 });
    if (r.exitCode === 0) return undefined;
    const said = (r.stderr.toString() || r.stdout.toString()).trim().split('\n')[0] ?? '';
    return `\`${command} --version\` failed (${r.signalCode ?? `exit ${r.exitCode}`})${said ? `: ${shorten(said, 160)}` : ''}`;
  } catch (error) {
    return `${command} cannot be run (${shorten(error instanceof Error ? error.message : String(error), 160)})`;
  }
}

import { describeError } from '../../core/errors.ts';
import { defineCommand, jsonOption, printJson } from '../command.ts';
import { checkBun, checkClaude, checkRegistration, checkTool, checkWatch } from '../doctor/checks.ts';
import { installedClaudeVersion } from '../install/claude-version.ts';
import type { Check } from '../doctor/checks.ts';
import { wakeRoundTrip } from '../doctor/self-test.ts';
import { checkInotify } from '../doctor/inotify.ts';
import { readCurrent } from '../install/apply.ts';
import { installTarget } from './install.ts';

export const doctorCommand = defineCommand({
  name: 'doctor',
  summary: 'check the setup: bun, tmux, lsof, registration, store, and a live send → wake round trip',
  usage: 'intercom doctor [--json]\n  Exit 0 when nothing failed; each failure says how to fix it.',
  options: { ...jsonOption },
  async run({ values }, deps) {
    const checks: Check[] = [
      checkBun(Bun.version), // the bun running intercom (install registers this very one)
      checkTool('tmux', Bun.which('tmux'), 'reaching sessions that do not run intercom'),
      // lsof reads a running claude's folder where /proc does not exist (macOS).
      checkTool('lsof', Bun.which('lsof'), 'mapping running claude processes to sessions on macOS', process.platform !== 'linux'),
    ];
    const inotify = checkInotify();
    if (inotify) checks.push(inotify);
    const claude = Bun.which('claude');
    checks.push(checkClaude(claude, installedClaudeVersion(claude)));
    const target = installTarget(deps);
    checks.push(...checkRegistration(readCurrent(target), target, Bun.which('bun')));
    try {
      const store = await deps.store();
      const live = await store.agents.live();
      const quarantined = await store.quarantined();
      checks.push({ level: 'ok', name: 'store', detail: `${deps.config.storeDir} (private, ${live.length} live agent(s))` });
      checks.push(checkWatch(store.watchBackend(), deps.config.chokidarEnv));
      if (quarantined.length) {
        checks.push({
          level: 'warn',
          name: 'quarantine',
          detail: `${quarantined.length} corrupt file(s) set aside in ${store.layout.quarantine}; each has a .reason.txt`,
        });
      }
      const trip = await wakeRoundTrip(store, deps);
      checks.push({ level: trip.ok ? 'ok' : 'FAIL', name: 'self-test', detail: trip.detail });
    } catch (error) {
      checks.push({ level: 'FAIL', name: 'store', detail: describeError(error, 'human') });
    }
    const failed = checks.filter((c) => c.level === 'FAIL').length;
    if (values.json) printJson(deps, { ok: failed === 0, checks });
    else {
      for (const c of checks) deps.io.out(`${c.level.padEnd(4)}  ${c.name.padEnd(10)} ${c.detail}`);
      deps.io.out(failed ? `${failed} problem(s) to fix.` : 'All good.');
    }
    return failed ? 1 : 0;
  },
});

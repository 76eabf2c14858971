import { describeError } from '../../core/errors.ts';
import { defineCommand, jsonOption, option, printJson } from '../command.ts';
import { checkBun, checkClaude, checkTool, checkWatch } from '../doctor/checks.ts';
import { checkRegistration } from '../doctor/registration.ts';
import { installedClaudeVersion } from '../install/claude-version.ts';
import type { Check } from '../doctor/checks.ts';
import { liveRoutes } from '../doctor/routes.ts';
import type { LiveRoute } from '../doctor/routes.ts';
import { wakeRoundTrip } from '../doctor/self-test.ts';
import { checkInotify } from '../doctor/inotify.ts';
import { checkStoreMode } from '../doctor/store-mode.ts';
import { checkRelay } from '../doctor/relay.ts';
import { readCurrent } from '../install/apply.ts';
import { installTarget } from '../install/target.ts';

export const doctorCommand = defineCommand({
  name: 'doctor',
  summary: 'check the setup: bun, tmux, lsof, registration, store, a live send → wake round trip, and the relay to other machines',
  usage:
    'intercom doctor [--fix] [--json]\n' +
    '  Exit 0 when nothing failed; each failure says how to fix it.\n' +
    '  --fix   also fix what is safe to fix here (a store folder open to other users: chmod 700),\n' +
    '          and say what it fixed; for the rest, each failure names the command to run',
  options: { ...jsonOption, fix: option.flag() },
  maxPositionals: 0,
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
    // The store first: its live agents tell how intercom runs (routes.ts), which settings files
    // cannot tell of a plugin loaded with --plugin-dir. Its checks are listed after registration.
    const storeChecks: Check[] = [];
    const mode = checkStoreMode(deps.config.storeDir, values.fix);
    if (mode) storeChecks.push(mode);
    let live: LiveRoute[] = [];
    if (mode?.level !== 'FAIL') {
      try {
        const store = await deps.store();
        // The sweep every MCP server start runs: copies a sender left staged when it stopped
        // midway are handed over now (their receipts say doctor does this), temp files collected.
        const swept = await store.collectTmp();
        const agents = await store.agents.live();
        live = await liveRoutes(store, { sessionId: deps.config.claudeSessionId, claudePid: deps.config.claudePid });
        const quarantined = await store.quarantined();
        storeChecks.push({ level: 'ok', name: 'store', detail: `${deps.config.storeDir} (private, ${agents.length} live agent(s))` });
        if (swept) storeChecks.push({ level: 'ok', name: 'sweep', detail: `finished ${swept} leftover(s) of writers that stopped midway` });
        storeChecks.push(checkWatch(store.watchBackend(), deps.config.chokidarEnv));
        if (quarantined.length) {
          storeChecks.push({
            level: 'warn',
            name: 'quarantine',
            detail: `${quarantined.length} corrupt file(s) set aside in ${store.layout.quarantine}; each has a .reason.txt`,
          });
        }
        const trip = await wakeRoundTrip(store, deps);
        storeChecks.push({ level: trip.ok ? 'ok' : 'FAIL', name: 'self-test', detail: trip.detail });
        storeChecks.push(...(await checkRelay(store, deps.config.mesh.server)));
      } catch (error) {
        storeChecks.push({ level: 'FAIL', name: 'store', detail: describeError(error, 'human') });
      }
    }
    const target = installTarget(deps.config);
    checks.push(...checkRegistration(readCurrent(target), target, Bun.which('bun'), live), ...storeChecks);
    const failed = checks.filter((c) => c.level === 'FAIL');
    const fixable = failed.filter((c) => c.fixable).length;
    if (values.json) printJson(deps, { ok: failed.length === 0, checks });
    else {
      for (const c of checks) deps.io.out(`${c.level.padEnd(5)}  ${c.name.padEnd(10)} ${c.detail}`);
      deps.io.out(
        !failed.length
          ? 'All good.'
          : fixable
            ? `${failed.length} problem(s) to fix; \`intercom doctor --fix\` fixes ${fixable === failed.length ? 'them' : `${fixable} of them`}.`
            : `${failed.length} problem(s) to fix.`,
      );
    }
    return failed.length ? 1 : 0;
  },
});

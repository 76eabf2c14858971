// What the relay publishes follows the local store: its agents and their busy/idle (presence),
// and its claims (the claims bucket). One watch on the agents, one on each live agent's busy/idle
// events, one on the claims.
import { describeError } from '../core/errors.ts';
import type { Intercom } from '../intercom/index.ts';

export async function watchLocal(deps: {
  intercom: Intercom;
  /** An agent registered, changed, left, or went busy or idle. */
  onAgents(): void;
  /** A claim was made, renewed or released (or an agent left, taking its claims). */
  onClaims(): void;
  log(line: string): void;
}): Promise<{ close(): void }> {
  const { intercom } = deps;
  const watchError = (what: string) => (error: unknown) => deps.log(`intercom relay: watching ${what}: ${describeError(error)}`);
  const activity = new Map<string, { close(): void }>();
  const syncActivity = async () => {
    const live = new Set((await intercom.agents.live()).map((a) => a.code));
    for (const code of live) {
      if (activity.has(code)) continue;
      activity.set(code, await intercom.watchMesh({ kind: 'activity', code }, async () => deps.onAgents(), watchError('busy/idle')));
    }
    for (const [code, watch] of activity) {
      if (live.has(code)) continue;
      watch.close();
      activity.delete(code);
    }
  };
  const agents = await intercom.watchMesh(
    { kind: 'agents' },
    async () => {
      await syncActivity();
      deps.onAgents();
      deps.onClaims();
    },
    watchError('agents'),
  );
  const claims = await intercom.watchMesh({ kind: 'claims' }, async () => deps.onClaims(), watchError('claims'));
  // Anything that changed before the watches were in place (an agent registering as the relay
  // started) is seen now, not at the next rescan.
  await syncActivity();
  deps.onAgents();
  deps.onClaims();
  return {
    close() {
      agents.close();
      claims.close();
      for (const w of activity.values()) w.close();
    },
  };
}

// Who is on which machine (docs/relay.md). This machine beats into the machines bucket every
// `beatMs` and publishes its agents (code, project, status, busy/idle) into the agents bucket when
// they change; every other machine's beats and agents are watched and mirrored into the store,
// where `who` and addressing read them. A machine whose beat has not been seen for `goneAfterMs`
// (by this machine's clock: clocks need not agree) is marked gone; it is checked every beat.
import type { KvWatchEntry } from '@nats-io/kv';
import { describeError } from '../core/errors.ts';
import { isCode, isMachine } from '../core/ids.ts';
import type { Intercom } from '../intercom/index.ts';
import { agentFromWire, agentToWire } from '../intercom/wire.ts';
import type { MeshNames } from './names.ts';
import type { MeshLink } from './setup.ts';

/** Most agents mirrored from one machine, and most other machines heard. */
export const MAX_AGENTS_PER_MACHINE = 200;
export const MAX_MACHINES = 100;
/** A machine gone this long (ms) is forgotten. */
const FORGET_AFTER_MS = 7 * 24 * 60 * 60_000;

export interface PresenceTimings {
  /** How often (ms) this machine beats, and checks the others' beats. */
  beatMs: number;
  /** A machine not heard from for this long (ms) is gone. */
  goneAfterMs: number;
}

export interface Presence {
  /** Whether another machine is up now, as this relay holds it (beats heard within the grace). */
  isUp(machine: string): boolean;
  /** Publish the local agents now (they, or their busy/idle, may have changed). */
  kick(): void;
  /** The link is up again (after a disconnect): beat and publish everything at once. */
  relinked(): void;
  /** Stop. `clean`: this relay is stopping, so withdraw this machine and its agents (others mark it gone at once). */
  stop(clean: boolean): Promise<void>;
}

interface Beat {
  machine: string;
  /** This run of the relay: two relays beating under one machine name are told apart by it. */
  instance: string;
  started_at: string;
  beat_at: string;
  beat_ms: number;
  seq: number;
}

/** Everything is published again this often (ms): what another machine or an outage took away comes back. */
const REPUBLISH_MS = 60_000;

export function startPresence(deps: {
  intercom: Intercom;
  names: MeshNames;
  here: string;
  link: MeshLink;
  timings: PresenceTimings;
  /** Whether the link to the server is up now (while it is down, nothing is heard from anyone). */
  linkUp: () => boolean;
  log: (line: string) => void;
  /** This run of the relay (its beats carry it). */
  instance: string;
  /** A machine came up or went: what holds (claims) may have changed with it. */
  onMachine?: (machine: string, up: boolean) => void;
  /** Another relay runs under this machine's name and started first: this one must stop. */
  onTwin: (why: string) => void;
  /**
   * Beats stopped being taken (`ok` false, with why), or are taken again. Linked to a leaf node,
   * the connection stays up while the hub behind it is out of reach: only the beats tell.
   */
  onBeats?: (ok: boolean, why?: string) => void;
}): Presence {
  const { intercom, names, here, link, timings } = deps;
  const now = () => intercom.clock.now();
  const iso = (ms: number) => new Date(ms).toISOString();
  const startedAt = iso(now());
  /** Other machines: when each was last heard (our clock), and whether we hold it up. */
  const heard = new Map<string, { at: number; up: boolean }>();
  /** What we last published for each local agent (JSON), to publish changes only. */
  const published = new Map<string, string>();
  let linkLostAt: number | undefined;
  /** Agents mirrored per machine, to cap what one machine can make this store hold. */
  const mirrored = new Map<string, Set<string>>();
  const flooded = new Set<string>();
  let seq = 0;
  let stopped = false;
  let lastError = '';
  const iterators: { stop(): void }[] = [];

  const report = (what: string, error: unknown) => {
    const why = `${what}: ${describeError(error)}`;
    if (why !== lastError) deps.log(`intercom relay: ${why}`);
    lastError = why;
  };

  const { instance } = deps;
  let beatsFailing = false;
  async function beat(): Promise<void> {
    const record: Beat = { machine: here, instance, started_at: startedAt, beat_at: iso(now()), beat_ms: timings.beatMs, seq: seq++ };
    try {
      await link.machines.put(here, JSON.stringify(record));
    } catch (error) {
      if (!beatsFailing) deps.onBeats?.(false, describeError(error));
      beatsFailing = true;
      throw error;
    }
    if (beatsFailing) deps.onBeats?.(true);
    beatsFailing = false;
  }

  async function setMachine(machine: string, up: boolean, seenAt: number | undefined): Promise<void> {
    const was = heard.get(machine);
    if (was === undefined && heard.size >= MAX_MACHINES) {
      if (!flooded.has(''))
        deps.log(`intercom relay: more than ${MAX_MACHINES} other machines beat in this namespace; the rest are ignored`);
      flooded.add('');
      return;
    }
    heard.set(machine, { at: seenAt ?? was?.at ?? 0, up });
    if (was !== undefined && was.up === up) return;
    deps.onMachine?.(machine, up);
    await intercom.mesh.writeMachine({
      v: 1,
      machine,
      state: up ? 'up' : 'gone',
      since: iso(now()),
      ...(seenAt !== undefined ? { seen_at: iso(seenAt) } : {}),
    });
    if (!up) deps.log(`intercom relay: machine ${machine} is gone (no beat for ${Math.round(timings.goneAfterMs / 1000)} s)`);
  }

  /** Mark machines gone whose beat is overdue, and all of them once our own link has been down that long. */
  async function sweep(): Promise<void> {
    const t = now();
    if (!deps.linkUp()) linkLostAt ??= t;
    else linkLostAt = undefined;
    for (const [machine, state] of heard) {
      const silentSince = Math.max(state.at, 0);
      const overdue = t - silentSince > timings.goneAfterMs;
      const cutOff = linkLostAt !== undefined && t - linkLostAt > timings.goneAfterMs;
      if (state.up && (overdue || cutOff)) await setMachine(machine, false, undefined);
      // Gone for a week: forgotten (its mirror files go), so that machines that never come back
      // do not pile up. Its mail waits in the server until the stream's age limit all the same.
      if (!state.up && state.at > 0 && t - state.at > FORGET_AFTER_MS) {
        heard.delete(machine);
        mirrored.delete(machine);
        await intercom.mesh.forgetMachine(machine);
      }
    }
  }

  async function onMachineEntry(entry: KvWatchEntry): Promise<void> {
    const machine = entry.key;
    if (machine === here && entry.operation === 'PUT' && entry.isUpdate) twinCheck(entry);
    if (machine === here || !isMachine(machine)) return;
    if (entry.operation !== 'PUT') {
      await setMachine(machine, false, undefined); // it stopped cleanly
      return;
    }
    let beatAt: number;
    try {
      const record = entry.json<Beat>();
      if (record.machine !== machine) return;
      beatAt = Date.parse(record.beat_at);
    } catch {
      return; // not a beat of ours: ignored (its machine stays as it was)
    }
    const t = now();
    // A beat replayed when the watch starts may be old (a machine that died long ago): count it
    // only if it is recent by its own stamp; a live machine's next beat comes within beat_ms anyway.
    if (!entry.isUpdate && !(Math.abs(t - beatAt) < timings.goneAfterMs && Math.abs(t - entry.created.getTime()) < timings.goneAfterMs)) {
      if (!heard.has(machine)) await setMachine(machine, false, undefined); // known, not up
      return;
    }
    await setMachine(machine, true, t);
  }

  async function onAgentEntry(entry: KvWatchEntry): Promise<void> {
    const [machine, code, ...rest] = entry.key.split('.');
    if (!machine || !code || rest.length || machine === here || !isMachine(machine) || !isCode(code)) return;
    if (entry.operation !== 'PUT') {
      mirrored.get(machine)?.delete(code);
      await intercom.mesh.removeAgent(machine, code);
      return;
    }
    const agent = await agentFromWire(entry.string(), machine, code);
    if (!agent.ok) {
      deps.log(`intercom relay: ignored agent ${code}@${machine}: ${agent.reason}`);
      return;
    }
    // A machine runs a handful of sessions; thousands are another machine flooding this store.
    const known = (mirrored.get(machine) ?? new Set<string>()).add(code);
    mirrored.set(machine, known);
    if (known.size > MAX_AGENTS_PER_MACHINE) {
      known.delete(code);
      if (!flooded.has(machine))
        deps.log(`intercom relay: machine ${machine} publishes more than ${MAX_AGENTS_PER_MACHINE} agents; the rest are ignored`);
      flooded.add(machine);
      return;
    }
    await intercom.mesh.writeAgent(agent.value);
  }

  async function follow(bucket: MeshLink['machines'], onEntry: (e: KvWatchEntry) => Promise<void>, what: string): Promise<void> {
    while (!stopped) {
      try {
        const watch = await bucket.watch();
        iterators.push(watch);
        for await (const entry of watch) {
          try {
            await onEntry(entry);
          } catch (error) {
            report(`mirroring ${what}`, error);
          }
          if (stopped) break;
        }
      } catch (error) {
        if (!stopped) report(`watching ${what}`, error);
      }
      if (!stopped) await Bun.sleep(1_000);
    }
  }

  /** Publish the local agents that changed, withdraw the ones that left. */
  let publishing = false;
  let publishAgain = false;
  async function publishAgents(): Promise<void> {
    if (publishing) {
      publishAgain = true;
      return;
    }
    publishing = true;
    try {
      do {
        publishAgain = false;
        const views = new Map((await intercom.who({ scope: 'all' })).filter((v) => !v.remote).map((v) => [v.code, v]));
        for (const agent of await intercom.agents.live()) {
          const view = views.get(agent.code);
          if (!view) continue;
          const value = JSON.stringify(agentToWire(agent, view, here));
          if (published.get(agent.code) === value) continue;
          await link.agents.put(names.agentKey(here, agent.code), value);
          published.set(agent.code, value);
        }
        for (const code of [...published.keys()]) {
          if (views.has(code)) continue;
          await link.agents.delete(names.agentKey(here, code));
          published.delete(code);
        }
      } while (publishAgain && !stopped);
      lastError = '';
    } catch (error) {
      report("publishing this machine's agents", error);
      published.clear(); // publish everything again at the next kick
    } finally {
      publishing = false;
    }
  }

  /** Withdraw agents this machine published in an earlier run that are not live now. */
  async function withdrawStale(): Promise<void> {
    const keys = await link.agents.keys(`${here}.*`);
    const live = new Set((await intercom.agents.live()).map((a) => names.agentKey(here, a.code)));
    for await (const key of keys) if (!live.has(key)) await link.agents.delete(key);
  }

  /**
   * Another relay beats under this machine's name (a cloned VM, a container sharing the host name,
   * two stores given one name): each would take half of the mail sent here. The one that started
   * later stops, saying why.
   */
  function twinCheck(entry: KvWatchEntry): void {
    let other: Partial<Beat>;
    try {
      other = entry.json<Beat>();
    } catch {
      return;
    }
    if (other.instance === undefined || other.instance === instance) return;
    const theirs = `${other.started_at ?? ''} ${other.instance}`;
    if (theirs < `${startedAt} ${instance}`) deps.onTwin(`another relay runs as machine ${here} (started ${other.started_at})`);
  }

  let sinceRepublish = 0;
  const tick = setInterval(() => {
    if (deps.linkUp()) void beat().catch((error) => report('beating', error));
    void sweep().catch((error) => report('checking other machines', error));
    sinceRepublish += timings.beatMs;
    if (sinceRepublish >= REPUBLISH_MS && deps.linkUp()) {
      sinceRepublish = 0;
      published.clear();
      void publishAgents();
    }
  }, timings.beatMs);

  // Known machines keep what the mirror says for one grace period: heard from by then, or gone.
  void (async () => {
    for (const m of await intercom.mesh.machines()) if (m.machine !== here) heard.set(m.machine, { at: now(), up: m.state === 'up' });
    await beat().catch((error) => report('beating', error));
    await withdrawStale().catch((error) => report('withdrawing old agents', error));
    await publishAgents();
  })();
  void follow(link.machines, onMachineEntry, 'machines');
  void follow(link.agents, onAgentEntry, 'agents');

  return {
    isUp: (machine) => heard.get(machine)?.up === true,
    kick: () => void publishAgents(),
    relinked() {
      beatsFailing = false; // the link's state was just set up: a failing beat must say so again
      void beat().catch((error) => report('beating', error));
      published.clear();
      void publishAgents();
    },
    async stop(clean) {
      stopped = true;
      clearInterval(tick);
      for (const it of iterators) it.stop();
      if (!clean) return;
      try {
        for (const code of published.keys()) await link.agents.delete(names.agentKey(here, code));
        await link.machines.delete(here);
      } catch (error) {
        deps.log(
          `intercom relay: could not withdraw this machine (${describeError(error)}); others mark it gone within ${Math.round((timings.goneAfterMs + timings.beatMs) / 1000)} s`,
        );
      }
    },
  };
}

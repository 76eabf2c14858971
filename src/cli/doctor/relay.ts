// doctor's look at the link to other machines (docs/relay.md): whether a relay runs for this
// store, its link to the NATS server, the machines it sees, and what waits in the outbox.
import type { Intercom } from '../../intercom/index.ts';
import type { Check } from './checks.ts';

/** `server`: CLAUDE_INTERCOM_NATS_URL, when set (a relay is then expected). */
export async function checkRelay(store: Intercom, server: string | undefined): Promise<Check[]> {
  const relay = await store.mesh.relay();
  const queued: string[] = [];
  for (const machine of await store.mesh.outboxMachines()) {
    const n = (await store.mesh.outboxIds(machine)).length;
    if (n) queued.push(`${n} for ${machine}`);
  }
  const backlog = queued.length ? `; queued: ${queued.join(', ')}` : '';
  if (!relay) {
    if (!server && !queued.length)
      return [{ level: 'ok', name: 'relay', detail: 'none (this machine only; README "Across machines" sets one up)' }];
    return [
      {
        level: 'FAIL',
        name: 'relay',
        detail: `no relay runs for this store${server ? ` (CLAUDE_INTERCOM_NATS_URL is set)` : ''}${backlog}: start one with \`intercom relay\`, or as a service with \`intercom install --relay <url>\``,
      },
    ];
  }
  const view = await store.mesh.view();
  const machines = [...view.machines.values()];
  const up = machines.filter((m) => m.state === 'up').map((m) => m.machine);
  const gone = machines.filter((m) => m.state === 'gone').map((m) => m.machine);
  const seen = `${up.length ? `machines up: ${up.join(', ')}` : 'no other machine up'}${gone.length ? `; gone: ${gone.join(', ')}` : ''}`;
  const where = `machine ${relay.machine} (pid ${relay.pid}) → ${relay.server}, namespace ${relay.namespace}`;
  const refused = relay.refused
    ? [
        {
          level: 'warn' as const,
          name: 'relay',
          detail: `refused ${relay.refused} payload(s) from other machines since it started; the last: ${relay.last_refused ?? '(unknown)'}`,
        },
      ]
    : [];
  if (relay.link === 'up')
    return [{ level: 'ok', name: 'relay', detail: `${where}, linked since ${relay.link_since}; ${seen}${backlog}` }, ...refused];
  return [
    {
      level: 'FAIL',
      name: 'relay',
      detail: `${where}: the link is ${relay.link} since ${relay.link_since}${relay.error ? ` (${relay.error})` : ''}${backlog}. Sends to other machines wait until it returns; check that the server runs and is reachable`,
    },
    ...refused,
  ];
}

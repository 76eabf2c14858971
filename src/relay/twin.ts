// One machine name, one relay: two relays under one name (a cloned VM, containers sharing the
// host name, two stores given one name) would each take half of the mail sent to that machine.
import type { MeshLink } from './setup.ts';

/**
 * Why another relay runs as `machine`, or undefined: its beat in the machines bucket is recent
 * (within `goneAfterMs` of `now`, by this machine's clock) and was written by another run than
 * this one (`instance`) or this store's previous one (`previous`, which a crash leaves behind).
 */
export async function runningTwin(
  link: MeshLink,
  machine: string,
  instance: string,
  previous: string | undefined,
  goneAfterMs: number,
  now: number,
): Promise<string | undefined> {
  const entry = await link.machines.get(machine);
  if (entry?.operation !== 'PUT') return undefined;
  let beat: { instance?: unknown; beat_at?: unknown; started_at?: unknown };
  try {
    beat = entry.json();
  } catch {
    return undefined;
  }
  if (typeof beat.instance !== 'string' || beat.instance === instance || beat.instance === previous) return undefined;
  const at = typeof beat.beat_at === 'string' ? Date.parse(beat.beat_at) : Number.NaN;
  if (!(Math.abs(now - at) < goneAfterMs)) return undefined;
  return `another relay already runs as machine ${machine} (it beat ${Math.round(Math.max(0, now - at) / 1000)} s ago)`;
}

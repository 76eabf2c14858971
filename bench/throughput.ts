// Send throughput: N sender processes × M messages into one inbox while this process drains it.
// Prints messages/s measured from the first sender's first write to the last sender's last write,
// next to the durable write floor measured in the same run with the same number of processes
// (fixtures/durable-floor.ts: write + fdatasync + link, nothing else). Bar (DESIGN.md §5): ≥ 0.9×.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openIntercom } from '../src/intercom/index.ts';
import { registerLive } from '../test/helpers/store.ts';

const FIXTURE = resolve(import.meta.dir, '..', 'test', 'fixtures', 'send-many.ts');
const FLOOR = resolve(import.meta.dir, 'fixtures', 'durable-floor.ts');

/** Messages/s of `writers` durable-floor processes × `perWriter` files, from the first write to the last. */
export async function measureDurableFloor(writers: number, perWriter: number): Promise<number> {
  const sandbox = mkdtempSync(join(tmpdir(), 'intercom-bench-floor-'));
  try {
    const procs = Array.from({ length: writers }, (_, i) =>
      Bun.spawn([process.execPath, FLOOR, sandbox, String(i), String(perWriter), '200'], { stdout: 'pipe', stderr: 'inherit' }),
    );
    const timings = (await Promise.all(procs.map((p) => new Response(p.stdout).text()))).map(
      (o) => JSON.parse(o) as { start: number; end: number },
    );
    const span = Math.max(...timings.map((t) => t.end)) - Math.min(...timings.map((t) => t.start));
    return (writers * perWriter) / (span / 1000);
  } finally {
    rmSync(sandbox, { recursive: true, force: true });
  }
}

export async function measureThroughput(
  senders: number,
  perSender: number,
): Promise<{ perSecond: number; received: number; lost: number }> {
  const sandbox = mkdtempSync(join(tmpdir(), 'intercom-bench-'));
  try {
    const root = join(sandbox, 'store');
    const store = await openIntercom({ root });
    const me = await registerLive(store, { project: 'bench', projectRoot: root });
    const procs = Array.from({ length: senders }, (_, i) =>
      Bun.spawn([process.execPath, FIXTURE, root, me.code, String(i), String(perSender), '200'], { stdout: 'pipe', stderr: 'inherit' }),
    );
    let received = 0;
    let done = false;
    const outputs = Promise.all(procs.map((p) => new Response(p.stdout).text())).finally(() => (done = true));
    // The reader drains in batches, as peek does: read (and validate) everything new, move it
    // on, pause 5 ms, again. (Reacting to every single fs event instead halves throughput on
    // 2 cores: the per-event work competes with the senders.)
    while (!done || (await store.mail.countNew(me.code)) > 0) {
      const batch = await store.mail.list(me.code, ['new']);
      received += batch.length;
      if (batch.length)
        await store.mail.ack(
          me.code,
          batch.map((m) => m.message.id),
        );
      await Bun.sleep(5);
    }
    const timings = (await outputs).map((o) => JSON.parse(o) as { start: number; end: number });
    const span = Math.max(...timings.map((t) => t.end)) - Math.min(...timings.map((t) => t.start));
    const total = senders * perSender;
    return { perSecond: total / (span / 1000), received, lost: total - received };
  } finally {
    rmSync(sandbox, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  for (const senders of [1, 8]) {
    // Floor and sends alternate, twice each, so both see the same machine; the best of each is shown.
    const floors: number[] = [];
    const sends: { perSecond: number; lost: number }[] = [];
    for (let round = 0; round < 2; round++) {
      floors.push(await measureDurableFloor(senders, 1000));
      sends.push(await measureThroughput(senders, 1000));
    }
    const floor = Math.max(...floors);
    const best = Math.max(...sends.map((r) => r.perSecond));
    const lost = sends.reduce((n, r) => n + r.lost, 0);
    console.log(
      `send throughput, ${senders} sender(s) × 1000 (reader draining): ${Math.round(best)} msg/s, lost ${lost}; ` +
        `durable floor (write + fdatasync + link, ${senders} writer(s)): ${Math.round(floor)} msg/s → ${(best / floor).toFixed(2)}× (bar 0.9×)`,
    );
  }
}

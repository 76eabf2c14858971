// Waiting in tests for a condition another process brings about (a watcher armed, a process
// gone). A deadline turns a hang into a clear failure; it is a bound, not a measurement.

export async function until<T>(probe: () => T | undefined | false | Promise<T | undefined | false>, what: string, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await Bun.sleep(20);
  }
}

export function isGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch {
    return true;
  }
}

export function exited(pid: number, ms?: number): Promise<true> {
  return until(() => isGone(pid), `pid ${pid} to exit`, ms);
}

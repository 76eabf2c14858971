// Reading an agent's busy/idle state straight from the store, as another tool would: the newest
// event file in activity/<code>/ (see store/README.md).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The newest activity record of `code`, or undefined when no hook has written one. */
export function activityRecord(store: string, code: string): { state: string; at: string; since?: string } | undefined {
  const dir = join(store, 'activity', code);
  if (!existsSync(dir)) return undefined;
  const newest = readdirSync(dir)
    .filter((n) => n.endsWith('.json'))
    .sort()
    .at(-1);
  return newest ? JSON.parse(readFileSync(join(dir, newest), 'utf8')) : undefined;
}

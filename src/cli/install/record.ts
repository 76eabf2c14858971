// What `intercom install` created, so that `intercom uninstall` removes that and nothing else:
// the files that did not exist (settings.json, ~/.claude.json), the folders it made (skills/,
// skills/intercom/) and the JSON keys it added ("hooks", "hooks.Stop", "mcpServers"). Uninstall
// removes each only when nothing else is left in it. Kept in <config dir>/intercom-install.json.
// Without a record (installed by an older intercom), uninstall removes the keys it left empty,
// as before, and the skill's own folder; no other folder.
import type { JSONPath } from 'jsonc-parser';

export interface InstallRecord {
  files: string[];
  folders: string[];
  /** Per file, the keys install added to it. */
  keys: Record<string, JSONPath[]>;
}

export const EMPTY_RECORD: InstallRecord = { files: [], folders: [], keys: {} };

const ABOUT =
  'Written by `intercom install`: the files, folders and JSON keys it created, so that `intercom uninstall` removes only those (each when nothing else is left in it).';

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

/** The record in a file's text; undefined when there is none or it cannot be read (then uninstall keeps folders). */
export function parseRecord(text: string | undefined): InstallRecord | undefined {
  if (text === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { files, folders, keys } = value as Record<string, unknown>;
  const byFile: Record<string, JSONPath[]> = {};
  if (typeof keys === 'object' && keys !== null) {
    for (const [file, paths] of Object.entries(keys)) {
      if (Array.isArray(paths))
        byFile[file] = paths.filter((p): p is JSONPath => Array.isArray(p) && p.every((s) => typeof s === 'string'));
    }
  }
  return { files: strings(files), folders: strings(folders), keys: byFile };
}

export function renderRecord(record: InstallRecord): string {
  const text = JSON.stringify({ about: ABOUT, version: 1, ...record }, null, 2);
  // Each key path on one line: ["hooks", "Stop"].
  return `${text.replace(/\[\s+((?:"[^"\n]*",?\s+)+)\]/g, (_, items: string) => `[${items.trim().split(/,\s+/).join(', ')}]`)}\n`;
}

/** What an earlier install recorded, plus what this one creates. */
export function mergeRecords(a: InstallRecord, b: InstallRecord): InstallRecord {
  const keys: Record<string, JSONPath[]> = { ...a.keys };
  for (const [file, paths] of Object.entries(b.keys)) {
    const seen = new Set((keys[file] ?? []).map((p) => JSON.stringify(p)));
    keys[file] = [...(keys[file] ?? []), ...paths.filter((p) => !seen.has(JSON.stringify(p)))];
    if (keys[file]!.length === 0) delete keys[file];
  }
  return { files: [...new Set([...a.files, ...b.files])], folders: [...new Set([...a.folders, ...b.folders])], keys };
}

export function sameKey(a: JSONPath, b: JSONPath): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

// Editing a user's JSON in place (src/cli/install/json-edit.ts): what is added sits where the
// file's own style puts it, and removing it gives back the very bytes that were there. A file
// intercom cannot edit safely (a key of the wrong kind where it adds, a key held twice) is
// refused before anything changes, and a broken text is never written (apply.ts).
import { describe, expect, test } from 'bun:test';
import { chmodSync, lstatSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'jsonc-parser';
import { applyPlan } from '../../src/cli/install/apply.ts';
import { addAt, parseObject, removeAt, replaceAt } from '../../src/cli/install/json-edit.ts';
import { planInstall, planUninstall } from '../../src/cli/install/plan.ts';
import type { FileChange, McpRoute, Plan } from '../../src/cli/install/plan.ts';
import { tmpDir } from '../helpers/tmp.ts';

const group = { hooks: [{ type: 'command', command: 'intercom hook stop' }] };

/** [name, original text, path added, value, path removed (the first key it created), what the added text contains]. */
const cases: [string, string, (string | number)[], unknown, (string | number)[], string][] = [
  [
    'a one-line file stays one line, in its own spacing',
    '{"theme":"dark","hooks":{"Stop":[{"hooks":[]}]}}',
    ['hooks', 'SessionStart'],
    [group],
    ['hooks', 'SessionStart'],
    '{"theme":"dark","hooks":{"Stop":[{"hooks":[]}],"SessionStart":[{"hooks":[{"type":"command","command":"intercom hook stop"}]}]}}',
  ],
  [
    'an item appended to a one-line array stays on its line',
    '{\n   "hooks": {"Stop": [{"hooks": []}]}\n}\n',
    ['hooks', 'Stop', -1],
    group,
    ['hooks', 'Stop', 1],
    '"Stop": [{"hooks": []},{"hooks":[{"type":"command","command":"intercom hook stop"}]}]',
  ],
  [
    'three-space indent, comments kept, the new key at its siblings’ indent',
    '{\n   // mine\n   "theme": "dark", /* inline */\n   "model": "opus"\n}\n',
    ['hooks', 'Stop'],
    [group],
    ['hooks'],
    '   "model": "opus",\n   "hooks": {\n      "Stop": [\n         {\n',
  ],
  [
    'a comment after the last item stays with it',
    '{\n  "theme": "dark" // my theme\n}\n',
    ['hooks'],
    {},
    ['hooks'],
    '  "theme": "dark", // my theme\n  "hooks": {}',
  ],
  [
    'a comment on a line of its own before the closing brace stays last',
    '{\n  "theme": "dark"\n  // the end\n}\n',
    ['hooks'],
    { Stop: [] },
    ['hooks'],
    '  "theme": "dark",\n  "hooks": {\n    "Stop": []\n  }\n  // the end\n}',
  ],
  [
    'tabs and CRLF line ends',
    '{\r\n\t"a": {\r\n\t\t"b": 1\r\n\t}\r\n}\r\n',
    ['a', 'c'],
    { Stop: [] },
    ['a', 'c'],
    '\t\t"b": 1,\r\n\t\t"c": {\r\n\t\t\t"Stop": []\r\n\t\t}\r\n\t}',
  ],
  ['an empty file object', '{}', ['hooks'], { Stop: [] }, ['hooks'], '{\n  "hooks": {\n    "Stop": []\n  }\n}'],
  [
    'an empty object in a pretty file',
    '{\n    "mcpServers": {},\n    "n": 1\n}',
    ['mcpServers', 'intercom'],
    group,
    ['mcpServers', 'intercom'],
    '    "mcpServers": {\n        "intercom": {\n',
  ],
  [
    'a trailing comma stays last',
    '{\n  "theme": "dark",\n}',
    ['hooks'],
    { Stop: [] },
    ['hooks'],
    '  "theme": "dark",\n  "hooks": {\n    "Stop": []\n  },\n}',
  ],
  [
    'an empty array with a comment in it',
    '{"a": [ /* none yet */ ]}',
    ['a', -1],
    group,
    ['a', 0],
    '{"a": [{"hooks":[{"type":"command","command":"intercom hook stop"}]} /* none yet */ ]}',
  ],
];

describe('json-edit', () => {
  test.each(cases)('%s; removing it gives the same bytes back', (_name, original, path, value, removed, expected) => {
    const added = addAt(original, path, value);
    expect(added).toContain(expected);
    const errors: unknown[] = [];
    parse(added, errors as never, { allowTrailingComma: true });
    expect(errors).toEqual([]);
    expect(removeAt(added, removed)).toBe(original);
  });

  test('an item that is no longer last (one was added after it) goes with its separator', () => {
    const text = '{\n  "a": 1,\n  "b": 2,\n  "c": 3\n}';
    expect(removeAt(text, ['b'])).toBe('{\n  "a": 1,\n  "c": 3\n}');
  });

  test('replacing a value keeps its place and indent', () => {
    const text = '{\n  "mcpServers": {\n    "intercom": {"command": "old"},\n    "other": {}\n  }\n}';
    expect(replaceAt(text, ['mcpServers', 'intercom'], { command: 'new' })).toBe(
      '{\n  "mcpServers": {\n    "intercom": {\n      "command": "new"\n    },\n    "other": {}\n  }\n}',
    );
  });
});

/** Valid JSON of another kind than the container intercom adds to. */
const WRONG = ['null', '[]', '"x"', '3', 'true', '{}'];

describe('json-edit refuses to add into a value of the wrong kind', () => {
  // Before: `"mcpServers": null` became `"mcpServers": n\n "intercom": {…}ull`.
  test.each([
    ['mcpServers', 'null', ['mcpServers', 'intercom']],
    ['mcpServers', '[]', ['mcpServers', 'intercom']],
    ['mcpServers', '"x"', ['mcpServers', 'intercom']],
    ['mcpServers', '3', ['mcpServers', 'intercom']],
    ['hooks', '[]', ['hooks', 'Stop', -1]],
    ['Stop', '{}', ['hooks', 'Stop', -1]],
    ['Stop', 'null', ['hooks', 'Stop', -1]],
  ] as const)('%s: %s', (key, value, path) => {
    const text = key === 'Stop' ? `{\n  "hooks": {"Stop": ${value}}\n}\n` : `{\n  "${key}": ${value}\n}\n`;
    expect(() => addAt(text, [...path], { a: 1 })).toThrow(/^json-edit: cannot add .* not (an object|a list)$/);
  });
});

const TARGET = {
  userConfigFile: '/c/.claude.json',
  settingsFile: '/c/settings.json',
  skillFile: '/c/skills/intercom/SKILL.md',
  recordFile: '/c/r.json',
};
const RUNTIME = { bun: '/b/bun', entry: '/e/src/bin/intercom.ts', skill: '---\nname: intercom\n---\n' };
const FILE: McpRoute = { kind: 'file', why: 'no claude' };
const CLAUDE: McpRoute = { kind: 'claude', claude: '/b/claude' };
const planFor = (files: { userConfig?: string; settings?: string }, route: McpRoute = FILE) =>
  planInstall(
    TARGET,
    { userConfig: files.userConfig, settings: files.settings, skill: undefined },
    { record: undefined, missingFolders: [] },
    RUNTIME,
    route,
  );

describe('install refuses a file it cannot edit safely, before any change', () => {
  const KIND: Record<string, string> = { null: 'null', '[]': 'a list', '"x"': 'a string', '3': 'a number', true: 'a boolean' };

  test.each(Object.keys(KIND))('~/.claude.json with "mcpServers": %s, by either route', (value) => {
    const userConfig = `{\n  "numStartups": 3,\n  "mcpServers": ${value}\n}\n`;
    const message = `/c/.claude.json: mcpServers is ${KIND[value]}, not an object; fix it or move it aside, then run this again. Nothing was changed.`;
    // The claude route too: Claude Code's own `claude mcp add-json` turns "x" there into {"0": "x"}.
    for (const route of [FILE, CLAUDE]) expect(() => planFor({ userConfig }, route)).toThrow(message);
  });

  test.each(Object.keys(KIND))('settings.json with "hooks" (or "hooks.Stop", where a list belongs) of another kind: %s', (value) => {
    expect(() => planFor({ settings: `{"hooks": ${value}}` })).toThrow(
      `/c/settings.json: hooks is ${KIND[value]}, not an object; fix it or move it aside`,
    );
    if (value === '[]') return;
    expect(() => planFor({ settings: `{"hooks": {"Stop": ${value}}}` })).toThrow(
      `/c/settings.json: hooks.Stop is ${KIND[value]}, not a list; fix it or move it aside, then run this again. Nothing was changed.`,
    );
  });

  test.each(WRONG)('a group (or its "hooks") of another kind is left as it is: intercom only appends whole groups (%s)', (value) => {
    for (const settings of [`{"hooks": {"Stop": [${value}]}}`, `{"hooks": {"Stop": [{"hooks": ${value}}]}}`]) {
      const after = planFor({ settings }).changes.find((c) => c.path === TARGET.settingsFile)!.after!;
      const parsed = JSON.parse(after) as { hooks: { Stop: unknown[] } };
      expect(parsed.hooks.Stop[0]).toEqual(JSON.parse(settings).hooks.Stop[0]);
      expect(parsed.hooks.Stop).toHaveLength(2);
    }
  });

  // Claude Code's JSON.parse keeps a key's last copy; jsonc-parser's lookups (our edits) find the first.
  test.each<[string, string, string, { userConfig?: string; settings?: string }]>([
    ['settings.json', 'hooks.Stop', '3 and 4', { settings: '{\n  "hooks": {\n    "Stop": [],\n    "Stop": []\n  }\n}\n' }],
    ['settings.json', 'hooks', '1 and 1', { settings: '{"hooks": {}, "hooks": {}}' }],
    ['settings.json', 'hooks.Stop[0].hooks', '1 and 1', { settings: '{"hooks": {"Stop": [{"hooks": [], "hooks": []}]}}' }],
    ['.claude.json', 'projects["/home/me/app"].a', '1 and 1', { userConfig: '{"projects": {"/home/me/app": {"a": 1, "a": 2}}}' }],
    ['.claude.json', 'mcpServers', '1 and 1', { userConfig: '{"mcpServers": {}, "mcpServers": {"x": {}}}' }],
  ])('%s with the key %s twice is refused by install and uninstall, naming it', (file, key, lines, files) => {
    const message = `/c/${file} has the key ${key} twice (lines ${lines}); Claude Code reads only the last one, and intercom would edit the first: keep one, then run this again. Nothing was changed.`;
    expect(() => planFor(files)).toThrow(message);
    const current = { userConfig: files.userConfig ?? '{}', settings: files.settings ?? '{}', skill: undefined };
    expect(() => planUninstall(TARGET, current, { record: undefined, missingFolders: [] }, RUNTIME, FILE)).toThrow(message);
    expect(() => parseObject('f', files.userConfig ?? files.settings!, { comments: true })).toThrow(`has the key ${key} twice`);
  });
});

describe('applying a plan', () => {
  const options = (dir: string) => ({ backupDir: join(dir, 'backups'), claude: undefined, env: {}, onWait: () => {} });
  const change = (path: string, before: string | undefined, after: string, extra: Partial<FileChange> = {}): FileChange => ({
    path,
    before,
    after,
    summary: ['test'],
    ...extra,
  });

  test.each([
    ['json', 'a JSON file broken by the plan', '{"mcpServers": n\n "intercom": {}ull}', 'would not be valid JSON'],
    ['json', 'plain JSON must not hold comments', '{\n  // no\n  "a": 1\n}', 'would not be valid JSON'],
    ['jsonc', 'JSON with comments, broken', '{\n  // fine\n  "a": \n}', 'ValueExpected'],
    ['json', 'not an object', '[1]', 'it holds a list, not an object'],
    ['jsonc', 'a key twice', '{"hooks": {}, "hooks": {}}', 'it has the key hooks twice'],
  ] as const)('%s: %s is refused before anything is written', async (format, _what, broken, reason) => {
    const dir = tmpDir('intercom-apply-');
    const first = join(dir, 'settings.json');
    const second = join(dir, 'other.json');
    writeFileSync(first, '{}\n');
    const bad: Plan = {
      commands: [],
      changes: [change(first, '{}\n', '{"ok": true}\n', { format: 'jsonc' }), change(second, undefined, broken, { format })],
      folders: [],
      notes: [],
    };
    const error = applyPlan(bad, options(dir));
    await expect(error).rejects.toThrow(`intercom's change to ${second} would not be valid JSON (`);
    await expect(error).rejects.toThrow(reason);
    await expect(error).rejects.toThrow('so it was not written; the file is as it was');
    // The guard runs before the first write: the good change before it is not made either.
    expect(readFileSync(first, 'utf8')).toBe('{}\n');
    expect(readdirSync(dir).sort()).toEqual(['settings.json']);
  });

  test("the text made again under Claude Code's lock is checked too", async () => {
    const dir = tmpDir('intercom-apply-');
    const path = join(dir, '.claude.json');
    writeFileSync(path, '{"mcpServers": null}');
    const redo = (text: string | undefined) => text!.replace('null', 'n{"intercom": {}}ull');
    const bad: Plan = { commands: [], changes: [change(path, undefined, '{}', { format: 'json', redo })], folders: [], notes: [] };
    await expect(applyPlan(bad, options(dir))).rejects.toThrow(`intercom's change to ${path} would not be valid JSON`);
    expect(readFileSync(path, 'utf8')).toBe('{"mcpServers": null}');
    expect(readdirSync(dir).sort()).toEqual(['.claude.json']);
  });

  test('a file is replaced by a fresh temp file of its own mode, never through a planted link; nothing is left behind', async () => {
    const dir = tmpDir('intercom-apply-');
    const path = join(dir, 'settings.json');
    writeFileSync(path, '{}\n');
    chmodSync(path, 0o660);
    // Where the temp file used to go (`<file>.intercom-tmp-<pid>`): a link someone planted.
    const victim = join(dir, 'victim');
    writeFileSync(victim, 'untouched');
    const planted = `${path}.intercom-tmp-${process.pid}`;
    symlinkSync(victim, planted);
    const plan: Plan = { commands: [], changes: [change(path, '{}\n', '{"a": 1}\n', { format: 'jsonc' })], folders: [], notes: [] };
    await applyPlan(plan, options(dir));
    expect(readFileSync(victim, 'utf8')).toBe('untouched');
    expect(lstatSync(path).isFile()).toBe(true);
    expect(readFileSync(path, 'utf8')).toBe('{"a": 1}\n');
    // 0o660 exactly, though the umask (022 here) would take the group's write bit off a new file.
    expect(statSync(path).mode & 0o777).toBe(0o660);
    expect(readdirSync(dir).sort()).toEqual(['backups', 'settings.json', `settings.json.intercom-tmp-${process.pid}`, 'victim']);
  });
});

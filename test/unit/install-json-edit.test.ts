// Editing a user's JSON in place (src/cli/install/json-edit.ts): what is added sits where the
// file's own style puts it, and removing it gives back the very bytes that were there.
import { describe, expect, test } from 'bun:test';
import { parse } from 'jsonc-parser';
import { addAt, removeAt, replaceAt } from '../../src/cli/install/json-edit.ts';

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

// Editing a user's JSON file in place: only the bytes of what intercom adds or removes change;
// the user's formatting, comments, key order and one-line objects stay as they were.
// jsonc-parser parses (comments and trailing commas allowed) and locates every node by offset;
// detect-indent finds the file's indent unit. The edits themselves are ours, for one reason:
// a removal must take out exactly the bytes its insertion put in, so that `install` then
// `uninstall` gives the same file back. (jsonc-parser's `modify` with formatting options
// re-formats every line an edit touches, and its removal of a last array item leaves a byte.)
//
// The rules: an item appended to a container spanning several lines goes on its own line, at the
// indent of its siblings, pretty-printed with the file's indent unit; one appended to a one-line
// container is written compactly on that line; a same-line comment after the last item stays
// with that item. Removing the last item takes out everything from the end of the item before
// it, which is just what appending it put in. An item put into an empty `{}` or `[]` is laid on
// its own lines, and removing the only item of a container leaves `{}` or `[]` (a `{\n}` that
// once held intercom alone comes back as `{}`).
import detectIndent from 'detect-indent';
import { applyEdits, createScanner, findNodeAtLocation, getNodeValue, parseTree, printParseErrorCode } from 'jsonc-parser';
import type { Edit, JSONPath, Node, ParseError } from 'jsonc-parser';
import { IntercomError } from '../../core/errors.ts';

export type Json = Record<string, unknown>;

// jsonc-parser's SyntaxKind (a const enum in its typings, so spelled out here).
const COMMA = 5;
const LINE_COMMENT = 12;
const BLOCK_COMMENT = 13;
const TRIVIA = 15;
const EOF = 17;

/** The text as a tree; a file that is not a JSON object is an error naming the place. */
export function parseObject(path: string, text: string, { comments }: { comments: boolean }): { root: Node; value: Json } {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: comments, disallowComments: !comments });
  const first = errors[0];
  if (first) {
    const line = text.slice(0, first.offset).split('\n').length;
    const what = comments ? 'JSON' : 'JSON (Claude Code reads it as plain JSON: no comments, no trailing commas)';
    throw new IntercomError(
      'BAD_INPUT',
      `${path} is not valid ${what}: ${printParseErrorCode(first.error)} at line ${line}; fix it or move it aside, then run this again. Nothing was changed.`,
    );
  }
  if (root === undefined || root.type !== 'object') {
    throw new IntercomError(
      'BAD_INPUT',
      `${path} does not hold a JSON object; fix it or move it aside, then run this again. Nothing was changed.`,
    );
  }
  const twice = repeatedKey(root, []);
  if (twice) {
    const line = (offset: number) => text.slice(0, offset).split('\n').length;
    throw new IntercomError(
      'BAD_INPUT',
      `${path} has the key ${keyPath(twice.path)} twice (lines ${line(twice.first)} and ${line(twice.again)}); Claude Code reads only the last one, ` +
        'and intercom would edit the first: keep one, then run this again. Nothing was changed.',
    );
  }
  return { root, value: getNodeValue(root) as Json };
}

/**
 * The first key that an object holds twice, anywhere in the tree. JSON.parse (Claude Code) keeps
 * the last one, jsonc-parser's findNodeAtLocation (our edits) finds the first: in such a file
 * intercom would edit a copy Claude Code ignores.
 */
function repeatedKey(node: Node, path: JSONPath): { path: JSONPath; first: number; again: number } | undefined {
  if (node.type === 'array') {
    for (const [i, item] of (node.children ?? []).entries()) {
      const found = repeatedKey(item, [...path, i]);
      if (found) return found;
    }
  }
  if (node.type !== 'object') return undefined;
  const seen = new Map<string, number>();
  for (const property of node.children ?? []) {
    const [key, value] = property.children ?? [];
    if (!key) continue;
    const name = key.value as string;
    const first = seen.get(name);
    if (first !== undefined) return { path: [...path, name], first, again: key.offset };
    seen.set(name, key.offset);
    const found = value && repeatedKey(value, [...path, name]);
    if (found) return found;
  }
  return undefined;
}

/** A key path as a person reads it: `hooks.Stop[0].hooks`, `projects["/home/me/app"]`. */
export function keyPath(path: JSONPath): string {
  return path
    .map((segment, i) => {
      if (typeof segment === 'number') return `[${segment}]`;
      if (!/^[A-Za-z_$][\w$-]*$/.test(segment)) return `[${JSON.stringify(segment)}]`;
      return i === 0 ? segment : `.${segment}`;
    })
    .join('');
}

/** What a JSON value is, in a person's words ("null", "a list", "a string"…), for errors. */
export function kindOf(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

/**
 * Why `text` is not a JSON object that its reader takes as intercom meant it (undefined: it is
 * one): the last guard before a file is written. `comments: false` is Claude Code's own
 * JSON.parse; `comments: true` is JSON with comments (settings.json, kept as the user wrote it).
 */
export function jsonProblem(text: string, { comments }: { comments: boolean }): string | undefined {
  if (!comments) {
    try {
      JSON.parse(text);
    } catch (error) {
      return (error as Error).message;
    }
  }
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: comments, disallowComments: !comments });
  const first = errors[0];
  if (first) return `${printParseErrorCode(first.error)} at line ${text.slice(0, first.offset).split('\n').length}`;
  if (root?.type !== 'object') return `it holds ${kindOf(root && getNodeValue(root))}, not an object`;
  const twice = repeatedKey(root, []);
  return twice && `it has the key ${keyPath(twice.path)} twice`;
}

/** Comments or trailing commas: JSON with comments, which Claude Code 2.1.330 rejects as malformed. */
export function hasJsoncExtras(text: string): boolean {
  const errors: ParseError[] = [];
  parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  return errors.length > 0;
}

/** A new file's text: what Claude Code itself writes (two spaces, final newline). */
export function newFileText(value: Json): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

interface Style {
  unit: string;
  eol: string;
}

function styleOf(text: string): Style {
  return { unit: detectIndent(text).indent || '  ', eol: text.includes('\r\n') ? '\r\n' : '\n' };
}

const end = (node: Node) => node.offset + node.length;

/** The whitespace that starts the line `offset` is on. */
function lineIndent(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(start))![0];
}

function isOneLine(text: string, node: Node): boolean {
  return !text.slice(node.offset, end(node)).includes('\n');
}

/** The container a node sits in, and the node that is its entry there (the property, for a value). */
function entryOf(node: Node): { container: Node; entry: Node } {
  const parent = node.parent!;
  return parent.type === 'property' ? { container: parent.parent!, entry: parent } : { container: parent, entry: node };
}

function render(value: unknown, key: string | undefined, pretty: { indent: string; style: Style } | undefined, colon = ': '): string {
  const head = key === undefined ? '' : JSON.stringify(key) + colon;
  if (!pretty) return head + JSON.stringify(value);
  const body = JSON.stringify(value, null, pretty.style.unit)
    .split('\n')
    .join(pretty.style.eol + pretty.indent);
  return head + body;
}

/** In a one-line container, the spacing its entries already use after a comma and a colon. */
function compactSpacing(text: string, children: Node[]): { comma: string; colon: string } {
  const [first, second] = children;
  const comma = second ? (/^\s*,([ \t]*)/.exec(text.slice(end(first!), second.offset))?.[1] ?? '') : '';
  const [key, value] = first?.type === 'property' ? (first.children ?? []) : [];
  const colon = key && value ? text.slice(end(key), value.offset) : ':';
  return { comma, colon };
}

/**
 * Add `value` at `path`: a new key of an object, or (last segment -1) a new last item of an
 * array. Missing objects on the way are created with it. The key must not exist yet.
 */
export function addAt(text: string, path: JSONPath, value: unknown): string {
  const style = styleOf(text);
  let container = parseTree(text, [], { allowTrailingComma: true })!;
  let at = 0;
  for (; at < path.length - 1; at++) {
    const next = findNodeAtLocation(container, [path[at]!]);
    if (!next) break;
    container = next;
  }
  const key = path[at]!;
  assertContainer(container, path.slice(0, at), key);
  let item = value;
  for (let i = path.length - 1; i > at; i--) {
    const segment = path[i];
    // Only objects are made on the way; a list to create is the caller's value.
    if (typeof segment !== 'string') throw new Error(`json-edit: cannot create a list on the way to ${keyPath(path)}`);
    item = { [segment]: item };
  }
  return applyEdits(text, insertion(text, style, container, typeof key === 'string' ? key : undefined, item));
}

/**
 * An insertion goes into an object (under a string key) or at the end of a list (-1). Into
 * anything else (null, a string, the other kind of container) it would break the file: callers
 * check the user's file first and say so in their words, so reaching this is a bug in the caller.
 */
function assertContainer(container: Node, where: JSONPath, key: string | number): void {
  const want = typeof key === 'string' ? 'object' : 'array';
  if (container.type === want && (want === 'object' || key === -1)) return;
  const place = where.length ? keyPath(where) : 'the top level';
  throw new Error(
    `json-edit: cannot add ${JSON.stringify(key)} at ${place}: it is ${kindOf(getNodeValue(container))}, not ${want === 'object' ? 'an object' : 'a list'}`,
  );
}

function insertion(text: string, style: Style, container: Node, key: string | undefined, value: unknown): Edit[] {
  const children = container.children ?? [];
  const last = children.at(-1);
  if (!last) {
    // Empty: laid on its own lines, unless it sits in a one-line container (then compact).
    const outer = container.parent && entryOf(container).container;
    if (outer && isOneLine(text, outer)) return [{ offset: container.offset + 1, length: 0, content: render(value, key, undefined) }];
    const outerIndent = lineIndent(text, container.offset);
    const indent = outerIndent + style.unit;
    const item = style.eol + indent + render(value, key, { indent, style });
    const inner = { offset: container.offset + 1, length: container.length - 2 };
    // Only whitespace inside: replace it, so removing the item gives `{}` back.
    if (text.slice(inner.offset, inner.offset + inner.length).trim() === '') {
      return [{ ...inner, content: item + style.eol + outerIndent }];
    }
    return [{ offset: inner.offset, length: 0, content: item }];
  }
  if (isOneLine(text, container)) {
    const { comma, colon } = compactSpacing(text, children);
    return [{ offset: end(last), length: 0, content: `,${comma}${render(value, key, undefined, colon)}` }];
  }
  const first = children[0]!;
  const ownLine = text.slice(text.lastIndexOf('\n', first.offset - 1) + 1, first.offset).trim() === '';
  const indent = ownLine ? lineIndent(text, first.offset) : lineIndent(text, container.offset) + style.unit;
  const item = style.eol + indent + render(value, key, { indent, style });
  const after = trailingComments(text, end(last));
  // With a trailing comma already there (JSON with comments), ours goes before it: it stays last.
  if (after.comma || after.commentEnd === undefined) return [{ offset: end(last), length: 0, content: `,${item}` }];
  // A comment on the last item's line stays with it: the comma before it, the new item after it.
  return [
    { offset: end(last), length: 0, content: ',' },
    { offset: after.commentEnd, length: 0, content: item },
  ];
}

/** From `offset` to the end of its line: where the comments there end, and whether a comma comes first. */
function trailingComments(text: string, offset: number): { comma: boolean; commentEnd: number | undefined } {
  const scanner = createScanner(text.slice(offset), false);
  let commentEnd: number | undefined;
  for (let token = scanner.scan(); ; token = scanner.scan()) {
    if (token === TRIVIA) continue;
    if (token === COMMA && commentEnd === undefined) return { comma: true, commentEnd };
    if (token === LINE_COMMENT || token === BLOCK_COMMENT) {
      commentEnd = offset + scanner.getTokenOffset() + scanner.getTokenLength();
      if (token === LINE_COMMENT) return { comma: false, commentEnd };
      continue;
    }
    return { comma: false, commentEnd };
  }
}

/** Replace the value at `path` (which exists), keeping where it is. */
export function replaceAt(text: string, path: JSONPath, value: unknown): string {
  const style = styleOf(text);
  const node = findNodeAtLocation(parseTree(text, [], { allowTrailingComma: true })!, path)!;
  const { container, entry } = entryOf(node);
  const pretty = isOneLine(text, container) ? undefined : { indent: lineIndent(text, entry.offset), style };
  return applyEdits(text, [{ offset: node.offset, length: node.length, content: render(value, undefined, pretty) }]);
}

/** Remove the key or item at `path` (which exists): the bytes that adding it put in. */
export function removeAt(text: string, path: JSONPath): string {
  const node = findNodeAtLocation(parseTree(text, [], { allowTrailingComma: true })!, path)!;
  const { container, entry } = entryOf(node);
  const children = container.children!;
  const index = children.indexOf(entry);
  const inner = { offset: container.offset + 1, length: container.length - 2 };
  if (children.length === 1) {
    const rest = text.slice(inner.offset, entry.offset) + text.slice(end(entry), inner.offset + inner.length);
    const edit = rest.trim() === '' ? { ...inner, content: '' } : { offset: inner.offset, length: end(entry) - inner.offset, content: '' };
    return applyEdits(text, [edit]);
  }
  if (index < children.length - 1) {
    // Not last (something was added after it): take it and what separates it from the next.
    return applyEdits(text, [{ offset: entry.offset, length: children[index + 1]!.offset - entry.offset, content: '' }]);
  }
  const previous = children[index - 1]!;
  const between = text.slice(end(previous), entry.offset);
  const { comma, commentsEnd } = separator(between);
  if (commentsEnd === undefined || comma === undefined) {
    return applyEdits(text, [{ offset: end(previous), length: end(entry) - end(previous), content: '' }]);
  }
  // A comment after the item before: keep it, take the comma before it and the item after it.
  const afterComments = end(previous) + commentsEnd;
  return applyEdits(text, [
    { offset: end(previous) + comma, length: 1, content: '' },
    { offset: afterComments, length: end(entry) - afterComments, content: '' },
  ]);
}

/** In the text between two items: where its comma is, and where its last comment ends (if any). */
function separator(between: string): { comma: number | undefined; commentsEnd: number | undefined } {
  const scanner = createScanner(between, false);
  let comma: number | undefined;
  let commentsEnd: number | undefined;
  for (let token = scanner.scan(); token !== EOF; token = scanner.scan()) {
    if (token === LINE_COMMENT || token === BLOCK_COMMENT) commentsEnd = scanner.getTokenOffset() + scanner.getTokenLength();
    else if (token === COMMA) comma ??= scanner.getTokenOffset();
  }
  return { comma, commentsEnd };
}

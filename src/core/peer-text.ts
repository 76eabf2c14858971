// Peer-controlled text made inert for any reader that is a model: a body inside a frame, a value
// as an attribute, a value inline on a line. Used wherever such text is shown (store errors that
// name a project, tool results, hook deliveries); the frames themselves live in
// intercom/presentation.ts.

/**
 * Characters that look like "<": the fullwidth and small forms, angle brackets and quotation
 * marks, modifier letters, less-than relations, and Unicode's confusables for "<" (UTS #39).
 */
const LESS_THAN_LIKE =
  '<\uff1c\ufe64\u2039\u276e\u276c\u2770\u02c2\u02f1\u1438\u16b2\u2329\u3008\u300a\u27e8\u27ea\u29fc\ufe3f\ufe3d' +
  '\u2a7d\u2a79\u22d6\u227a\u2aa1\u2af7\u2991\u2993\u2989\u29c0\u00ab\u226a\u22d8';
/** Characters that look like ">" or '"', escaped in attributes so none can seem to close one. */
const ATTR_LOOKALIKES =
  '\uff1e\ufe65\u203a\u276f\u276d\u2771\u02c3\u02f2\u1433\u232a\u3009\u300b\u27e9\u27eb\u29fd\ufe40\ufe3e' +
  '\u2a7e\u2a7a\u22d7\u227b\u00bb\u226b\u22d9\uff02\u201c\u201d\u201e\u02ba\u02dd\u3003';
/** Every "<" and lookalike: in a body, none is left to start a tag, whatever sits between it and a name. */
const LESS_THAN = new RegExp(`[${LESS_THAN_LIKE}]`, 'gu');

const ATTR_UNSAFE = new RegExp(`[&<>"'\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029\\p{Cf}${ATTR_LOOKALIKES}${LESS_THAN_LIKE}]`, 'gu');

const entity = (c: string) => (c === '<' ? '&lt;' : `&#x${c.codePointAt(0)!.toString(16).toUpperCase()};`);

/**
 * A body made inert inside its frame: every "<" and every character that looks like one is
 * written as an entity (`&lt;`, `&#x...;`), so no closing or opening tag can appear, however a
 * peer pads it (invisible characters, combining marks, spaces, lookalike letters). Pattern
 * matching for tag-like sequences was tried and beaten by padding; this rule has no gaps. The
 * model reads `a &lt; b` as `a < b`; the structured data keeps the body exactly as sent.
 */
export function inertBody(body: string): string {
  return body.replace(LESS_THAN, entity);
}

/**
 * A value a peer controls, as one attribute value in a frame: `&`, `<`, `>`, `"`, `'`, their
 * lookalikes, newlines and every control or invisible format character become entities, so it
 * can neither leave its quotes nor start a line.
 */
export function escapeAttr(value: string): string {
  return value.replace(ATTR_UNSAFE, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : entity(c),
  );
}

/**
 * A value a peer controls, inline in a line the model reads (a `who` row, a claim, a session
 * title): newlines, tabs and other controls shown as escapes (`\n`), invisible format characters
 * dropped, any tag-like "<" written as an entity. It stays on its line and opens no frame.
 */
export function inertLine(value: string): string {
  return inertBody(
    value
      .replace(/\r\n|[\r\n\u2028\u2029]/g, '\\n')
      .replace(/\t/g, '\\t')
      .replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
      // Invisible format characters (bidi overrides, zero-width spaces) go; a joiner inside an emoji stays.
      // biome-ignore lint/suspicious/noMisleadingCharacterClass: the ZWJ is listed alone on purpose (kept only between emoji), with the u flag
      .replace(/(?<![\p{Extended_Pictographic}\p{Emoji_Modifier}\ufe0f])\u200d|\u200d(?!\p{Extended_Pictographic})|[^\P{Cf}\u200d]/gu, ''),
  );
}

/** A peer's value in double quotes on a model-facing line: inert, its quotes escaped. */
export function quoted(value: string): string {
  return `"${inertLine(value).replace(/\\(?=")|"/g, (c) => `\\${c}`)}"`;
}

/** A name-like value (a project folder): as is when plain, else quoted, so its ends are never in doubt. */
export function label(value: string): string {
  return /^[\p{L}\p{N} ._@+-]+$/u.test(value) ? value : quoted(value);
}

// @bun
// src/core/peer-text.ts
var LESS_THAN_LIKE = "<\uFF1C\uFE64\u2039\u276E\u276C\u2770\u02C2\u02F1\u1438\u16B2\u2329\u3008\u300A\u27E8\u27EA\u29FC\uFE3F\uFE3D" + "\u2A7D\u2A79\u22D6\u227A\u2AA1\u2AF7\u2991\u2993\u2989\u29C0\xAB\u226A\u22D8";
var ATTR_LOOKALIKES = "\uFF1E\uFE65\u203A\u276F\u276D\u2771\u02C3\u02F2\u1433\u232A\u3009\u300B\u27E9\u27EB\u29FD\uFE40\uFE3E" + "\u2A7E\u2A7A\u22D7\u227B\xBB\u226B\u22D9\uFF02\u201C\u201D\u201E\u02BA\u02DD\u3003";
var LESS_THAN = new RegExp(`[${LESS_THAN_LIKE}]`, "gu");
var ATTR_UNSAFE = new RegExp(`[&<>"'\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029\\p{Cf}${ATTR_LOOKALIKES}${LESS_THAN_LIKE}]`, "gu");
var entity = (c) => c === "<" ? "&lt;" : `&#x${c.codePointAt(0).toString(16).toUpperCase()};`;
function inertBody(body) {
  return body.replace(LESS_THAN, entity);
}
function escapeAttr(value) {
  return value.replace(ATTR_UNSAFE, (c) => c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : c === '"' ? "&quot;" : entity(c));
}
function inertLine(value) {
  return inertBody(value.replace(/\r\n|[\r\n\u2028\u2029]/g, "\\n").replace(/\t/g, "\\t").replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`).replace(/(?<![\p{Extended_Pictographic}\p{Emoji_Modifier}\ufe0f])\u200d|\u200d(?!\p{Extended_Pictographic})|[^\P{Cf}\u200d]/gu, ""));
}
function quoted(value) {
  return `"${inertLine(value).replace(/\\(?=")|"/g, (c) => `\\${c}`)}"`;
}
function label(value) {
  return /^[\p{L}\p{N} ._@+-]+$/u.test(value) ? value : quoted(value);
}

export { inertBody, escapeAttr, inertLine, quoted, label };

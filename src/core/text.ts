// Cutting text for display or for a budget. JavaScript strings count UTF-16 units, and a cut
// between the two halves of a surrogate pair (an emoji, say) leaves a lone half that shows as
// U+FFFD; every cut in the project goes through here so none does.

/** At most `n` UTF-16 units of `s` from `from`, never ending inside a surrogate pair. */
export function sliceChars(s: string, n: number, from = 0): string {
  let end = Math.min(s.length, from + Math.max(0, n));
  if (end < s.length && end > from && isHighSurrogate(s.charCodeAt(end - 1))) end--;
  return s.slice(from, end);
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

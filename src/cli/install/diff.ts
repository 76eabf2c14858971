// A small unified diff for `intercom install --dry-run`. Config edits are local, so common
// leading and trailing lines are trimmed first and the LCS runs on the small middle only.

export function unifiedDiff(before: string, after: string, label: string, context = 3, afterWhat = 'after install'): string {
  if (before === after) return '';
  const a = before.split('\n');
  const b = after.split('\n');
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  // LCS table over the changed middle.
  const rows = midA.length + 1;
  const cols = midB.length + 1;
  const lcs = new Uint32Array(rows * cols);
  for (let i = midA.length - 1; i >= 0; i--) {
    for (let j = midB.length - 1; j >= 0; j--) {
      lcs[i * cols + j] =
        midA[i] === midB[j] ? lcs[(i + 1) * cols + j + 1]! + 1 : Math.max(lcs[(i + 1) * cols + j]!, lcs[i * cols + j + 1]!);
    }
  }
  const body: string[] = [];
  let i = 0;
  let j = 0;
  while (i < midA.length || j < midB.length) {
    if (i < midA.length && j < midB.length && midA[i] === midB[j]) {
      body.push(` ${midA[i]}`);
      i++;
      j++;
    } else if (j < midB.length && (i === midA.length || lcs[i * cols + j + 1]! >= lcs[(i + 1) * cols + j]!)) {
      body.push(`+${midB[j]}`);
      j++;
    } else {
      body.push(`-${midA[i]}`);
      i++;
    }
  }
  const lead = a.slice(Math.max(0, start - context), start).map((l) => ` ${l}`);
  const trail = a.slice(endA, Math.min(a.length, endA + context)).map((l) => ` ${l}`);
  const firstLine = Math.max(0, start - context) + 1;
  return [`--- ${label}`, `+++ ${label} (${afterWhat})`, `@@ line ${firstLine} @@`, ...lead, ...body, ...trail].join('\n');
}

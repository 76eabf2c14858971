// @bun
// src/core/paths.ts
function joinPath(...parts) {
  let out = "";
  for (const part of parts) {
    if (part === "")
      continue;
    out = out === "" ? part : out.endsWith("/") ? `${out}${part.replace(/^\/+/, "")}` : `${out}/${part.replace(/^\/+/, "")}`;
  }
  return out;
}
function isAbsolutePath(path) {
  return path.startsWith("/");
}
function normalizePath(path) {
  const absolute = path.startsWith("/");
  const out = [];
  for (const segment of path.split("/")) {
    if (segment === "" || segment === ".")
      continue;
    if (segment === "..") {
      if (out.length && out[out.length - 1] !== "..")
        out.pop();
      else if (!absolute)
        out.push("..");
      continue;
    }
    out.push(segment);
  }
  const joined = out.join("/");
  return absolute ? `/${joined}` : joined || ".";
}
function baseName(path) {
  const trimmed = path.replace(/\/+$/, "");
  return trimmed.slice(trimmed.lastIndexOf("/") + 1);
}
function dirName(path) {
  const trimmed = path.replace(/\/+$/, "");
  const i = trimmed.lastIndexOf("/");
  if (i < 0)
    return ".";
  return i === 0 ? "/" : trimmed.slice(0, i);
}
function relativeTo(base, path) {
  const prefix = base.endsWith("/") ? base : `${base}/`;
  return path.startsWith(prefix) ? path.slice(prefix.length) : path;
}

export { joinPath, isAbsolutePath, normalizePath, baseName, dirName, relativeTo };

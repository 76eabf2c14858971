// @bun
import {
  nodeFs
} from "./app-fgrk1ekz.js";
import {
  joinPath,
  isAbsolutePath,
  normalizePath,
  baseName,
  dirName
} from "./app-jcmt5trc.js";

// src/store/clock-skew.ts
var MAX_CLOCK_SKEW_MS = 5000;
function isFutureStamp(ms, now) {
  return ms > now + MAX_CLOCK_SKEW_MS;
}

// src/core/project.ts
function gitEntry(dir) {
  try {
    return nodeFs().statSync(`${dir}/.git`).isDirectory() ? "dir" : "file";
  } catch {
    return;
  }
}
function detectProject(cwd) {
  const start = normalizePath(cwd);
  for (let dir = start;; dir = dirName(dir)) {
    if (gitEntry(dir))
      return { name: baseName(dir) || dir, root: dir };
    if (dirName(dir) === dir)
      break;
  }
  return { name: baseName(start) || start, root: start };
}
function projectKey(project) {
  const entry = gitEntry(project.root);
  return (entry && remoteKey(project.root, entry)) ?? `dir:${project.name}`;
}
function readText(path) {
  try {
    return nodeFs().readFileSync(path, "utf8");
  } catch {
    return;
  }
}
function configDir(root, entry) {
  if (entry === "dir")
    return joinPath(root, ".git");
  const pointer = /^gitdir:\s*(.+?)\s*$/m.exec(readText(joinPath(root, ".git")) ?? "")?.[1];
  if (!pointer)
    return;
  const gitDir = isAbsolutePath(pointer) ? pointer : normalizePath(joinPath(root, pointer));
  const common = readText(joinPath(gitDir, "commondir"))?.trim();
  if (!common)
    return gitDir;
  return isAbsolutePath(common) ? common : normalizePath(joinPath(gitDir, common));
}
function remoteKey(root, entry) {
  const dir = configDir(root, entry);
  const text = dir ? readText(joinPath(dir, "config")) : undefined;
  if (!text)
    return;
  const urls = new Map;
  let remote;
  for (const line of text.split(`
`)) {
    const section = /^\s*\[\s*remote\s+"([^"]*)"\s*\]/.exec(line);
    if (section) {
      remote = section[1];
      continue;
    }
    if (/^\s*\[/.test(line))
      remote = undefined;
    const url = remote !== undefined && !urls.has(remote) ? /^\s*url\s*=\s*(.+?)\s*$/.exec(line)?.[1] : undefined;
    if (url)
      urls.set(remote, url.replace(/^"(.*)"$/, "$1"));
  }
  const url = urls.get("origin") ?? urls.values().next().value;
  return url === undefined ? undefined : normalizeRemoteUrl(url);
}
function normalizeRemoteUrl(url) {
  const trimmed = url.trim();
  const strip = (path) => path.replace(/\/+$/, "").replace(/\.git$/, "").replace(/\/+$/, "");
  const withScheme = /^([a-z][a-z0-9+.-]*):\/\/(?:[^@/]*@)?([^/:]+)(?::\d*)?(\/.*)?$/i.exec(trimmed);
  if (withScheme) {
    if (withScheme[1].toLowerCase() === "file")
      return `path:${strip(withScheme[3] ?? "/")}`;
    return `${withScheme[2].toLowerCase()}${strip((withScheme[3] ?? "").replace(/\/{2,}/g, "/"))}`;
  }
  const scp = /^(?:[^@/]+@)?([^/:]+):(?!\/\/)(.+)$/.exec(trimmed);
  if (scp && !trimmed.startsWith("/"))
    return `${scp[1].toLowerCase()}/${strip(scp[2].replace(/^\/+/, ""))}`;
  return `path:${strip(normalizePath(trimmed))}`;
}
function projectKeyHash(key) {
  return `p${new Bun.CryptoHasher("sha256").update(key).digest("hex").slice(0, 24)}`;
}

export { detectProject, projectKey, projectKeyHash, isFutureStamp };

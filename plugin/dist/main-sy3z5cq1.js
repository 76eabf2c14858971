// @bun
import {
  renderNote,
  IntercomError,
  isIntercomError,
  hasErrno,
  describeError,
  sliceTail,
  shorten,
  forTerminal,
  jsonForTerminal,
  oneLineForTerminal,
  MACHINE_PATTERN,
  NAMESPACE_PATTERN,
  MESSAGE_ID_PATTERN,
  assertDomain,
  senderAddress
} from "./app-jcmt5trc.js";
import {
  ASK_TIMEOUT_S,
  CLAIM_TTL_MINUTES,
  SESSIONS_LIMIT,
  inRange,
  rangeText
} from "./app-z9acd3mv.js";
import {
  procInfo2,
  inotifyDescriptors2
} from "./app-fgrk1ekz.js";
import"./app-k1kn2ssd.js";
import"./app-shp9afcm.js";
import {
  cliSender2
} from "./app-2w374fj8.js";
import"./app-4xx3ma53.js";
import"./app-2xbmcvkx.js";
import {
  senderMailbox
} from "./app-d9eq0dge.js";
import {
  HOOK_EVENTS,
  SERVER_ENV,
  hooksConfig,
  isIntercomHookCommand
} from "./app-1jy6amj7.js";
import {
  SINCE_FORMS,
  readSince,
  parseAddress
} from "./app-cazsf3xq.js";
import {
  detectProject,
  projectKey
} from "./app-wjvxasyr.js";
import {
  __toESM
} from "./app-x0fgcxv8.js";

// src/cli/main.ts
import { parseArgs } from "util";

// src/cli/options.ts
class UsageError extends Error {
  name = "UsageError";
  showUsage;
  constructor(message, options = {}) {
    super(message);
    this.showUsage = options.showUsage ?? true;
  }
}
var DECIMAL = /^\d+(?:\.\d+)?$/;
function number(range) {
  return (raw, name) => {
    const value = Number(raw.trim());
    if (DECIMAL.test(raw.trim()) && inRange(value, range))
      return value;
    throw new UsageError(`--${name} must be ${rangeText(range)}, not "${raw}"`);
  };
}
function flag(short) {
  return { type: "boolean", ...short ? { short } : {}, read: (raw) => raw === true };
}
function string() {
  return { type: "string", read: (raw) => typeof raw === "string" ? raw : undefined };
}
function parsed(parse, absent) {
  return { type: "string", read: (raw, name) => typeof raw === "string" ? parse(raw, name) : absent };
}
function messageId(raw, name) {
  if (MESSAGE_ID_PATTERN.test(raw))
    return raw;
  throw new UsageError(`--${name} must be a message id like 1763760000000-0a1b2c3d4e, not "${raw}"`);
}
function since(raw, name) {
  const value = readSince(raw);
  if (value)
    return value;
  throw new UsageError(`--${name} must be ${SINCE_FORMS}, not "${raw}"`);
}
var option = {
  flag,
  string,
  number: (range, absent) => parsed(number(range), absent),
  messageId: () => parsed(messageId, undefined),
  since: () => parsed(since, undefined),
  parsed
};
var jsonOption = { json: option.flag("j") };
function parseArgsOptions(options) {
  return Object.fromEntries(Object.entries(options).map(([name, o]) => [name, { type: o.type, ...o.short ? { short: o.short } : {} }]));
}
function readValues(options, raw) {
  const values = {};
  for (const [name, o] of Object.entries(options))
    values[name] = o.read(raw[name], name);
  return values;
}

// src/cli/command.ts
function defineCommand(spec) {
  return spec;
}
function printJson(deps, value) {
  deps.io.out(jsonForTerminal(JSON.stringify(value, null, 2)));
}
function output(deps, json, value, text) {
  if (json)
    printJson(deps, value);
  else
    deps.io.out(text(value));
  return 0;
}

// src/cli/commands/ack.ts
var ackCommand = defineCommand({
  name: "ack",
  summary: "acknowledge messages in your mailbox (they move to history)",
  usage: "intercom ack <id...> | --all [--json]",
  options: { ...jsonOption, all: option.flag() },
  maxPositionals: Number.POSITIVE_INFINITY,
  async run({ values, positionals }, deps) {
    if (!values.all && positionals.length === 0)
      throw new UsageError("ack needs message ids or --all; `intercom inbox` lists them");
    if (values.all && positionals.length > 0)
      throw new UsageError(`--all acks every message: give ids or --all, not both (got "${positionals[0]}")`);
    const store = await deps.store();
    const box = senderMailbox(await deps.sender());
    const acked = values.all ? await store.ackAll(box) : await store.mail.ack(box, positionals);
    return output(deps, values.json, { acked }, () => acked.length ? `acked ${acked.join(", ")}` : "nothing to ack");
  }
});

// src/cli/commands/ask.ts
var askCommand = defineCommand({
  name: "ask",
  summary: "ask an agent or session a question and wait for the answer",
  usage: `intercom ask <to> <question...> [--timeout SECONDS] [--json]
` + `  <to>   agent code or name, or a Claude session id (see intercom sessions)
` + `  An agent is woken and replies; a live session in tmux gets the question typed into its pane;
` + `  a session that is not running is resumed headlessly (claude -p --resume). Default timeout ${ASK_TIMEOUT_S.default} s, max ${ASK_TIMEOUT_S.max}.`,
  options: { ...jsonOption, timeout: option.number(ASK_TIMEOUT_S) },
  maxPositionals: Number.POSITIVE_INFINITY,
  async run({ values, positionals }, deps) {
    const [to, ...words] = positionals;
    const question = words.join(" ");
    if (!to || !question)
      throw new UsageError("ask needs a recipient and a question: intercom ask <to> <question>");
    const store = await deps.store();
    const result = await store.ask({ sender: await deps.sender(), to: parseAddress(to), question, timeoutS: values.timeout });
    if (values.json)
      printJson(deps, result);
    else {
      deps.io.err(`answer from ${result.to} (via ${result.via})${result.complete ? "" : ", incomplete: the time ran out while it was answering"}:`);
      deps.io.out(result.answer);
    }
    return 0;
  }
});

// src/cli/io.ts
async function bodyFrom(words, io) {
  const body = words.join(" ");
  return body === "-" || body === "" && !io.stdinIsTty ? io.readStdin() : body;
}
function clock(iso) {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toTimeString().slice(0, 8);
}
var oneLine = oneLineForTerminal;
function who(from) {
  return `${senderAddress(from)}${from.name ? `(${oneLine(from.name)})` : ""}`;
}
function indent(body) {
  return body.split(`
`).map((line) => `    ${line}`).join(`
`);
}
function formatMessageLine(message, state) {
  const re = message.reply_to ? ` re ${message.reply_to}` : "";
  const tag = state ? ` [${state}]` : "";
  const to = message.scope === "direct" ? message.to.join(",") : message.scope === "project" ? `all@${oneLine(message.project ?? "")}` : "*";
  return `${clock(message.created_at)} ${message.id} ${who(message.from)} \u2192 ${to}${re}${tag}
${indent(message.body)}`;
}
function formatFeedLine(entry) {
  const re = entry.reply_to ? ` re ${entry.reply_to}` : "";
  const from = `${entry.from.code}@${entry.machine}${entry.from.name ? `(${oneLine(entry.from.name)})` : ""}`;
  return `${clock(entry.created_at)} ${entry.id} ${from} \u2192 ${entry.to.join(",")}${re}
    (${entry.chars} characters; the text stays on the machines it was sent between)`;
}
function formatAgentRow(a) {
  const name = a.name ? ` ${oneLine(a.name)}` : "";
  const status = a.status ? `  "${oneLine(a.status)}"` : "";
  const claims = a.claims.map((c) => `
    claims ${oneLine(c.pattern)}${c.reason ? `  "${oneLine(c.reason)}"` : ""}  until ${clock(c.expires_at)}`).join("");
  const where = a.machine ? `  @${a.machine}` : "";
  return `${a.code}${name}  ${oneLine(a.project)}${where}  ${a.activity}  since ${clock(a.since)}${status}${a.you ? "  (you)" : ""}${claims}`;
}

// src/cli/commands/sessions.ts
var sessionsCommand = defineCommand({
  name: "sessions",
  summary: "list Claude Code sessions (from their transcripts), live ones marked",
  usage: `intercom sessions [--live | --all] [--project TEXT] [--limit N] [--json]
` + `  default: the last 7 days and everything running; --live: only running ones; --all: every transcript
` + `  --limit N   list at most N (default ${SESSIONS_LIMIT.default}, max ${SESSIONS_LIMIT.max})`,
  options: { ...jsonOption, live: option.flag(), all: option.flag(), project: option.string(), limit: option.number(SESSIONS_LIMIT) },
  maxPositionals: 0,
  async run({ values }, deps) {
    if (values.live && values.all)
      throw new UsageError("choose --live or --all, not both");
    const store = await deps.store();
    const sessions = await store.sessions.list({
      scope: values.live ? "live" : values.all ? "all" : "recent",
      project: values.project,
      limit: values.limit
    });
    return output(deps, values.json, { sessions }, () => sessions.length ? sessions.map((s) => {
      const where = s.tmux ? ` tmux ${s.tmux}` : "";
      const code = s.code ? ` agent ${s.code}` : "";
      return `${s.id}  ${oneLine(s.project)}  ${s.state}${where}${code}  ${s.last_active.slice(0, 10)} ${clock(s.last_active)}${s.title ? `  "${oneLine(s.title)}"` : ""}`;
    }).join(`
`) : "No sessions found.");
  }
});

// src/cli/commands/claims.ts
async function cliOwner(deps) {
  const sender = await deps.sender();
  if (sender.kind === "agent") {
    const { agent } = sender;
    return { code: agent.code, name: agent.name, project: agent.project, projectRoot: agent.project_root, projectKey: agent.project_key };
  }
  const project = detectProject(deps.config.cwd);
  return { code: "human", project: project.name, projectRoot: project.root, projectKey: projectKey(project) };
}
function claimRow(c) {
  return `${oneLine(c.pattern)}  ${c.owner}${c.owner_name ? ` (${oneLine(c.owner_name)})` : ""}  ${oneLine(c.project)}  until ${c.expires_at}${c.reason ? `  "${oneLine(c.reason)}"` : ""}`;
}
var claimsCommand = defineCommand({
  name: "claims",
  summary: "list every file claim in force",
  usage: "intercom claims [--json]",
  options: { ...jsonOption },
  maxPositionals: 0,
  async run({ values }, deps) {
    const claims = await (await deps.store()).claims.everywhere();
    return output(deps, values.json, { claims }, () => claims.length ? claims.map(claimRow).join(`
`) : "No file is claimed.");
  }
});
var claimCommand = defineCommand({
  name: "claim",
  summary: "claim files (paths or globs, relative to the current project) so agents ask before editing them",
  usage: `intercom claim <path-or-glob...> [--ttl MINUTES] [--reason TEXT] [--json]
  As "human" on the current folder's project (or as the agent CLAUDE_INTERCOM_SESSION names). ` + `Default TTL ${CLAIM_TTL_MINUTES.default} min, max ${CLAIM_TTL_MINUTES.max}.`,
  options: { ...jsonOption, ttl: option.number(CLAIM_TTL_MINUTES), reason: option.string() },
  maxPositionals: Number.POSITIVE_INFINITY,
  async run({ values, positionals }, deps) {
    if (positionals.length === 0)
      throw new UsageError('claim needs paths or globs: intercom claim "src/auth/**"');
    const store = await deps.store();
    const { claimed, mesh, note } = await store.claim(await cliOwner(deps), positionals, values.ttl, values.reason);
    return output(deps, values.json, { claimed, ...mesh !== "local" ? { mesh } : {}, ...note ? { note } : {} }, () => `claimed ${claimed.map((c) => c.pattern).join(", ")}${mesh === "confirmed" ? " on every machine" : ""} until ${claimed[0]?.expires_at}${note ? ` (${note})` : ""}`);
  }
});
var releaseCommand = defineCommand({
  name: "release",
  summary: "release your file claims (the given ones, or all)",
  usage: "intercom release [path-or-glob...] [--json]",
  options: { ...jsonOption },
  maxPositionals: Number.POSITIVE_INFINITY,
  async run({ values, positionals }, deps) {
    const store = await deps.store();
    const released = await store.claims.release(await cliOwner(deps), positionals.length ? positionals : undefined);
    return output(deps, values.json, { released }, () => released.length ? `released ${released.join(", ")}` : "no matching claims");
  }
});

// src/cli/commands/history.ts
async function viewer(deps) {
  const sender = await deps.sender();
  return sender.kind === "agent" ? sender.agent.code : undefined;
}
var lines = (messages) => messages.map((m) => formatMessageLine(m)).join(`
`);
var threadCommand = defineCommand({
  name: "thread",
  summary: "show the whole conversation a message belongs to",
  usage: "intercom thread <id> [--json]",
  options: { ...jsonOption },
  maxPositionals: 1,
  async run({ values, positionals }, deps) {
    const [id] = positionals;
    if (!id)
      throw new UsageError("thread needs a message id: intercom thread <id>");
    const messages = await (await deps.store()).history.thread(await viewer(deps), id);
    return output(deps, values.json, { messages }, () => lines(messages));
  }
});
var searchCommand = defineCommand({
  name: "search",
  summary: "find messages by text (including acked ones)",
  usage: "intercom search <text...> [--from CODE|NAME] [--since 2h|3d|DATE] [--json]",
  options: { ...jsonOption, from: option.string(), since: option.since() },
  maxPositionals: Number.POSITIVE_INFINITY,
  async run({ values, positionals }, deps) {
    const query = positionals.join(" ");
    if (!query)
      throw new UsageError("search needs text to look for: intercom search <text>");
    const messages = await (await deps.store()).history.search(await viewer(deps), { query, from: values.from, since: values.since });
    return output(deps, values.json, { messages }, () => messages.length ? lines(messages) : `No message contains "${query}".`);
  }
});

// src/cli/commands/status.ts
function statusLines(s) {
  return [
    `${s.id}  "${oneLine(s.body_preview)}"`,
    ...s.receipts.map((r) => `  ${r.to}: ${r.dead_letter ? "DEAD LETTER" : r.state} \u2014 ${r.note}`)
  ].join(`
`);
}
var statusCommand = defineCommand({
  name: "status",
  summary: "what became of messages, per recipient (new, delivered, seen, acked, replied, dead letter)",
  usage: `intercom status [<id>...] [--json]
  Without ids: the last 10 messages you sent.`,
  options: { ...jsonOption },
  maxPositionals: Number.POSITIVE_INFINITY,
  async run({ values, positionals }, deps) {
    const store = await deps.store();
    const found = positionals.length ? await Promise.all(positionals.map((id) => store.receipts.status(id))) : await store.receipts.recent(senderMailbox(await deps.sender()));
    const statuses = found.map((s) => ({ ...s, receipts: s.receipts.map((r) => renderNote(r, "human")) }));
    return output(deps, values.json, { messages: statuses }, () => statuses.length ? statuses.map(statusLines).join(`
`) : "Nothing sent (that is still on record).");
  }
});

// src/cli/install/claude-version.ts
var MIN_CLAUDE_VERSION = "2.1.78";
function installedClaudeVersion(claude, env) {
  if (!claude)
    return;
  try {
    const out = Bun.spawnSync([claude, "--version"], { env, stdout: "pipe", stderr: "ignore", timeout: 1e4 });
    return /^(\d+\.\d+\.\d+)/.exec(out.stdout.toString().trim())?.[1];
  } catch {
    return;
  }
}
function isOlderThan(version, minimum) {
  const a = version.split(".").map(Number);
  const b = minimum.split(".").map(Number);
  for (let i = 0;i < 3; i++)
    if ((a[i] ?? 0) !== (b[i] ?? 0))
      return (a[i] ?? 0) < (b[i] ?? 0);
  return false;
}
function findClaude(env) {
  const path = Bun.which("claude", { PATH: env.PATH ?? "" });
  return { path, version: installedClaudeVersion(path, env) };
}

// src/cli/doctor/checks.ts
function checkBun(version) {
  const [major = 0, minor = 0] = version.split(".").map(Number);
  const ok = major > 1 || major === 1 && minor >= 3;
  return {
    level: ok ? "ok" : "FAIL",
    name: "bun",
    detail: ok ? `bun ${version}` : `bun ${version} is too old: intercom needs bun >= 1.3 (https://bun.sh)`
  };
}
function checkClaude(path, version) {
  if (!path)
    return {
      level: "warn",
      name: "claude",
      detail: "not found on PATH: intercom cannot check its version, or resume idle sessions for ask"
    };
  if (!version)
    return {
      level: "warn",
      name: "claude",
      detail: `${path} did not say its version; intercom needs Claude Code ${MIN_CLAUDE_VERSION} or later`
    };
  if (isOlderThan(version, MIN_CLAUDE_VERSION)) {
    return {
      level: "FAIL",
      name: "claude",
      detail: `Claude Code ${version} is older than ${MIN_CLAUDE_VERSION}: it ignores a settings.json with intercom's hooks. Run claude update`
    };
  }
  return { level: "ok", name: "claude", detail: `Claude Code ${version} (${path})` };
}
function checkWatch(choice, chokidarEnv) {
  const detail = `${choice.backend === "poll" ? "polling" : "fs events"}: ${choice.why}`;
  if (chokidarEnv.length === 0)
    return { level: "ok", name: "watch", detail };
  return {
    level: "warn",
    name: "watch",
    detail: `${detail}; but ${chokidarEnv.join(", ")} is set, and chokidar (which polls) obeys it over intercom's settings: unset it`
  };
}
function checkTool(name, found, purpose, needed = true) {
  if (found)
    return { level: "ok", name, detail: found };
  if (!needed)
    return { level: "ok", name, detail: `not installed; not needed on this system (${purpose})` };
  return { level: "warn", name, detail: `not found on PATH: ${purpose} will not work (install ${name})` };
}

// src/cli/doctor/registration.ts
import { existsSync } from "fs";

// src/cli/install/plan.ts
import { dirname } from "path";

// node_modules/detect-indent/index.js
var INDENT_REGEX = /^(?:( )+|\t+)/;
var INDENT_TYPE_SPACE = "space";
var INDENT_TYPE_TAB = "tab";
function shouldIgnoreSingleSpace(ignoreSingleSpaces, indentType, value) {
  return ignoreSingleSpaces && indentType === INDENT_TYPE_SPACE && value === 1;
}
function makeIndentsMap(string, ignoreSingleSpaces) {
  const indents = new Map;
  let previousSize = 0;
  let previousIndentType;
  let key;
  for (const line of string.split(/\n/g)) {
    if (!line) {
      continue;
    }
    const matches = line.match(INDENT_REGEX);
    if (matches === null) {
      previousSize = 0;
      previousIndentType = "";
    } else {
      const indent = matches[0].length;
      const indentType = matches[1] ? INDENT_TYPE_SPACE : INDENT_TYPE_TAB;
      if (shouldIgnoreSingleSpace(ignoreSingleSpaces, indentType, indent)) {
        continue;
      }
      if (indentType !== previousIndentType) {
        previousSize = 0;
      }
      previousIndentType = indentType;
      let use = 1;
      let weight = 0;
      const indentDifference = indent - previousSize;
      previousSize = indent;
      if (indentDifference === 0) {
        use = 0;
        weight = 1;
      } else {
        const absoluteIndentDifference = Math.abs(indentDifference);
        if (shouldIgnoreSingleSpace(ignoreSingleSpaces, indentType, absoluteIndentDifference)) {
          continue;
        }
        key = encodeIndentsKey(indentType, absoluteIndentDifference);
      }
      const entry = indents.get(key);
      indents.set(key, entry === undefined ? [1, 0] : [entry[0] + use, entry[1] + weight]);
    }
  }
  return indents;
}
function encodeIndentsKey(indentType, indentAmount) {
  const typeCharacter = indentType === INDENT_TYPE_SPACE ? "s" : "t";
  return typeCharacter + String(indentAmount);
}
function decodeIndentsKey(indentsKey) {
  const keyHasTypeSpace = indentsKey[0] === "s";
  const type = keyHasTypeSpace ? INDENT_TYPE_SPACE : INDENT_TYPE_TAB;
  const amount = Number(indentsKey.slice(1));
  return { type, amount };
}
function getMostUsedKey(indents) {
  let result;
  let maxUsed = 0;
  let maxWeight = 0;
  for (const [key, [usedCount, weight]] of indents) {
    if (usedCount > maxUsed || usedCount === maxUsed && weight > maxWeight) {
      maxUsed = usedCount;
      maxWeight = weight;
      result = key;
    }
  }
  return result;
}
function makeIndentString(type, amount) {
  const indentCharacter = type === INDENT_TYPE_SPACE ? " " : "\t";
  return indentCharacter.repeat(amount);
}
function detectIndent(string) {
  if (typeof string !== "string") {
    throw new TypeError("Expected a string");
  }
  let indents = makeIndentsMap(string, true);
  if (indents.size === 0) {
    indents = makeIndentsMap(string, false);
  }
  const keyOfMostUsedIndent = getMostUsedKey(indents);
  let type;
  let amount = 0;
  let indent = "";
  if (keyOfMostUsedIndent !== undefined) {
    ({ type, amount } = decodeIndentsKey(keyOfMostUsedIndent));
    indent = makeIndentString(type, amount);
  }
  return {
    amount,
    type,
    indent
  };
}

// node_modules/jsonc-parser/lib/esm/impl/scanner.js
function createScanner(text, ignoreTrivia = false) {
  const len = text.length;
  let pos = 0, value = "", tokenOffset = 0, token = 16, lineNumber = 0, lineStartOffset = 0, tokenLineStartOffset = 0, prevTokenLineStartOffset = 0, scanError = 0;
  function scanHexDigits(count, exact) {
    let digits = 0;
    let value = 0;
    while (digits < count || !exact) {
      let ch = text.charCodeAt(pos);
      if (ch >= 48 && ch <= 57) {
        value = value * 16 + ch - 48;
      } else if (ch >= 65 && ch <= 70) {
        value = value * 16 + ch - 65 + 10;
      } else if (ch >= 97 && ch <= 102) {
        value = value * 16 + ch - 97 + 10;
      } else {
        break;
      }
      pos++;
      digits++;
    }
    if (digits < count) {
      value = -1;
    }
    return value;
  }
  function setPosition(newPosition) {
    pos = newPosition;
    value = "";
    tokenOffset = 0;
    token = 16;
    scanError = 0;
  }
  function scanNumber() {
    let start = pos;
    if (text.charCodeAt(pos) === 48) {
      pos++;
    } else {
      pos++;
      while (pos < text.length && isDigit(text.charCodeAt(pos))) {
        pos++;
      }
    }
    if (pos < text.length && text.charCodeAt(pos) === 46) {
      pos++;
      if (pos < text.length && isDigit(text.charCodeAt(pos))) {
        pos++;
        while (pos < text.length && isDigit(text.charCodeAt(pos))) {
          pos++;
        }
      } else {
        scanError = 3;
        return text.substring(start, pos);
      }
    }
    let end = pos;
    if (pos < text.length && (text.charCodeAt(pos) === 69 || text.charCodeAt(pos) === 101)) {
      pos++;
      if (pos < text.length && text.charCodeAt(pos) === 43 || text.charCodeAt(pos) === 45) {
        pos++;
      }
      if (pos < text.length && isDigit(text.charCodeAt(pos))) {
        pos++;
        while (pos < text.length && isDigit(text.charCodeAt(pos))) {
          pos++;
        }
        end = pos;
      } else {
        scanError = 3;
      }
    }
    return text.substring(start, end);
  }
  function scanString() {
    let result = "", start = pos;
    while (true) {
      if (pos >= len) {
        result += text.substring(start, pos);
        scanError = 2;
        break;
      }
      const ch = text.charCodeAt(pos);
      if (ch === 34) {
        result += text.substring(start, pos);
        pos++;
        break;
      }
      if (ch === 92) {
        result += text.substring(start, pos);
        pos++;
        if (pos >= len) {
          scanError = 2;
          break;
        }
        const ch2 = text.charCodeAt(pos++);
        switch (ch2) {
          case 34:
            result += '"';
            break;
          case 92:
            result += "\\";
            break;
          case 47:
            result += "/";
            break;
          case 98:
            result += "\b";
            break;
          case 102:
            result += "\f";
            break;
          case 110:
            result += `
`;
            break;
          case 114:
            result += "\r";
            break;
          case 116:
            result += "\t";
            break;
          case 117:
            const ch3 = scanHexDigits(4, true);
            if (ch3 >= 0) {
              result += String.fromCharCode(ch3);
            } else {
              scanError = 4;
            }
            break;
          default:
            scanError = 5;
        }
        start = pos;
        continue;
      }
      if (ch >= 0 && ch <= 31) {
        if (isLineBreak(ch)) {
          result += text.substring(start, pos);
          scanError = 2;
          break;
        } else {
          scanError = 6;
        }
      }
      pos++;
    }
    return result;
  }
  function scanNext() {
    value = "";
    scanError = 0;
    tokenOffset = pos;
    lineStartOffset = lineNumber;
    prevTokenLineStartOffset = tokenLineStartOffset;
    if (pos >= len) {
      tokenOffset = len;
      return token = 17;
    }
    let code = text.charCodeAt(pos);
    if (isWhiteSpace(code)) {
      do {
        pos++;
        value += String.fromCharCode(code);
        code = text.charCodeAt(pos);
      } while (isWhiteSpace(code));
      return token = 15;
    }
    if (isLineBreak(code)) {
      pos++;
      value += String.fromCharCode(code);
      if (code === 13 && text.charCodeAt(pos) === 10) {
        pos++;
        value += `
`;
      }
      lineNumber++;
      tokenLineStartOffset = pos;
      return token = 14;
    }
    switch (code) {
      case 123:
        pos++;
        return token = 1;
      case 125:
        pos++;
        return token = 2;
      case 91:
        pos++;
        return token = 3;
      case 93:
        pos++;
        return token = 4;
      case 58:
        pos++;
        return token = 6;
      case 44:
        pos++;
        return token = 5;
      case 34:
        pos++;
        value = scanString();
        return token = 10;
      case 47:
        const start = pos - 1;
        if (text.charCodeAt(pos + 1) === 47) {
          pos += 2;
          while (pos < len) {
            if (isLineBreak(text.charCodeAt(pos))) {
              break;
            }
            pos++;
          }
          value = text.substring(start, pos);
          return token = 12;
        }
        if (text.charCodeAt(pos + 1) === 42) {
          pos += 2;
          const safeLength = len - 1;
          let commentClosed = false;
          while (pos < safeLength) {
            const ch = text.charCodeAt(pos);
            if (ch === 42 && text.charCodeAt(pos + 1) === 47) {
              pos += 2;
              commentClosed = true;
              break;
            }
            pos++;
            if (isLineBreak(ch)) {
              if (ch === 13 && text.charCodeAt(pos) === 10) {
                pos++;
              }
              lineNumber++;
              tokenLineStartOffset = pos;
            }
          }
          if (!commentClosed) {
            pos++;
            scanError = 1;
          }
          value = text.substring(start, pos);
          return token = 13;
        }
        value += String.fromCharCode(code);
        pos++;
        return token = 16;
      case 45:
        value += String.fromCharCode(code);
        pos++;
        if (pos === len || !isDigit(text.charCodeAt(pos))) {
          return token = 16;
        }
      case 48:
      case 49:
      case 50:
      case 51:
      case 52:
      case 53:
      case 54:
      case 55:
      case 56:
      case 57:
        value += scanNumber();
        return token = 11;
      default:
        while (pos < len && isUnknownContentCharacter(code)) {
          pos++;
          code = text.charCodeAt(pos);
        }
        if (tokenOffset !== pos) {
          value = text.substring(tokenOffset, pos);
          switch (value) {
            case "true":
              return token = 8;
            case "false":
              return token = 9;
            case "null":
              return token = 7;
          }
          return token = 16;
        }
        value += String.fromCharCode(code);
        pos++;
        return token = 16;
    }
  }
  function isUnknownContentCharacter(code) {
    if (isWhiteSpace(code) || isLineBreak(code)) {
      return false;
    }
    switch (code) {
      case 125:
      case 93:
      case 123:
      case 91:
      case 34:
      case 58:
      case 44:
      case 47:
        return false;
    }
    return true;
  }
  function scanNextNonTrivia() {
    let result;
    do {
      result = scanNext();
    } while (result >= 12 && result <= 15);
    return result;
  }
  return {
    setPosition,
    getPosition: () => pos,
    scan: ignoreTrivia ? scanNextNonTrivia : scanNext,
    getToken: () => token,
    getTokenValue: () => value,
    getTokenOffset: () => tokenOffset,
    getTokenLength: () => pos - tokenOffset,
    getTokenStartLine: () => lineStartOffset,
    getTokenStartCharacter: () => tokenOffset - prevTokenLineStartOffset,
    getTokenError: () => scanError
  };
}
function isWhiteSpace(ch) {
  return ch === 32 || ch === 9;
}
function isLineBreak(ch) {
  return ch === 10 || ch === 13;
}
function isDigit(ch) {
  return ch >= 48 && ch <= 57;
}
var CharacterCodes;
(function(CharacterCodes) {
  CharacterCodes[CharacterCodes["lineFeed"] = 10] = "lineFeed";
  CharacterCodes[CharacterCodes["carriageReturn"] = 13] = "carriageReturn";
  CharacterCodes[CharacterCodes["space"] = 32] = "space";
  CharacterCodes[CharacterCodes["_0"] = 48] = "_0";
  CharacterCodes[CharacterCodes["_1"] = 49] = "_1";
  CharacterCodes[CharacterCodes["_2"] = 50] = "_2";
  CharacterCodes[CharacterCodes["_3"] = 51] = "_3";
  CharacterCodes[CharacterCodes["_4"] = 52] = "_4";
  CharacterCodes[CharacterCodes["_5"] = 53] = "_5";
  CharacterCodes[CharacterCodes["_6"] = 54] = "_6";
  CharacterCodes[CharacterCodes["_7"] = 55] = "_7";
  CharacterCodes[CharacterCodes["_8"] = 56] = "_8";
  CharacterCodes[CharacterCodes["_9"] = 57] = "_9";
  CharacterCodes[CharacterCodes["a"] = 97] = "a";
  CharacterCodes[CharacterCodes["b"] = 98] = "b";
  CharacterCodes[CharacterCodes["c"] = 99] = "c";
  CharacterCodes[CharacterCodes["d"] = 100] = "d";
  CharacterCodes[CharacterCodes["e"] = 101] = "e";
  CharacterCodes[CharacterCodes["f"] = 102] = "f";
  CharacterCodes[CharacterCodes["g"] = 103] = "g";
  CharacterCodes[CharacterCodes["h"] = 104] = "h";
  CharacterCodes[CharacterCodes["i"] = 105] = "i";
  CharacterCodes[CharacterCodes["j"] = 106] = "j";
  CharacterCodes[CharacterCodes["k"] = 107] = "k";
  CharacterCodes[CharacterCodes["l"] = 108] = "l";
  CharacterCodes[CharacterCodes["m"] = 109] = "m";
  CharacterCodes[CharacterCodes["n"] = 110] = "n";
  CharacterCodes[CharacterCodes["o"] = 111] = "o";
  CharacterCodes[CharacterCodes["p"] = 112] = "p";
  CharacterCodes[CharacterCodes["q"] = 113] = "q";
  CharacterCodes[CharacterCodes["r"] = 114] = "r";
  CharacterCodes[CharacterCodes["s"] = 115] = "s";
  CharacterCodes[CharacterCodes["t"] = 116] = "t";
  CharacterCodes[CharacterCodes["u"] = 117] = "u";
  CharacterCodes[CharacterCodes["v"] = 118] = "v";
  CharacterCodes[CharacterCodes["w"] = 119] = "w";
  CharacterCodes[CharacterCodes["x"] = 120] = "x";
  CharacterCodes[CharacterCodes["y"] = 121] = "y";
  CharacterCodes[CharacterCodes["z"] = 122] = "z";
  CharacterCodes[CharacterCodes["A"] = 65] = "A";
  CharacterCodes[CharacterCodes["B"] = 66] = "B";
  CharacterCodes[CharacterCodes["C"] = 67] = "C";
  CharacterCodes[CharacterCodes["D"] = 68] = "D";
  CharacterCodes[CharacterCodes["E"] = 69] = "E";
  CharacterCodes[CharacterCodes["F"] = 70] = "F";
  CharacterCodes[CharacterCodes["G"] = 71] = "G";
  CharacterCodes[CharacterCodes["H"] = 72] = "H";
  CharacterCodes[CharacterCodes["I"] = 73] = "I";
  CharacterCodes[CharacterCodes["J"] = 74] = "J";
  CharacterCodes[CharacterCodes["K"] = 75] = "K";
  CharacterCodes[CharacterCodes["L"] = 76] = "L";
  CharacterCodes[CharacterCodes["M"] = 77] = "M";
  CharacterCodes[CharacterCodes["N"] = 78] = "N";
  CharacterCodes[CharacterCodes["O"] = 79] = "O";
  CharacterCodes[CharacterCodes["P"] = 80] = "P";
  CharacterCodes[CharacterCodes["Q"] = 81] = "Q";
  CharacterCodes[CharacterCodes["R"] = 82] = "R";
  CharacterCodes[CharacterCodes["S"] = 83] = "S";
  CharacterCodes[CharacterCodes["T"] = 84] = "T";
  CharacterCodes[CharacterCodes["U"] = 85] = "U";
  CharacterCodes[CharacterCodes["V"] = 86] = "V";
  CharacterCodes[CharacterCodes["W"] = 87] = "W";
  CharacterCodes[CharacterCodes["X"] = 88] = "X";
  CharacterCodes[CharacterCodes["Y"] = 89] = "Y";
  CharacterCodes[CharacterCodes["Z"] = 90] = "Z";
  CharacterCodes[CharacterCodes["asterisk"] = 42] = "asterisk";
  CharacterCodes[CharacterCodes["backslash"] = 92] = "backslash";
  CharacterCodes[CharacterCodes["closeBrace"] = 125] = "closeBrace";
  CharacterCodes[CharacterCodes["closeBracket"] = 93] = "closeBracket";
  CharacterCodes[CharacterCodes["colon"] = 58] = "colon";
  CharacterCodes[CharacterCodes["comma"] = 44] = "comma";
  CharacterCodes[CharacterCodes["dot"] = 46] = "dot";
  CharacterCodes[CharacterCodes["doubleQuote"] = 34] = "doubleQuote";
  CharacterCodes[CharacterCodes["minus"] = 45] = "minus";
  CharacterCodes[CharacterCodes["openBrace"] = 123] = "openBrace";
  CharacterCodes[CharacterCodes["openBracket"] = 91] = "openBracket";
  CharacterCodes[CharacterCodes["plus"] = 43] = "plus";
  CharacterCodes[CharacterCodes["slash"] = 47] = "slash";
  CharacterCodes[CharacterCodes["formFeed"] = 12] = "formFeed";
  CharacterCodes[CharacterCodes["tab"] = 9] = "tab";
})(CharacterCodes || (CharacterCodes = {}));

// node_modules/jsonc-parser/lib/esm/impl/string-intern.js
var cachedSpaces = new Array(20).fill(0).map((_, index) => {
  return " ".repeat(index);
});
var maxCachedValues = 200;
var cachedBreakLinesWithSpaces = {
  " ": {
    "\n": new Array(maxCachedValues).fill(0).map((_, index) => {
      return `
` + " ".repeat(index);
    }),
    "\r": new Array(maxCachedValues).fill(0).map((_, index) => {
      return "\r" + " ".repeat(index);
    }),
    "\r\n": new Array(maxCachedValues).fill(0).map((_, index) => {
      return `\r
` + " ".repeat(index);
    })
  },
  "\t": {
    "\n": new Array(maxCachedValues).fill(0).map((_, index) => {
      return `
` + "\t".repeat(index);
    }),
    "\r": new Array(maxCachedValues).fill(0).map((_, index) => {
      return "\r" + "\t".repeat(index);
    }),
    "\r\n": new Array(maxCachedValues).fill(0).map((_, index) => {
      return `\r
` + "\t".repeat(index);
    })
  }
};

// node_modules/jsonc-parser/lib/esm/impl/parser.js
var ParseOptions;
(function(ParseOptions) {
  ParseOptions.DEFAULT = {
    allowTrailingComma: false
  };
})(ParseOptions || (ParseOptions = {}));
function parseTree(text, errors = [], options = ParseOptions.DEFAULT) {
  let currentParent = { type: "array", offset: -1, length: -1, children: [], parent: undefined };
  function ensurePropertyComplete(endOffset) {
    if (currentParent.type === "property") {
      currentParent.length = endOffset - currentParent.offset;
      currentParent = currentParent.parent;
    }
  }
  function onValue(valueNode) {
    currentParent.children.push(valueNode);
    return valueNode;
  }
  const visitor = {
    onObjectBegin: (offset) => {
      currentParent = onValue({ type: "object", offset, length: -1, parent: currentParent, children: [] });
    },
    onObjectProperty: (name, offset, length) => {
      currentParent = onValue({ type: "property", offset, length: -1, parent: currentParent, children: [] });
      currentParent.children.push({ type: "string", value: name, offset, length, parent: currentParent });
    },
    onObjectEnd: (offset, length) => {
      ensurePropertyComplete(offset + length);
      currentParent.length = offset + length - currentParent.offset;
      currentParent = currentParent.parent;
      ensurePropertyComplete(offset + length);
    },
    onArrayBegin: (offset, length) => {
      currentParent = onValue({ type: "array", offset, length: -1, parent: currentParent, children: [] });
    },
    onArrayEnd: (offset, length) => {
      currentParent.length = offset + length - currentParent.offset;
      currentParent = currentParent.parent;
      ensurePropertyComplete(offset + length);
    },
    onLiteralValue: (value, offset, length) => {
      onValue({ type: getNodeType(value), offset, length, parent: currentParent, value });
      ensurePropertyComplete(offset + length);
    },
    onSeparator: (sep, offset, length) => {
      if (currentParent.type === "property") {
        if (sep === ":") {
          currentParent.colonOffset = offset;
        } else if (sep === ",") {
          ensurePropertyComplete(offset);
        }
      }
    },
    onError: (error, offset, length) => {
      errors.push({ error, offset, length });
    }
  };
  visit(text, visitor, options);
  const result = currentParent.children[0];
  if (result) {
    delete result.parent;
  }
  return result;
}
function findNodeAtLocation(root, path) {
  if (!root) {
    return;
  }
  let node = root;
  for (let segment of path) {
    if (typeof segment === "string") {
      if (node.type !== "object" || !Array.isArray(node.children)) {
        return;
      }
      let found = false;
      for (const propertyNode of node.children) {
        if (Array.isArray(propertyNode.children) && propertyNode.children[0].value === segment && propertyNode.children.length === 2) {
          node = propertyNode.children[1];
          found = true;
          break;
        }
      }
      if (!found) {
        return;
      }
    } else {
      const index = segment;
      if (node.type !== "array" || index < 0 || !Array.isArray(node.children) || index >= node.children.length) {
        return;
      }
      node = node.children[index];
    }
  }
  return node;
}
function getNodeValue(node) {
  switch (node.type) {
    case "array":
      return node.children.map(getNodeValue);
    case "object":
      const obj = Object.create(null);
      for (let prop of node.children) {
        const valueNode = prop.children[1];
        if (valueNode) {
          obj[prop.children[0].value] = getNodeValue(valueNode);
        }
      }
      return obj;
    case "null":
    case "string":
    case "number":
    case "boolean":
      return node.value;
    default:
      return;
  }
}
function visit(text, visitor, options = ParseOptions.DEFAULT) {
  const _scanner = createScanner(text, false);
  const _jsonPath = [];
  let suppressedCallbacks = 0;
  function toNoArgVisit(visitFunction) {
    return visitFunction ? () => suppressedCallbacks === 0 && visitFunction(_scanner.getTokenOffset(), _scanner.getTokenLength(), _scanner.getTokenStartLine(), _scanner.getTokenStartCharacter()) : () => true;
  }
  function toOneArgVisit(visitFunction) {
    return visitFunction ? (arg) => suppressedCallbacks === 0 && visitFunction(arg, _scanner.getTokenOffset(), _scanner.getTokenLength(), _scanner.getTokenStartLine(), _scanner.getTokenStartCharacter()) : () => true;
  }
  function toOneArgVisitWithPath(visitFunction) {
    return visitFunction ? (arg) => suppressedCallbacks === 0 && visitFunction(arg, _scanner.getTokenOffset(), _scanner.getTokenLength(), _scanner.getTokenStartLine(), _scanner.getTokenStartCharacter(), () => _jsonPath.slice()) : () => true;
  }
  function toBeginVisit(visitFunction) {
    return visitFunction ? () => {
      if (suppressedCallbacks > 0) {
        suppressedCallbacks++;
      } else {
        let cbReturn = visitFunction(_scanner.getTokenOffset(), _scanner.getTokenLength(), _scanner.getTokenStartLine(), _scanner.getTokenStartCharacter(), () => _jsonPath.slice());
        if (cbReturn === false) {
          suppressedCallbacks = 1;
        }
      }
    } : () => true;
  }
  function toEndVisit(visitFunction) {
    return visitFunction ? () => {
      if (suppressedCallbacks > 0) {
        suppressedCallbacks--;
      }
      if (suppressedCallbacks === 0) {
        visitFunction(_scanner.getTokenOffset(), _scanner.getTokenLength(), _scanner.getTokenStartLine(), _scanner.getTokenStartCharacter());
      }
    } : () => true;
  }
  const onObjectBegin = toBeginVisit(visitor.onObjectBegin), onObjectProperty = toOneArgVisitWithPath(visitor.onObjectProperty), onObjectEnd = toEndVisit(visitor.onObjectEnd), onArrayBegin = toBeginVisit(visitor.onArrayBegin), onArrayEnd = toEndVisit(visitor.onArrayEnd), onLiteralValue = toOneArgVisitWithPath(visitor.onLiteralValue), onSeparator = toOneArgVisit(visitor.onSeparator), onComment = toNoArgVisit(visitor.onComment), onError = toOneArgVisit(visitor.onError);
  const disallowComments = options && options.disallowComments;
  const allowTrailingComma = options && options.allowTrailingComma;
  function scanNext() {
    while (true) {
      const token = _scanner.scan();
      switch (_scanner.getTokenError()) {
        case 4:
          handleError(14);
          break;
        case 5:
          handleError(15);
          break;
        case 3:
          handleError(13);
          break;
        case 1:
          if (!disallowComments) {
            handleError(11);
          }
          break;
        case 2:
          handleError(12);
          break;
        case 6:
          handleError(16);
          break;
      }
      switch (token) {
        case 12:
        case 13:
          if (disallowComments) {
            handleError(10);
          } else {
            onComment();
          }
          break;
        case 16:
          handleError(1);
          break;
        case 15:
        case 14:
          break;
        default:
          return token;
      }
    }
  }
  function handleError(error, skipUntilAfter = [], skipUntil = []) {
    onError(error);
    if (skipUntilAfter.length + skipUntil.length > 0) {
      let token = _scanner.getToken();
      while (token !== 17) {
        if (skipUntilAfter.indexOf(token) !== -1) {
          scanNext();
          break;
        } else if (skipUntil.indexOf(token) !== -1) {
          break;
        }
        token = scanNext();
      }
    }
  }
  function parseString(isValue) {
    const value = _scanner.getTokenValue();
    if (isValue) {
      onLiteralValue(value);
    } else {
      onObjectProperty(value);
      _jsonPath.push(value);
    }
    scanNext();
    return true;
  }
  function parseLiteral() {
    switch (_scanner.getToken()) {
      case 11:
        const tokenValue = _scanner.getTokenValue();
        let value = Number(tokenValue);
        if (isNaN(value)) {
          handleError(2);
          value = 0;
        }
        onLiteralValue(value);
        break;
      case 7:
        onLiteralValue(null);
        break;
      case 8:
        onLiteralValue(true);
        break;
      case 9:
        onLiteralValue(false);
        break;
      default:
        return false;
    }
    scanNext();
    return true;
  }
  function parseProperty() {
    if (_scanner.getToken() !== 10) {
      handleError(3, [], [2, 5]);
      return false;
    }
    parseString(false);
    if (_scanner.getToken() === 6) {
      onSeparator(":");
      scanNext();
      if (!parseValue()) {
        handleError(4, [], [2, 5]);
      }
    } else {
      handleError(5, [], [2, 5]);
    }
    _jsonPath.pop();
    return true;
  }
  function parseObject() {
    onObjectBegin();
    scanNext();
    let needsComma = false;
    while (_scanner.getToken() !== 2 && _scanner.getToken() !== 17) {
      if (_scanner.getToken() === 5) {
        if (!needsComma) {
          handleError(4, [], []);
        }
        onSeparator(",");
        scanNext();
        if (_scanner.getToken() === 2 && allowTrailingComma) {
          break;
        }
      } else if (needsComma) {
        handleError(6, [], []);
      }
      if (!parseProperty()) {
        handleError(4, [], [2, 5]);
      }
      needsComma = true;
    }
    onObjectEnd();
    if (_scanner.getToken() !== 2) {
      handleError(7, [2], []);
    } else {
      scanNext();
    }
    return true;
  }
  function parseArray() {
    onArrayBegin();
    scanNext();
    let isFirstElement = true;
    let needsComma = false;
    while (_scanner.getToken() !== 4 && _scanner.getToken() !== 17) {
      if (_scanner.getToken() === 5) {
        if (!needsComma) {
          handleError(4, [], []);
        }
        onSeparator(",");
        scanNext();
        if (_scanner.getToken() === 4 && allowTrailingComma) {
          break;
        }
      } else if (needsComma) {
        handleError(6, [], []);
      }
      if (isFirstElement) {
        _jsonPath.push(0);
        isFirstElement = false;
      } else {
        _jsonPath[_jsonPath.length - 1]++;
      }
      if (!parseValue()) {
        handleError(4, [], [4, 5]);
      }
      needsComma = true;
    }
    onArrayEnd();
    if (!isFirstElement) {
      _jsonPath.pop();
    }
    if (_scanner.getToken() !== 4) {
      handleError(8, [4], []);
    } else {
      scanNext();
    }
    return true;
  }
  function parseValue() {
    switch (_scanner.getToken()) {
      case 3:
        return parseArray();
      case 1:
        return parseObject();
      case 10:
        return parseString(true);
      default:
        return parseLiteral();
    }
  }
  scanNext();
  if (_scanner.getToken() === 17) {
    if (options.allowEmptyContent) {
      return true;
    }
    handleError(4, [], []);
    return false;
  }
  if (!parseValue()) {
    handleError(4, [], []);
    return false;
  }
  if (_scanner.getToken() !== 17) {
    handleError(9, [], []);
  }
  return true;
}
function getNodeType(value) {
  switch (typeof value) {
    case "boolean":
      return "boolean";
    case "number":
      return "number";
    case "string":
      return "string";
    case "object": {
      if (!value) {
        return "null";
      } else if (Array.isArray(value)) {
        return "array";
      }
      return "object";
    }
    default:
      return "null";
  }
}

// node_modules/jsonc-parser/lib/esm/impl/edit.js
function applyEdit(text, edit) {
  return text.substring(0, edit.offset) + edit.content + text.substring(edit.offset + edit.length);
}

// node_modules/jsonc-parser/lib/esm/main.js
var createScanner2 = createScanner;
var ScanError;
(function(ScanError) {
  ScanError[ScanError["None"] = 0] = "None";
  ScanError[ScanError["UnexpectedEndOfComment"] = 1] = "UnexpectedEndOfComment";
  ScanError[ScanError["UnexpectedEndOfString"] = 2] = "UnexpectedEndOfString";
  ScanError[ScanError["UnexpectedEndOfNumber"] = 3] = "UnexpectedEndOfNumber";
  ScanError[ScanError["InvalidUnicode"] = 4] = "InvalidUnicode";
  ScanError[ScanError["InvalidEscapeCharacter"] = 5] = "InvalidEscapeCharacter";
  ScanError[ScanError["InvalidCharacter"] = 6] = "InvalidCharacter";
})(ScanError || (ScanError = {}));
var SyntaxKind;
(function(SyntaxKind) {
  SyntaxKind[SyntaxKind["OpenBraceToken"] = 1] = "OpenBraceToken";
  SyntaxKind[SyntaxKind["CloseBraceToken"] = 2] = "CloseBraceToken";
  SyntaxKind[SyntaxKind["OpenBracketToken"] = 3] = "OpenBracketToken";
  SyntaxKind[SyntaxKind["CloseBracketToken"] = 4] = "CloseBracketToken";
  SyntaxKind[SyntaxKind["CommaToken"] = 5] = "CommaToken";
  SyntaxKind[SyntaxKind["ColonToken"] = 6] = "ColonToken";
  SyntaxKind[SyntaxKind["NullKeyword"] = 7] = "NullKeyword";
  SyntaxKind[SyntaxKind["TrueKeyword"] = 8] = "TrueKeyword";
  SyntaxKind[SyntaxKind["FalseKeyword"] = 9] = "FalseKeyword";
  SyntaxKind[SyntaxKind["StringLiteral"] = 10] = "StringLiteral";
  SyntaxKind[SyntaxKind["NumericLiteral"] = 11] = "NumericLiteral";
  SyntaxKind[SyntaxKind["LineCommentTrivia"] = 12] = "LineCommentTrivia";
  SyntaxKind[SyntaxKind["BlockCommentTrivia"] = 13] = "BlockCommentTrivia";
  SyntaxKind[SyntaxKind["LineBreakTrivia"] = 14] = "LineBreakTrivia";
  SyntaxKind[SyntaxKind["Trivia"] = 15] = "Trivia";
  SyntaxKind[SyntaxKind["Unknown"] = 16] = "Unknown";
  SyntaxKind[SyntaxKind["EOF"] = 17] = "EOF";
})(SyntaxKind || (SyntaxKind = {}));
var parseTree2 = parseTree;
var findNodeAtLocation2 = findNodeAtLocation;
var getNodeValue2 = getNodeValue;
var ParseErrorCode;
(function(ParseErrorCode) {
  ParseErrorCode[ParseErrorCode["InvalidSymbol"] = 1] = "InvalidSymbol";
  ParseErrorCode[ParseErrorCode["InvalidNumberFormat"] = 2] = "InvalidNumberFormat";
  ParseErrorCode[ParseErrorCode["PropertyNameExpected"] = 3] = "PropertyNameExpected";
  ParseErrorCode[ParseErrorCode["ValueExpected"] = 4] = "ValueExpected";
  ParseErrorCode[ParseErrorCode["ColonExpected"] = 5] = "ColonExpected";
  ParseErrorCode[ParseErrorCode["CommaExpected"] = 6] = "CommaExpected";
  ParseErrorCode[ParseErrorCode["CloseBraceExpected"] = 7] = "CloseBraceExpected";
  ParseErrorCode[ParseErrorCode["CloseBracketExpected"] = 8] = "CloseBracketExpected";
  ParseErrorCode[ParseErrorCode["EndOfFileExpected"] = 9] = "EndOfFileExpected";
  ParseErrorCode[ParseErrorCode["InvalidCommentToken"] = 10] = "InvalidCommentToken";
  ParseErrorCode[ParseErrorCode["UnexpectedEndOfComment"] = 11] = "UnexpectedEndOfComment";
  ParseErrorCode[ParseErrorCode["UnexpectedEndOfString"] = 12] = "UnexpectedEndOfString";
  ParseErrorCode[ParseErrorCode["UnexpectedEndOfNumber"] = 13] = "UnexpectedEndOfNumber";
  ParseErrorCode[ParseErrorCode["InvalidUnicode"] = 14] = "InvalidUnicode";
  ParseErrorCode[ParseErrorCode["InvalidEscapeCharacter"] = 15] = "InvalidEscapeCharacter";
  ParseErrorCode[ParseErrorCode["InvalidCharacter"] = 16] = "InvalidCharacter";
})(ParseErrorCode || (ParseErrorCode = {}));
function printParseErrorCode(code) {
  switch (code) {
    case 1:
      return "InvalidSymbol";
    case 2:
      return "InvalidNumberFormat";
    case 3:
      return "PropertyNameExpected";
    case 4:
      return "ValueExpected";
    case 5:
      return "ColonExpected";
    case 6:
      return "CommaExpected";
    case 7:
      return "CloseBraceExpected";
    case 8:
      return "CloseBracketExpected";
    case 9:
      return "EndOfFileExpected";
    case 10:
      return "InvalidCommentToken";
    case 11:
      return "UnexpectedEndOfComment";
    case 12:
      return "UnexpectedEndOfString";
    case 13:
      return "UnexpectedEndOfNumber";
    case 14:
      return "InvalidUnicode";
    case 15:
      return "InvalidEscapeCharacter";
    case 16:
      return "InvalidCharacter";
  }
  return "<unknown ParseErrorCode>";
}
function applyEdits(text, edits) {
  let sortedEdits = edits.slice(0).sort((a, b) => {
    const diff = a.offset - b.offset;
    if (diff === 0) {
      return a.length - b.length;
    }
    return diff;
  });
  let lastModifiedOffset = text.length;
  for (let i = sortedEdits.length - 1;i >= 0; i--) {
    let e = sortedEdits[i];
    if (e.offset + e.length <= lastModifiedOffset) {
      text = applyEdit(text, e);
    } else {
      throw new Error("Overlapping edit");
    }
    lastModifiedOffset = e.offset;
  }
  return text;
}

// src/cli/install/json-edit.ts
var COMMA = 5;
var LINE_COMMENT = 12;
var BLOCK_COMMENT = 13;
var TRIVIA = 15;
var EOF = 17;
function parseObject(path, text, { comments }) {
  const errors = [];
  const root = parseTree2(text, errors, { allowTrailingComma: comments, disallowComments: !comments });
  const first = errors[0];
  if (first) {
    const line = text.slice(0, first.offset).split(`
`).length;
    const what = comments ? "JSON" : "JSON (Claude Code reads it as plain JSON: no comments, no trailing commas)";
    throw new IntercomError("BAD_INPUT", `${path} is not valid ${what}: ${printParseErrorCode(first.error)} at line ${line}; fix it or move it aside, then run this again. Nothing was changed.`);
  }
  if (root === undefined || root.type !== "object") {
    throw new IntercomError("BAD_INPUT", `${path} does not hold a JSON object; fix it or move it aside, then run this again. Nothing was changed.`);
  }
  const twice = repeatedKey(root, []);
  if (twice) {
    const line = (offset) => text.slice(0, offset).split(`
`).length;
    throw new IntercomError("BAD_INPUT", `${path} has the key ${keyPath(twice.path)} twice (lines ${line(twice.first)} and ${line(twice.again)}); Claude Code reads only the last one, ` + "and intercom would edit the first: keep one, then run this again. Nothing was changed.");
  }
  return { root, value: getNodeValue2(root) };
}
function repeatedKey(node, path) {
  if (node.type === "array") {
    for (const [i, item] of (node.children ?? []).entries()) {
      const found = repeatedKey(item, [...path, i]);
      if (found)
        return found;
    }
  }
  if (node.type !== "object")
    return;
  const seen = new Map;
  for (const property of node.children ?? []) {
    const [key, value] = property.children ?? [];
    if (!key)
      continue;
    const name = key.value;
    const first = seen.get(name);
    if (first !== undefined)
      return { path: [...path, name], first, again: key.offset };
    seen.set(name, key.offset);
    const found = value && repeatedKey(value, [...path, name]);
    if (found)
      return found;
  }
  return;
}
function keyPath(path) {
  return path.map((segment, i) => {
    if (typeof segment === "number")
      return `[${segment}]`;
    if (!/^[A-Za-z_$][\w$-]*$/.test(segment))
      return `[${JSON.stringify(segment)}]`;
    return i === 0 ? segment : `.${segment}`;
  }).join("");
}
function kindOf(value) {
  if (value === undefined)
    return "nothing";
  if (value === null)
    return "null";
  if (Array.isArray(value))
    return "a list";
  if (typeof value === "object")
    return "an object";
  return `a ${typeof value}`;
}
function jsonProblem(text, { comments }) {
  if (!comments) {
    try {
      JSON.parse(text);
    } catch (error) {
      return error.message;
    }
  }
  const errors = [];
  const root = parseTree2(text, errors, { allowTrailingComma: comments, disallowComments: !comments });
  const first = errors[0];
  if (first)
    return `${printParseErrorCode(first.error)} at line ${text.slice(0, first.offset).split(`
`).length}`;
  if (root?.type !== "object")
    return `it holds ${kindOf(root && getNodeValue2(root))}, not an object`;
  const twice = repeatedKey(root, []);
  return twice && `it has the key ${keyPath(twice.path)} twice`;
}
function hasJsoncExtras(text) {
  const errors = [];
  parseTree2(text, errors, { allowTrailingComma: false, disallowComments: true });
  return errors.length > 0;
}
function newFileText(value) {
  return `${JSON.stringify(value, null, 2)}
`;
}
function styleOf(text) {
  return { unit: detectIndent(text).indent || "  ", eol: text.includes(`\r
`) ? `\r
` : `
` };
}
var end = (node) => node.offset + node.length;
function lineIndent(text, offset) {
  const start = text.lastIndexOf(`
`, offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(start))[0];
}
function isOneLine(text, node) {
  return !text.slice(node.offset, end(node)).includes(`
`);
}
function entryOf(node) {
  const parent = node.parent;
  return parent.type === "property" ? { container: parent.parent, entry: parent } : { container: parent, entry: node };
}
function render(value, key, pretty, colon = ": ") {
  const head = key === undefined ? "" : JSON.stringify(key) + colon;
  if (!pretty)
    return head + JSON.stringify(value);
  const body = JSON.stringify(value, null, pretty.style.unit).split(`
`).join(pretty.style.eol + pretty.indent);
  return head + body;
}
function compactSpacing(text, children) {
  const [first, second] = children;
  const comma = second ? /^\s*,([ \t]*)/.exec(text.slice(end(first), second.offset))?.[1] ?? "" : "";
  const [key, value] = first?.type === "property" ? first.children ?? [] : [];
  const colon = key && value ? text.slice(end(key), value.offset) : ":";
  return { comma, colon };
}
function addAt(text, path, value) {
  const style = styleOf(text);
  let container = parseTree2(text, [], { allowTrailingComma: true });
  let at = 0;
  for (;at < path.length - 1; at++) {
    const next = findNodeAtLocation2(container, [path[at]]);
    if (!next)
      break;
    container = next;
  }
  const key = path[at];
  assertContainer(container, path.slice(0, at), key);
  let item = value;
  for (let i = path.length - 1;i > at; i--) {
    const segment = path[i];
    if (typeof segment !== "string")
      throw new Error(`json-edit: cannot create a list on the way to ${keyPath(path)}`);
    item = { [segment]: item };
  }
  return applyEdits(text, insertion(text, style, container, typeof key === "string" ? key : undefined, item));
}
function assertContainer(container, where, key) {
  const want = typeof key === "string" ? "object" : "array";
  if (container.type === want && (want === "object" || key === -1))
    return;
  const place = where.length ? keyPath(where) : "the top level";
  throw new Error(`json-edit: cannot add ${JSON.stringify(key)} at ${place}: it is ${kindOf(getNodeValue2(container))}, not ${want === "object" ? "an object" : "a list"}`);
}
function insertion(text, style, container, key, value) {
  const children = container.children ?? [];
  const last = children.at(-1);
  if (!last) {
    const outer = container.parent && entryOf(container).container;
    if (outer && isOneLine(text, outer))
      return [{ offset: container.offset + 1, length: 0, content: render(value, key, undefined) }];
    const outerIndent = lineIndent(text, container.offset);
    const indent = outerIndent + style.unit;
    const item = style.eol + indent + render(value, key, { indent, style });
    const inner = { offset: container.offset + 1, length: container.length - 2 };
    if (text.slice(inner.offset, inner.offset + inner.length).trim() === "") {
      return [{ ...inner, content: item + style.eol + outerIndent }];
    }
    return [{ offset: inner.offset, length: 0, content: item }];
  }
  if (isOneLine(text, container)) {
    const { comma, colon } = compactSpacing(text, children);
    return [{ offset: end(last), length: 0, content: `,${comma}${render(value, key, undefined, colon)}` }];
  }
  const first = children[0];
  const ownLine = text.slice(text.lastIndexOf(`
`, first.offset - 1) + 1, first.offset).trim() === "";
  const indent = ownLine ? lineIndent(text, first.offset) : lineIndent(text, container.offset) + style.unit;
  const item = style.eol + indent + render(value, key, { indent, style });
  const after = trailingComments(text, end(last));
  if (after.comma || after.commentEnd === undefined)
    return [{ offset: end(last), length: 0, content: `,${item}` }];
  return [
    { offset: end(last), length: 0, content: "," },
    { offset: after.commentEnd, length: 0, content: item }
  ];
}
function trailingComments(text, offset) {
  const scanner = createScanner2(text.slice(offset), false);
  let commentEnd;
  for (let token = scanner.scan();; token = scanner.scan()) {
    if (token === TRIVIA)
      continue;
    if (token === COMMA && commentEnd === undefined)
      return { comma: true, commentEnd };
    if (token === LINE_COMMENT || token === BLOCK_COMMENT) {
      commentEnd = offset + scanner.getTokenOffset() + scanner.getTokenLength();
      if (token === LINE_COMMENT)
        return { comma: false, commentEnd };
      continue;
    }
    return { comma: false, commentEnd };
  }
}
function replaceAt(text, path, value) {
  const style = styleOf(text);
  const node = findNodeAtLocation2(parseTree2(text, [], { allowTrailingComma: true }), path);
  const { container, entry } = entryOf(node);
  const pretty = isOneLine(text, container) ? undefined : { indent: lineIndent(text, entry.offset), style };
  return applyEdits(text, [{ offset: node.offset, length: node.length, content: render(value, undefined, pretty) }]);
}
function removeAt(text, path) {
  const node = findNodeAtLocation2(parseTree2(text, [], { allowTrailingComma: true }), path);
  const { container, entry } = entryOf(node);
  const children = container.children;
  const index = children.indexOf(entry);
  const inner = { offset: container.offset + 1, length: container.length - 2 };
  if (children.length === 1) {
    const rest = text.slice(inner.offset, entry.offset) + text.slice(end(entry), inner.offset + inner.length);
    const edit = rest.trim() === "" ? { ...inner, content: "" } : { offset: inner.offset, length: end(entry) - inner.offset, content: "" };
    return applyEdits(text, [edit]);
  }
  if (index < children.length - 1) {
    return applyEdits(text, [{ offset: entry.offset, length: children[index + 1].offset - entry.offset, content: "" }]);
  }
  const previous = children[index - 1];
  const between = text.slice(end(previous), entry.offset);
  const { comma, commentsEnd } = separator(between);
  if (commentsEnd === undefined || comma === undefined) {
    return applyEdits(text, [{ offset: end(previous), length: end(entry) - end(previous), content: "" }]);
  }
  const afterComments = end(previous) + commentsEnd;
  return applyEdits(text, [
    { offset: end(previous) + comma, length: 1, content: "" },
    { offset: afterComments, length: end(entry) - afterComments, content: "" }
  ]);
}
function separator(between) {
  const scanner = createScanner2(between, false);
  let comma;
  let commentsEnd;
  for (let token = scanner.scan();token !== EOF; token = scanner.scan()) {
    if (token === LINE_COMMENT || token === BLOCK_COMMENT)
      commentsEnd = scanner.getTokenOffset() + scanner.getTokenLength();
    else if (token === COMMA)
      comma ??= scanner.getTokenOffset();
  }
  return { comma, commentsEnd };
}

// src/cli/install/record.ts
var EMPTY_RECORD = { files: [], folders: [], keys: {} };
var ABOUT = "Written by `intercom install`: the files, folders and JSON keys it created, so that `intercom uninstall` removes only those (each when nothing else is left in it).";
var strings = (value) => Array.isArray(value) ? value.filter((v) => typeof v === "string") : [];
function parseRecord(text) {
  if (text === undefined)
    return;
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    return;
  }
  if (typeof value !== "object" || value === null)
    return;
  const { files, folders, keys } = value;
  const byFile = {};
  if (typeof keys === "object" && keys !== null) {
    for (const [file, paths] of Object.entries(keys)) {
      if (Array.isArray(paths))
        byFile[file] = paths.filter((p) => Array.isArray(p) && p.every((s) => typeof s === "string"));
    }
  }
  return { files: strings(files), folders: strings(folders), keys: byFile };
}
function renderRecord(record) {
  const text = JSON.stringify({ about: ABOUT, version: 1, ...record }, null, 2);
  return `${text.replace(/\[\s+((?:"[^"\n]*",?\s+)+)\]/g, (_, items) => `[${items.trim().split(/,\s+/).join(", ")}]`)}
`;
}
function mergeRecords(a, b) {
  const keys = { ...a.keys };
  for (const [file, paths] of Object.entries(b.keys)) {
    const seen = new Set((keys[file] ?? []).map((p) => JSON.stringify(p)));
    keys[file] = [...keys[file] ?? [], ...paths.filter((p) => !seen.has(JSON.stringify(p)))];
    if (keys[file].length === 0)
      delete keys[file];
  }
  return { files: [...new Set([...a.files, ...b.files])], folders: [...new Set([...a.folders, ...b.folders])], keys };
}
function sameKey(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}

// src/cli/install/plan.ts
var SERVER_NAME = "intercom";
var quote = (path) => `"${path.replace(/(["\\$`])/g, "\\$1")}"`;
function commandPrefix(runtime) {
  return `${quote(runtime.bun)} ${quote(runtime.entry)}`;
}
var SERVER_TIMEOUT_MS = 660000;
function serverEntry(runtime) {
  return { type: "stdio", command: runtime.bun, args: [runtime.entry, "mcp"], env: { ...SERVER_ENV }, timeout: SERVER_TIMEOUT_MS };
}
function isOurServer(entry) {
  if (typeof entry !== "object" || entry === null)
    return false;
  const { command, args } = entry;
  const argv = [command, ...Array.isArray(args) ? args : []].map(String);
  return argv.some((a) => /intercom(\.ts)?$/.test(a)) && argv.at(-1) === "mcp";
}
var isObject = (value) => typeof value === "object" && value !== null && !Array.isArray(value);
var blank = (text) => text === undefined || text.trim() === "";
function mustBe(file, path, value, kind) {
  if (value === undefined || (kind === "object" ? isObject(value) : Array.isArray(value)))
    return;
  throw new IntercomError("BAD_INPUT", `${file}: ${keyPath(path)} is ${kindOf(value)}, not ${kind === "object" ? "an object" : "a list"}; fix it or move it aside, then run this again. Nothing was changed.`);
}
function userConfigOf(target, text) {
  return blank(text) ? {} : parseObject(target.userConfigFile, text, { comments: false }).value;
}
function ourServer(target, config) {
  mustBe(target.userConfigFile, ["mcpServers"], config.mcpServers, "object");
  const existing = isObject(config.mcpServers) ? config.mcpServers[SERVER_NAME] : undefined;
  if (existing !== undefined && !isOurServer(existing)) {
    throw new IntercomError("CONFLICT", `${target.userConfigFile} already has an MCP server named "${SERVER_NAME}" that is not intercom; rename or remove it, then run \`intercom install\` again. Nothing was changed.`);
  }
  return existing;
}
function withServer(path, text, entry) {
  if (blank(text))
    return { text: newFileText({ mcpServers: { [SERVER_NAME]: entry } }), created: [], createdFile: text === undefined };
  const config = parseObject(path, text, { comments: false }).value;
  const servers = config.mcpServers;
  mustBe(path, ["mcpServers"], servers, "object");
  if (isObject(servers) && servers[SERVER_NAME] !== undefined) {
    return {
      text: Bun.deepEquals(servers[SERVER_NAME], entry) ? text : replaceAt(text, ["mcpServers", SERVER_NAME], entry),
      created: [],
      createdFile: false
    };
  }
  return { text: addAt(text, ["mcpServers", SERVER_NAME], entry), created: isObject(servers) ? [] : [["mcpServers"]], createdFile: false };
}
function withoutServer(path, text, created, createdFile) {
  if (blank(text))
    return text;
  const config = parseObject(path, text, { comments: false }).value;
  if (!isObject(config.mcpServers) || !isOurServer(config.mcpServers[SERVER_NAME]))
    return text;
  let next = removeAt(text, ["mcpServers", SERVER_NAME]);
  if (Object.keys(config.mcpServers).length === 1 && created(["mcpServers"]))
    next = removeAt(next, ["mcpServers"]);
  return createdFile && next.trim() === "{}" ? undefined : next;
}
function findOurHook(settings) {
  if (!isObject(settings.hooks))
    return;
  for (const [event, groups] of Object.entries(settings.hooks)) {
    if (!Array.isArray(groups))
      continue;
    for (let g = groups.length - 1;g >= 0; g--) {
      const list = groups[g]?.hooks;
      if (!Array.isArray(list))
        continue;
      for (let h = list.length - 1;h >= 0; h--) {
        if (isIntercomHookCommand(list[h]?.command))
          return list.length === 1 ? ["hooks", event, g] : ["hooks", event, g, "hooks", h];
      }
    }
  }
  return;
}
function withoutOurHooks(path, text) {
  const events = new Set;
  for (;; ) {
    const at = findOurHook(parseObject(path, text, { comments: true }).value);
    if (!at)
      return { text, events };
    events.add(at[1]);
    text = removeAt(text, at);
  }
}
function hooksUpToDate(settings, ours) {
  const hooks = isObject(settings.hooks) ? settings.hooks : {};
  const events = new Set([...Object.keys(hooks), ...Object.keys(ours)]);
  for (const event of events) {
    const groups = Array.isArray(hooks[event]) ? hooks[event] : [];
    const withOurs = groups.filter((g) => Array.isArray(g?.hooks) && g.hooks.some((h) => isIntercomHookCommand(h?.command)));
    const want = ours[event] ?? [];
    if (withOurs.length !== want.length || !withOurs.every((g, i) => Bun.deepEquals(g, want[i])))
      return false;
  }
  return true;
}
function withHooks(path, text, ours) {
  if (blank(text))
    return { text: newFileText({ hooks: ours }), created: [], createdFile: text === undefined };
  let next = withoutOurHooks(path, text).text;
  const created = [];
  const settings = parseObject(path, next, { comments: true }).value;
  mustBe(path, ["hooks"], settings.hooks, "object");
  const hooks = isObject(settings.hooks) ? settings.hooks : {};
  for (const event of Object.keys(ours))
    mustBe(path, ["hooks", event], hooks[event], "list");
  if (settings.hooks === undefined)
    created.push(["hooks"]);
  for (const [event, groups] of Object.entries(ours)) {
    if (Array.isArray(hooks[event])) {
      for (const group of groups)
        next = addAt(next, ["hooks", event, -1], group);
    } else {
      next = addAt(next, ["hooks", event], groups);
      if (settings.hooks !== undefined)
        created.push(["hooks", event]);
    }
  }
  return { text: next, created, createdFile: false };
}
function planInstall(target, current, state, runtime, route) {
  const plan = { commands: [], changes: [], folders: [], notes: [] };
  const made = { files: [], folders: [...state.missingFolders], keys: {} };
  const keys = (file, paths) => {
    if (paths.length)
      made.keys[file] = paths;
  };
  const entry = serverEntry(runtime);
  const existing = ourServer(target, userConfigOf(target, current.userConfig));
  if (!Bun.deepEquals(existing, entry)) {
    const summary = `MCP server "${SERVER_NAME}": ${runtime.bun} ${runtime.entry} mcp`;
    if (route.kind === "claude") {
      if (existing !== undefined)
        plan.commands.push(claudeRemove(target));
      plan.commands.push({
        args: ["mcp", "add-json", "-s", "user", SERVER_NAME, JSON.stringify(entry)],
        file: target.userConfigFile,
        summary
      });
    } else {
      const edit = withServer(target.userConfigFile, current.userConfig, entry);
      keys(target.userConfigFile, edit.created);
      if (edit.createdFile)
        made.files.push(target.userConfigFile);
      plan.changes.push({
        path: target.userConfigFile,
        before: current.userConfig,
        after: edit.text,
        summary: [summary],
        format: "json",
        redo: (text) => withServer(target.userConfigFile, text, entry).text
      });
    }
  }
  const ours = hooksConfig(commandPrefix(runtime));
  if (current.settings !== undefined && !blank(current.settings) && hasJsoncExtras(current.settings))
    plan.notes.push(commentsNote(target));
  const settings = blank(current.settings) ? {} : parseObject(target.settingsFile, current.settings, { comments: true }).value;
  if (!hooksUpToDate(settings, ours)) {
    const edit = withHooks(target.settingsFile, current.settings, ours);
    keys(target.settingsFile, edit.created);
    if (edit.createdFile)
      made.files.push(target.settingsFile);
    plan.changes.push({
      path: target.settingsFile,
      before: current.settings,
      after: edit.text,
      summary: [`hooks: ${Object.keys(HOOK_EVENTS).join(", ")} \u2192 intercom hook <event>`],
      format: "jsonc"
    });
  }
  if (current.skill !== runtime.skill) {
    plan.changes.push({
      path: target.skillFile,
      before: current.skill,
      after: runtime.skill,
      summary: ['skill "intercom" (when to check, announce, reply)']
    });
  }
  if (plan.commands.length || plan.changes.length) {
    const after = renderRecord(mergeRecords(parseRecord(state.record) ?? EMPTY_RECORD, made));
    if (after !== state.record) {
      plan.changes.push({
        path: target.recordFile,
        before: state.record,
        after,
        summary: ["what install created, for uninstall"],
        format: "json"
      });
    }
  }
  return plan;
}
function claudeRemove(target) {
  return {
    args: ["mcp", "remove", "-s", "user", SERVER_NAME],
    file: target.userConfigFile,
    summary: `removed MCP server "${SERVER_NAME}"`
  };
}
function commentsNote(target) {
  return `${target.settingsFile} has comments or trailing commas. intercom keeps them, but Claude Code (2.1.330, as observed) rejects such a file ` + "as malformed JSON and ignores all of it, intercom hooks included: take them out for the hooks to run";
}
function isIntercomSkill(text) {
  return /^---\n(?:[^\n]*\n)*?name:\s*intercom\s*\n/.test(text);
}
function planUninstall(target, current, state, runtime, route) {
  const plan = { commands: [], changes: [], folders: [], notes: [] };
  const record = parseRecord(state.record);
  const createdFile = (file) => record?.files.includes(file) ?? false;
  const created = (file) => (path) => record === undefined || createdFile(file) || (record.keys[file] ?? []).some((k) => sameKey(k, path.slice(0, k.length)));
  if (!blank(current.userConfig)) {
    const config = userConfigOf(target, current.userConfig);
    const existing = isObject(config.mcpServers) ? config.mcpServers[SERVER_NAME] : undefined;
    if (isOurServer(existing)) {
      if (route.kind === "claude")
        plan.commands.push(claudeRemove(target));
      else {
        const redo = (text) => withoutServer(target.userConfigFile, text, created(target.userConfigFile), createdFile(target.userConfigFile));
        plan.changes.push({
          path: target.userConfigFile,
          before: current.userConfig,
          after: redo(current.userConfig),
          summary: [`removed MCP server "${SERVER_NAME}"`],
          format: "json",
          redo
        });
      }
    } else if (existing !== undefined) {
      plan.notes.push(`left the MCP server "${SERVER_NAME}" in ${target.userConfigFile}: it does not run intercom`);
    }
  }
  if (!blank(current.settings)) {
    const { text, events } = withoutOurHooks(target.settingsFile, current.settings);
    let next = text;
    const isCreated = created(target.settingsFile);
    for (const event of events) {
      const hooks = parseObject(target.settingsFile, next, { comments: true }).value.hooks;
      if (Array.isArray(hooks[event]) && hooks[event].length === 0 && isCreated(["hooks", event]))
        next = removeAt(next, ["hooks", event]);
    }
    const hooks = parseObject(target.settingsFile, next, { comments: true }).value.hooks;
    if (events.size && isObject(hooks) && Object.keys(hooks).length === 0 && isCreated(["hooks"]))
      next = removeAt(next, ["hooks"]);
    if (next !== current.settings) {
      const gone = createdFile(target.settingsFile) && next.trim() === "{}";
      plan.changes.push({
        path: target.settingsFile,
        before: current.settings,
        after: gone ? undefined : next,
        summary: ["removed intercom hooks"],
        format: "jsonc"
      });
    }
  }
  if (current.skill !== undefined) {
    if (current.skill === runtime.skill || isIntercomSkill(current.skill))
      plan.changes.push({ path: target.skillFile, before: current.skill, after: undefined, summary: ['removed skill "intercom"'] });
    else
      plan.notes.push(`left ${target.skillFile}: it is not intercom's skill`);
  }
  if (plan.commands.length || plan.changes.length) {
    if (state.record !== undefined) {
      plan.changes.push({
        path: target.recordFile,
        before: state.record,
        after: undefined,
        summary: ["removed the record of what install created"]
      });
    }
    const folders = record ? record.folders : [dirname(target.skillFile)];
    plan.folders = [...folders].sort((a, b) => b.length - a.length);
  }
  return plan;
}

// src/cli/doctor/runnable.ts
function whyNotRunnable(command) {
  try {
    const r = Bun.spawnSync([command, "--version"], { stdout: "pipe", stderr: "pipe", timeout: 5000 });
    if (r.exitCode === 0)
      return;
    const said = (r.stderr.toString() || r.stdout.toString()).trim().split(`
`)[0] ?? "";
    return `\`${command} --version\` failed (${r.signalCode ?? `exit ${r.exitCode}`})${said ? `: ${shorten(said, 160)}` : ""}`;
  } catch (error) {
    return `${command} cannot be run (${shorten(error instanceof Error ? error.message : String(error), 160)})`;
  }
}

// src/cli/doctor/registration.ts
function parse2(text) {
  if (text === undefined)
    return;
  try {
    return JSON.parse(text);
  } catch {
    return;
  }
}
function enabledPlugin(files) {
  const plugins = parse2(files.settings)?.enabledPlugins;
  if (!plugins || typeof plugins !== "object")
    return;
  return Object.entries(plugins).find(([id, on]) => on === true && id.startsWith("intercom@"))?.[0];
}
function checkRegistration(files, paths, bunOnPath, live = [], runnable = whyNotRunnable) {
  const plugin = enabledPlugin(files);
  const installed = parse2(files.userConfig)?.mcpServers;
  if (plugin && !installed?.[SERVER_NAME]) {
    return [
      bunOnPath ? {
        level: "ok",
        name: "plugin",
        detail: `${plugin} is enabled in ${paths.settingsFile}: it brings the MCP server, hooks and skill (bun: ${bunOnPath})`
      } : {
        level: "FAIL",
        name: "plugin",
        detail: `${plugin} is enabled, but it runs \`bun\` from PATH and there is none: install bun on PATH (npm i -g bun), or use \`intercom install\` instead`
      }
    ];
  }
  const checks = installedChecks(files, paths, live, runnable);
  if (plugin) {
    checks.push({
      level: "warn",
      name: "plugin",
      detail: `${plugin} is enabled as well as \`intercom install\`: each session would run intercom twice. Run \`intercom uninstall\`, or disable the plugin`
    });
  }
  const twice = live.find((r) => r.route === "plugin" && r.twin);
  if (twice) {
    checks.push({
      level: "warn",
      name: "plugin",
      detail: `the session of agent ${twice.code} (a plugin, from ${shown(twice.pluginRoot) ?? "a plugin folder"}) also runs agent ${twice.twin}: it runs intercom twice. Load intercom one way only: without --plugin-dir, or after \`intercom uninstall\``
    });
  }
  return checks;
}
var shown = (path) => path === undefined ? undefined : oneLineForTerminal(path);
function how(r) {
  return r.route === "plugin" ? `loaded as a plugin from ${shown(r.pluginRoot) ?? "a plugin folder"}` : "this session";
}
function installedChecks(files, paths, live, runnable) {
  const checks = [];
  const byPlugin = live.find((r) => r.route === "plugin");
  const witnesses = live.filter((r) => r.route === "plugin" || r.thisSession);
  const server = parse2(files.userConfig)?.mcpServers?.[SERVER_NAME];
  const here = live.find((r) => r.thisSession);
  if (!server && byPlugin) {
    const codes = live.filter((r) => r.route === "plugin").map((r) => r.code);
    checks.push({
      level: "ok",
      name: "MCP server",
      detail: `${how(byPlugin)}: live agent(s) ${codes.join(", ")} (not in ${paths.userConfigFile}, which a plugin does not need)`
    });
  } else if (!server && here) {
    checks.push({
      level: "warn",
      name: "MCP server",
      detail: `this session runs it (agent ${here.code}), but it is not in ${paths.userConfigFile}, so other sessions may run without it: run \`intercom install\``
    });
  } else if (!server) {
    checks.push({
      level: "FAIL",
      name: "MCP server",
      detail: `no "${SERVER_NAME}" server in ${paths.userConfigFile}: run \`intercom install\` (or load the plugin)`
    });
  } else {
    const missing = [server.command, ...server.args ?? []].filter((p) => typeof p === "string" && p.startsWith("/") && !existsSync(p));
    const broken = !missing.length && server.command?.startsWith("/") ? runnable(server.command) : undefined;
    const unquiet = Object.entries(SERVER_ENV).filter(([name, value]) => server.env?.[name] !== value);
    checks.push(missing.length ? {
      level: "FAIL",
      name: "MCP server",
      detail: `registered, but ${missing.join(", ")} does not exist: run \`intercom install\` again from where intercom lives now`
    } : broken ? {
      level: "FAIL",
      name: "MCP server",
      detail: `registered, but it cannot start: ${broken}. Its hooks run the same program. Run \`intercom install\` again (after reinstalling intercom, if npm skipped bun's install script)`
    } : unquiet.length ? {
      level: "warn",
      name: "MCP server",
      detail: `registered by an older intercom, without ${unquiet.map(([name, value]) => `${name}=${value}`).join(" ")} in its env: it works, but an idle server wakes up more often or holds more memory than it needs. Run \`intercom install\` again`
    } : { level: "ok", name: "MCP server", detail: `${server.command} ${(server.args ?? []).join(" ")}` });
  }
  if (files.settings !== undefined && files.settings.trim() !== "" && parse2(files.settings) === undefined) {
    checks.push({
      level: "FAIL",
      name: "hooks",
      detail: `${paths.settingsFile} is not plain JSON (a comment or a trailing comma?), so Claude Code ignores all of it, intercom's hooks included: remove the comments, then run \`intercom doctor\` again`
    });
    return [...checks, skillCheck(files, paths, byPlugin)];
  }
  const hooks = parse2(files.settings)?.hooks ?? {};
  const ours = (event) => {
    const groups = hooks[event];
    if (!Array.isArray(groups))
      return;
    return groups.flatMap((group) => Array.isArray(group?.hooks) ? group.hooks : []).find((h) => isIntercomHookCommand(h?.command));
  };
  const missingEvents = Object.keys(HOOK_EVENTS).filter((event) => !ours(event));
  const expected = hooksConfig("intercom");
  const staleEvents = Object.keys(HOOK_EVENTS).filter((event) => {
    const found = ours(event);
    const want = expected[event]?.[0]?.hooks[0];
    return found && want && (found.timeout !== want.timeout || found.asyncRewake === true !== (want.asyncRewake === true));
  });
  const unlikeEvents = Object.keys(HOOK_EVENTS).filter((event) => {
    const found = ours(event)?.command;
    const want = expected[event]?.[0]?.hooks[0]?.command;
    return typeof found === "string" && want !== undefined && leadingAssignments(found) !== leadingAssignments(want);
  });
  checks.push(missingEvents.length === Object.keys(HOOK_EVENTS).length ? unhookedCheck(paths, witnesses) : missingEvents.length ? {
    level: "FAIL",
    name: "hooks",
    detail: `${missingEvents.join(", ")} not hooked in ${paths.settingsFile}: run \`intercom install\``
  } : staleEvents.length ? {
    level: "FAIL",
    name: "hooks",
    detail: `${staleEvents.join(", ")} hooked by an older intercom in ${paths.settingsFile}: run \`intercom install\` again`
  } : unlikeEvents.length ? {
    level: "warn",
    name: "hooks",
    detail: unlikeDetail(unlikeEvents, (event) => String(ours(event)?.command), expected, paths.settingsFile)
  } : { level: "ok", name: "hooks", detail: `${Object.keys(HOOK_EVENTS).join(", ")} in ${paths.settingsFile}` });
  checks.push(skillCheck(files, paths, byPlugin));
  return checks;
}
function unlikeDetail(events, commandOf, expected, file) {
  const first = events[0];
  const found = leadingAssignments(commandOf(first)) || "none";
  const wanted = leadingAssignments(expected[first][0].hooks[0].command) || "none";
  return `${events.join(", ")} hooked in ${file} with another environment than this intercom registers (${first}: ${found}; expected ${wanted}): they run, but run \`intercom install\` again`;
}
function leadingAssignments(command) {
  const lead = /^(?:\s*[A-Za-z_][A-Za-z0-9_]*=\S*)+/.exec(command)?.[0] ?? "";
  return lead.trim().split(/\s+/).filter(Boolean).sort().join(" ");
}
function skillCheck(files, paths, byPlugin) {
  if (files.skill !== undefined)
    return { level: "ok", name: "skill", detail: paths.skillFile };
  if (byPlugin)
    return { level: "ok", name: "skill", detail: `comes with the plugin (${shown(byPlugin.pluginRoot) ?? "its folder"}/skill)` };
  return { level: "warn", name: "skill", detail: `${paths.skillFile} missing: run \`intercom install\` (the tools work without it)` };
}
function unhookedCheck(paths, witnesses) {
  const ran = witnesses.find((r) => r.hooksRan && r.route === "plugin") ?? witnesses.find((r) => r.hooksRan);
  if (ran?.route === "plugin")
    return { level: "ok", name: "hooks", detail: `they ran for agent ${ran.code}, ${how(ran)} (not in ${paths.settingsFile})` };
  if (ran) {
    return {
      level: "warn",
      name: "hooks",
      detail: `they ran for this session (agent ${ran.code}), but are not in ${paths.settingsFile}, so other sessions may run without them: run \`intercom install\``
    };
  }
  const waiting = witnesses.find((r) => r.route === "plugin");
  if (waiting) {
    return {
      level: "warn",
      name: "hooks",
      detail: `not in ${paths.settingsFile}, and none has run yet for agent ${waiting.code}, ${how(waiting)}: they run at session start and at each prompt; run \`intercom doctor\` again after one`
    };
  }
  return {
    level: "FAIL",
    name: "hooks",
    detail: `${Object.keys(HOOK_EVENTS).join(", ")} not hooked in ${paths.settingsFile}: run \`intercom install\``
  };
}

// src/cli/doctor/routes.ts
async function liveRoutes(store, here) {
  const live = await store.agents.live();
  const mine = new Set(here.sessionId ? await store.agents.codesForSession(here.sessionId) : []);
  const routes = [];
  for (const agent of live) {
    const thisSession = mine.has(agent.code) || here.claudePid !== undefined && agent.claude_pid === here.claudePid;
    if (agent.route !== "plugin" && !thisSession)
      continue;
    const hooksRan = (await store.agents.activity(agent.code)).state !== "unknown" || await store.watchers.current(agent.code) !== undefined;
    const twin = live.find((other) => other.code !== agent.code && other.claude_pid !== undefined && other.claude_pid === agent.claude_pid && other.claude_pid_start === agent.claude_pid_start)?.code;
    routes.push({ code: agent.code, route: agent.route, pluginRoot: agent.plugin_root, thisSession, hooksRan, twin });
  }
  return routes;
}

// src/cli/doctor/self-test.ts
var ARM_TIMEOUT_MS = 1e4;
var WAKE_TIMEOUT_MS = 1e4;
var SLOW_WAKE_MS = 1000;
async function wakeRoundTrip(store, deps) {
  const sessionId = `doctor-${crypto.randomUUID()}`;
  const me = procInfo2(process.pid);
  if (!me)
    return { ok: false, detail: "cannot read this process in /proc (or ps)" };
  const agent = await store.agents.register({
    project: "intercom-doctor",
    projectRoot: deps.config.cwd,
    cwd: deps.config.cwd,
    pid: me.pid,
    pidStart: me.start,
    sessionId,
    status: "intercom doctor self-test"
  });
  const messageIds = [];
  const env = {
    ...deps.childEnv,
    CLAUDE_INTERCOM_DIR: deps.config.storeDir,
    CLAUDE_INTERCOM_SESSION: undefined,
    CLAUDE_PID: String(process.pid)
  };
  const watcher = Bun.spawn([deps.runtime.bun, deps.runtime.entry, "hook", "stop"], {
    env,
    stdin: new TextEncoder().encode(JSON.stringify({ session_id: sessionId, hook_event_name: "Stop", stop_hook_active: false })),
    stdout: "pipe",
    stderr: "pipe"
  });
  try {
    const armedBy = Date.now() + ARM_TIMEOUT_MS;
    while ((await store.watchers.current(agent.code))?.pid !== watcher.pid) {
      if (Date.now() > armedBy || watcher.exitCode !== null) {
        return {
          ok: false,
          detail: `the watcher did not arm (exit ${watcher.exitCode ?? "none"}): ${(await stderrOf(watcher)).trim() || "no output"}`
        };
      }
      await Bun.sleep(5);
    }
    const message = await store.mail.send({
      from: { code: agent.code },
      to: [agent.code],
      scope: "direct",
      body: "intercom doctor: wake-up test"
    });
    messageIds.push(message.id);
    const t0 = performance.now();
    const exit = await Promise.race([watcher.exited, Bun.sleep(WAKE_TIMEOUT_MS).then(() => "timeout")]);
    const wakeMs = performance.now() - t0;
    if (exit === "timeout")
      return { ok: false, detail: `no wake within ${WAKE_TIMEOUT_MS / 1000} s: is fs.watch working on ${deps.config.storeDir}?` };
    const stderr = await stderrOf(watcher);
    if (exit !== 2 || !stderr.includes("wake-up test"))
      return { ok: false, detail: `the watcher exited ${exit} without the message: ${stderr.trim()}` };
    if (wakeMs > SLOW_WAKE_MS) {
      const why = stderr.match(/cannot watch [^\n]*/)?.[0];
      return {
        ok: false,
        detail: `the watcher woke in ${wakeMs.toFixed(0)} ms, not from an fs event: ${why ?? `is fs.watch working on ${deps.config.storeDir}?`}`,
        wakeMs
      };
    }
    return { ok: true, detail: `message written \u2192 watcher woke (exit 2) in ${wakeMs.toFixed(1)} ms`, wakeMs };
  } finally {
    if (watcher.exitCode === null)
      watcher.kill("SIGTERM");
    await watcher.exited;
    await store.purgeAgent(agent.code, { sessionId, messageIds });
  }
}
async function stderrOf(proc) {
  return new Response(proc.stderr).text();
}

// src/cli/doctor/inotify.ts
import { readdirSync, readFileSync } from "fs";
var WARN_SHARE = 0.8;
function inotifyUsage() {
  let max;
  try {
    max = Number(readFileSync("/proc/sys/fs/inotify/max_user_instances", "utf8").trim());
  } catch {
    return;
  }
  const uid = process.getuid?.();
  let used = 0;
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      if (uid !== undefined && !readFileSync(`/proc/${pid}/status`, "utf8").includes(`
Uid:	${uid}	`))
        continue;
      used += inotifyDescriptors2(Number(pid)).length;
    } catch {}
  }
  return { used, max };
}
function checkInotify(usage = inotifyUsage()) {
  if (!usage || !Number.isFinite(usage.max) || usage.max <= 0)
    return;
  const { used, max } = usage;
  const fix = `raise it: sudo sysctl fs.inotify.max_user_instances=${Math.max(1024, max * 4)} (and in /etc/sysctl.d/ to keep it)`;
  if (used >= max) {
    return {
      level: "FAIL",
      name: "inotify",
      detail: `${used} of ${max} inotify instances in use: new watchers cannot watch and poll instead (slower wakes); ${fix}`
    };
  }
  if (used >= max * WARN_SHARE)
    return { level: "warn", name: "inotify", detail: `${used} of ${max} inotify instances in use, near the cap; ${fix}` };
  return { level: "ok", name: "inotify", detail: `${used} of ${max} inotify instances in use` };
}

// src/cli/doctor/store-mode.ts
import { chmodSync, statSync } from "fs";
var PRIVATE = 448;
function checkStoreMode(root, fix, uid = process.getuid?.()) {
  let info;
  try {
    info = statSync(root);
  } catch {
    return;
  }
  if (!info.isDirectory() || uid !== undefined && info.uid !== uid || (info.mode & 63) === 0)
    return;
  const was = (info.mode & 511).toString(8);
  const command = `chmod 700 '${root}'`;
  if (!fix) {
    return {
      level: "FAIL",
      name: "store",
      detail: `${root} is open to other users (mode ${was}); messages must stay private: run \`intercom doctor --fix\` (it runs ${command})`,
      fixable: true
    };
  }
  try {
    chmodSync(root, PRIVATE);
  } catch (error) {
    return {
      level: "FAIL",
      name: "store",
      detail: `${root} is open to other users (mode ${was}), and ${command} failed: ${describeError(error)}`
    };
  }
  return { level: "fixed", name: "store", detail: `${command} (it was ${was}): only you can open it now` };
}

// src/cli/doctor/relay.ts
async function checkRelay(store, server) {
  const relay = await store.mesh.relay();
  const queued = [];
  for (const machine of await store.mesh.outboxMachines()) {
    const n = (await store.mesh.outboxIds(machine)).length;
    if (n)
      queued.push(`${n} for ${machine}`);
  }
  const backlog = queued.length ? `; queued: ${queued.join(", ")}` : "";
  if (!relay) {
    if (!server && !queued.length)
      return [{ level: "ok", name: "relay", detail: 'none (this machine only; README "Across machines" sets one up)' }];
    return [
      {
        level: "FAIL",
        name: "relay",
        detail: `no relay runs for this store${server ? ` (CLAUDE_INTERCOM_NATS_URL is set)` : ""}${backlog}: start one with \`intercom relay\`, or as a service with \`intercom install --relay <url>\``
      }
    ];
  }
  const view = await store.mesh.view();
  const machines = [...view.machines.values()];
  const up = machines.filter((m) => m.state === "up").map((m) => m.machine);
  const gone = machines.filter((m) => m.state === "gone").map((m) => m.machine);
  const seen = `${up.length ? `machines up: ${up.join(", ")}` : "no other machine up"}${gone.length ? `; gone: ${gone.join(", ")}` : ""}`;
  const where = `machine ${relay.machine} (pid ${relay.pid}) \u2192 ${relay.server}, namespace ${relay.namespace}`;
  const refused = relay.refused ? [
    {
      level: "warn",
      name: "relay",
      detail: `refused ${relay.refused} payload(s) from other machines since it started; the last: ${relay.last_refused ?? "(unknown)"}`
    }
  ] : [];
  if (relay.link === "up")
    return [{ level: "ok", name: "relay", detail: `${where}, linked since ${relay.link_since}; ${seen}${backlog}` }, ...refused];
  return [
    {
      level: "FAIL",
      name: "relay",
      detail: `${where}: the link is ${relay.link} since ${relay.link_since}${relay.error ? ` (${relay.error})` : ""}${backlog}. Sends to other machines wait until it returns; check that the server runs and is reachable`
    },
    ...refused
  ];
}

// src/cli/install/apply.ts
import { randomBytes } from "crypto";
import {
  closeSync,
  existsSync as existsSync2,
  fchmodSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync as readFileSync2,
  realpathSync,
  renameSync,
  rmdirSync,
  statSync as statSync2,
  unlinkSync,
  writeFileSync
} from "fs";
import { basename, dirname as dirname2, join } from "path";
function read(path) {
  try {
    return readFileSync2(path, "utf8");
  } catch (error) {
    if (hasErrno(error, "ENOENT"))
      return;
    throw error;
  }
}
function readCurrent(target) {
  return { userConfig: read(target.userConfigFile), settings: read(target.settingsFile), skill: read(target.skillFile) };
}
function readState(target) {
  const skillDir = dirname2(target.skillFile);
  const folders = [dirname2(target.settingsFile), dirname2(skillDir), skillDir];
  return { record: read(target.recordFile), missingFolders: folders.filter((f) => !existsSync2(f)) };
}
async function applyPlan(plan, options) {
  const applied = [];
  const backup = (path, text) => {
    if (text === undefined)
      return;
    mkdirSync(options.backupDir, { recursive: true, mode: 448 });
    const copy = join(options.backupDir, basename(path));
    writeFileSync(copy, text, { mode: 384 });
    return copy;
  };
  for (const change of plan.changes)
    checkText(change, change.after, []);
  const ran = [];
  for (const command of plan.commands) {
    if (!applied.some((a) => a.path === command.file)) {
      applied.push({ path: command.file, ...withBackup(backup(command.file, read(command.file))), deleted: false });
    }
    runClaude(command, options, ran);
    ran.push(commandName(command));
  }
  for (const change of plan.changes) {
    if (change.redo) {
      const result = await writeUnderClaudeLock(change, change.redo, options.onWait, backup, (text) => checkText(change, text, applied));
      if (result)
        applied.push(result);
      continue;
    }
    if (read(change.path) !== change.before) {
      throw new IntercomError("CONFLICT", `${change.path} changed while intercom was working on it; run this again.${doneSoFar(applied)}`);
    }
    const saved = backup(change.path, change.before);
    if (change.after === undefined)
      unlinkSync(change.path);
    else
      writeThrough(change.path, change.after);
    applied.push({ path: change.path, ...withBackup(saved), deleted: change.after === undefined });
  }
  const folders = plan.folders.filter(removeIfEmpty);
  return { applied, folders };
}
var commandName = ({ args: [group, verb] }) => `claude ${group} ${verb}`;
var withBackup = (backup) => backup ? { backup } : {};
var doneSoFar = (applied) => applied.length ? ` Already changed: ${applied.map((a) => a.path).join(", ")}.` : " Nothing was changed.";
function checkText(change, text, applied) {
  if (text === undefined || change.format === undefined)
    return;
  const problem = jsonProblem(text, { comments: change.format === "jsonc" });
  if (problem === undefined)
    return;
  throw new IntercomError("BAD_INPUT", `intercom's change to ${change.path} would not be valid JSON (${problem}), so it was not written; the file is as it was ` + `(this is a bug in intercom: please report it, with the file).${doneSoFar(applied)}`);
}
function runClaude(command, options, ran) {
  const shown = `claude ${command.args.join(" ")}`;
  const before = ran.length ? ` Already run: ${ran.join(", ")}; run this again.` : " Nothing was changed.";
  const env = { ...options.env, CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1" };
  const result = Bun.spawnSync([options.claude, ...command.args], {
    env,
    stdin: "ignore",
    stdout: "pipe",
    stderr: "pipe",
    timeout: 60000
  });
  if (result.exitCode !== 0) {
    const said = sliceTail(`${result.stderr.toString()}${result.stdout.toString()}`.trim(), 400).replace(/\s*\n\s*/g, " ");
    const how = result.exitCode === null ? "timed out" : `exit ${result.exitCode}`;
    throw new IntercomError("IO", `\`${shown}\` failed (${how}: ${said}).${before}`);
  }
  const adding = command.args[1] === "add-json";
  const wanted = adding ? JSON.parse(command.args.at(-1)) : undefined;
  if (!Bun.deepEquals(serverIn(command.file), wanted)) {
    throw new IntercomError("IO", `\`${shown}\` succeeded, but ${command.file} ${adding ? "does not have that server" : "still has the server"}: ` + "this claude writes another config file (is CLAUDE_CONFIG_DIR the same for it?).");
  }
}
function serverIn(file) {
  const text = read(file);
  if (text === undefined)
    return;
  try {
    return JSON.parse(text).mcpServers?.[SERVER_NAME];
  } catch (error) {
    throw new IntercomError("IO", `${file} is not valid JSON after \`claude mcp\` wrote it (${error.message})`, {
      cause: error
    });
  }
}
function writeThrough(path, text) {
  let real = path;
  let mode = 384;
  try {
    real = realpathSync(path);
    mode = statSync2(real).mode & 511;
  } catch (error) {
    if (!hasErrno(error, "ENOENT"))
      throw error;
  }
  const dir = dirname2(real);
  mkdirSync(dir, { recursive: true, mode: 448 });
  const tmp = `${real}.intercom-${randomBytes(8).toString("hex")}.tmp`;
  const fd = openSync(tmp, "wx", mode);
  try {
    try {
      writeFileSync(fd, text);
      fchmodSync(fd, mode);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, real);
  } catch (error) {
    try {
      unlinkSync(tmp);
    } catch {}
    throw error;
  }
  const folder = openSync(dir, "r");
  try {
    fsyncSync(folder);
  } finally {
    closeSync(folder);
  }
}
var STALE_MS = 1e4;
async function writeUnderClaudeLock(change, redo, onWait, backup, check) {
  const { default: lockfile } = await import("./index-kdx4b04d.js").then((m)=>__toESM(m.default,1));
  const lockFile = `${change.path}.lock`;
  let compromised;
  const lockOptions = {
    lockfilePath: lockFile,
    realpath: false,
    stale: STALE_MS,
    onCompromised: (error) => {
      compromised = error;
    }
  };
  mkdirSync(dirname2(change.path), { recursive: true, mode: 448 });
  let release;
  try {
    release = await lockfile.lock(change.path, { ...lockOptions, retries: 0 });
  } catch (error) {
    if (!hasErrno(error, "ELOCKED"))
      throw error;
    onWait(lockFile);
    try {
      release = await lockfile.lock(change.path, {
        ...lockOptions,
        retries: { retries: 60, minTimeout: 50, maxTimeout: 300, factor: 1.2 }
      });
    } catch (again) {
      if (!hasErrno(again, "ELOCKED"))
        throw again;
      throw new IntercomError("CONFLICT", `${change.path} stayed locked by a running Claude Code (${lockFile}); run this again in a moment. Nothing else was changed.`, { cause: again });
    }
  }
  try {
    const before = read(change.path);
    const after = redo(before);
    if (after === before)
      return;
    check(after);
    const saved = backup(change.path, before);
    if (after === undefined)
      unlinkSync(change.path);
    else
      writeThrough(change.path, after);
    return { path: change.path, ...withBackup(saved), deleted: after === undefined };
  } finally {
    await release().catch((error) => {
      if (!compromised && !hasErrno(error, "ERELEASED", "ENOTACQUIRED"))
        throw error;
    });
  }
}
function removeIfEmpty(dir) {
  try {
    rmdirSync(dir);
    return true;
  } catch (error) {
    if (hasErrno(error, "ENOTEMPTY", "EEXIST", "ENOENT", "ENOTDIR"))
      return false;
    throw error;
  }
}

// src/cli/install/target.ts
import { readFileSync as readFileSync3 } from "fs";
import { join as join2 } from "path";
function installTarget(config) {
  const configDir = config.claudeConfigDirs[0];
  return {
    userConfigFile: config.claudeUserConfigFile,
    settingsFile: join2(configDir, "settings.json"),
    skillFile: join2(configDir, "skills", "intercom", "SKILL.md"),
    recordFile: join2(configDir, "intercom-install.json")
  };
}
function installRuntime(runtime) {
  return {
    bun: runtime.bun,
    entry: runtime.entry,
    skill: readFileSync3(join2(runtime.repoRoot, "skill", "SKILL.md"), "utf8")
  };
}

// src/cli/commands/doctor.ts
var doctorCommand = defineCommand({
  name: "doctor",
  summary: "check the setup: bun, tmux, lsof, registration, store, a live send \u2192 wake round trip, and the relay to other machines",
  usage: `intercom doctor [--fix] [--json]
` + `  Exit 0 when nothing failed; each failure says how to fix it.
` + `  --fix   also fix what is safe to fix here (a store folder open to other users: chmod 700),
` + "          and say what it fixed; for the rest, each failure names the command to run",
  options: { ...jsonOption, fix: option.flag() },
  maxPositionals: 0,
  async run({ values }, deps) {
    const checks = [
      checkBun(Bun.version),
      checkTool("tmux", Bun.which("tmux"), "reaching sessions that do not run intercom"),
      checkTool("lsof", Bun.which("lsof"), "mapping running claude processes to sessions on macOS", process.platform !== "linux")
    ];
    const inotify = checkInotify();
    if (inotify)
      checks.push(inotify);
    const claude = Bun.which("claude");
    checks.push(checkClaude(claude, installedClaudeVersion(claude)));
    const storeChecks = [];
    const mode = checkStoreMode(deps.config.storeDir, values.fix);
    if (mode)
      storeChecks.push(mode);
    let live = [];
    if (mode?.level !== "FAIL") {
      try {
        const store = await deps.store();
        const swept = await store.collectTmp();
        const agents = await store.agents.live();
        live = await liveRoutes(store, { sessionId: deps.config.claudeSessionId, claudePid: deps.config.claudePid });
        const quarantined = await store.quarantined();
        storeChecks.push({ level: "ok", name: "store", detail: `${deps.config.storeDir} (private, ${agents.length} live agent(s))` });
        if (swept)
          storeChecks.push({ level: "ok", name: "sweep", detail: `finished ${swept} leftover(s) of writers that stopped midway` });
        storeChecks.push(checkWatch(store.watchBackend(), deps.config.chokidarEnv));
        if (quarantined.length) {
          storeChecks.push({
            level: "warn",
            name: "quarantine",
            detail: `${quarantined.length} corrupt file(s) set aside in ${store.layout.quarantine}; each has a .reason.txt`
          });
        }
        const trip = await wakeRoundTrip(store, deps);
        storeChecks.push({ level: trip.ok ? "ok" : "FAIL", name: "self-test", detail: trip.detail });
        storeChecks.push(...await checkRelay(store, deps.config.mesh.server));
      } catch (error) {
        storeChecks.push({ level: "FAIL", name: "store", detail: describeError(error, "human") });
      }
    }
    const target = installTarget(deps.config);
    checks.push(...checkRegistration(readCurrent(target), target, Bun.which("bun"), live), ...storeChecks);
    const failed = checks.filter((c) => c.level === "FAIL");
    const fixable = failed.filter((c) => c.fixable).length;
    if (values.json)
      printJson(deps, { ok: failed.length === 0, checks });
    else {
      for (const c of checks)
        deps.io.out(`${c.level.padEnd(5)}  ${c.name.padEnd(10)} ${c.detail}`);
      deps.io.out(!failed.length ? "All good." : fixable ? `${failed.length} problem(s) to fix; \`intercom doctor --fix\` fixes ${fixable === failed.length ? "them" : `${fixable} of them`}.` : `${failed.length} problem(s) to fix.`);
    }
    return failed.length ? 1 : 0;
  }
});

// src/cli/commands/inbox.ts
var inboxCommand = defineCommand({
  name: "inbox",
  summary: 'show messages sent to you (the "human" mailbox), marking them seen',
  usage: `intercom inbox [--json]
  Shows every message not yet acked; ack with: intercom ack <id...> | --all`,
  options: { ...jsonOption },
  maxPositionals: 0,
  async run({ values }, deps) {
    const store = await deps.store();
    const box = senderMailbox(await deps.sender());
    const found = await store.peek(box, { all: true });
    return output(deps, values.json, { mailbox: box, messages: found.map((m) => ({ ...m.message, state: m.state })) }, () => found.length ? found.map((m) => formatMessageLine(m.message, m.state)).join(`
`) : `No messages for ${box}.`);
  }
});

// src/cli/commands/install.ts
import { join as join3 } from "path";

// src/cli/install/diff.ts
function unifiedDiff(before, after, label, context = 3, afterWhat = "after install") {
  if (before === after)
    return "";
  const a = before.split(`
`);
  const b = after.split(`
`);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start])
    start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  const rows = midA.length + 1;
  const cols = midB.length + 1;
  const lcs = new Uint32Array(rows * cols);
  for (let i = midA.length - 1;i >= 0; i--) {
    for (let j = midB.length - 1;j >= 0; j--) {
      lcs[i * cols + j] = midA[i] === midB[j] ? lcs[(i + 1) * cols + j + 1] + 1 : Math.max(lcs[(i + 1) * cols + j], lcs[i * cols + j + 1]);
    }
  }
  const body = [];
  let i = 0;
  let j = 0;
  while (i < midA.length || j < midB.length) {
    if (i < midA.length && j < midB.length && midA[i] === midB[j]) {
      body.push(` ${midA[i]}`);
      i++;
      j++;
    } else if (j < midB.length && (i === midA.length || lcs[i * cols + j + 1] >= lcs[(i + 1) * cols + j])) {
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
  return [`--- ${label}`, `+++ ${label} (${afterWhat})`, `@@ line ${firstLine} @@`, ...lead, ...body, ...trail].join(`
`);
}

// src/cli/install/relay-service.ts
var UNIT_NAME = "claude-intercom-relay.service";
var LAUNCHD_LABEL = "com.claude-intercom.relay";
var MARKER = "Written by `intercom install --relay`; `intercom uninstall` removes it.";
function envLine(name, value) {
  if (/[\n\r\0]/.test(value))
    throw new IntercomError("BAD_INPUT", `${name} holds a line break; it cannot go in the relay's settings`);
  return `${name}='${value.replace(/'/g, `'\\''`)}'`;
}
function execWord(word) {
  return `"${word.replace(/\\/g, "\\\\").replace(/"/g, "\\\"").replace(/%/g, "%%").replace(/\$/g, "$$$$")}"`;
}
var xml = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
function relayService(input) {
  if (!MACHINE_PATTERN.test(input.machine))
    throw new IntercomError("BAD_INPUT", `--machine ${JSON.stringify(input.machine)} is not a machine name (a-z, 0-9, "-")`);
  if (!NAMESPACE_PATTERN.test(input.namespace))
    throw new IntercomError("BAD_INPUT", `--namespace ${JSON.stringify(input.namespace)} is not a namespace`);
  if (input.mesh.domain !== undefined)
    assertDomain(input.mesh.domain);
  if (!/^(?:nats|tls|wss?):\/\/|^[\w.-]+:\d+$/.test(input.server.split(",")[0].trim())) {
    throw new IntercomError("BAD_INPUT", `--relay ${JSON.stringify(input.server)} is not a NATS server URL, e.g. nats://hub.example.com:4222`);
  }
  const settings = [
    ["CLAUDE_INTERCOM_NATS_URL", input.server],
    ["CLAUDE_INTERCOM_MACHINE", input.machine],
    ["CLAUDE_INTERCOM_NATS_NAMESPACE", input.namespace],
    ["CLAUDE_INTERCOM_NATS_DOMAIN", input.mesh.domain],
    ["CLAUDE_INTERCOM_DIR", input.storeDir],
    ["CLAUDE_INTERCOM_NATS_USER", input.mesh.user],
    ["CLAUDE_INTERCOM_NATS_PASSWORD", input.mesh.password],
    ["CLAUDE_INTERCOM_NATS_TOKEN", input.mesh.token],
    ["CLAUDE_INTERCOM_NATS_CREDS", input.mesh.creds],
    ["CLAUDE_INTERCOM_NATS_TLS_CA", input.mesh.tlsCa],
    ["CLAUDE_INTERCOM_NATS_TLS_CERT", input.mesh.tlsCert],
    ["CLAUDE_INTERCOM_NATS_TLS_KEY", input.mesh.tlsKey],
    ["BUN_GC_TIMER_DISABLE", "1"]
  ];
  const envText = `# ${MARKER}
${settings.flatMap(([k, v]) => v === undefined ? [] : [envLine(k, v)]).join(`
`)}
`;
  const configHome = input.xdgConfigHome || `${input.home}/.config`;
  const envPath = `${configHome}/claude-intercom/relay.env`;
  if (input.platform === "linux") {
    const servicePath = `${configHome}/systemd/user/${UNIT_NAME}`;
    const serviceText = [
      `# ${MARKER}`,
      "[Unit]",
      "Description=claude-intercom relay: this machine's intercom store <-> NATS JetStream",
      "After=network-online.target",
      "",
      "[Service]",
      `EnvironmentFile=${envPath}`,
      `ExecStart=${[input.bun, input.entry, "relay"].map(execWord).join(" ")}`,
      "Restart=always",
      "RestartSec=2",
      "RestartPreventExitStatus=2 3",
      "",
      "[Install]",
      "WantedBy=default.target",
      ""
    ].join(`
`);
    return {
      platform: "systemd",
      servicePath,
      serviceText,
      envPath,
      envText,
      start: [
        ["systemctl", "--user", "daemon-reload"],
        ["systemctl", "--user", "enable", "--now", UNIT_NAME]
      ],
      stop: [
        ["systemctl", "--user", "disable", "--now", UNIT_NAME],
        ["systemctl", "--user", "daemon-reload"]
      ]
    };
  }
  if (input.platform === "darwin") {
    const servicePath = `${input.home}/Library/LaunchAgents/${LAUNCHD_LABEL}.plist`;
    const script = `set -a; . ${shellQuote(envPath)}; exec ${shellQuote(input.bun)} ${shellQuote(input.entry)} relay`;
    const serviceText = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      `<!-- ${MARKER} -->`,
      '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">',
      '<plist version="1.0">',
      "<dict>",
      `  <key>Label</key><string>${LAUNCHD_LABEL}</string>`,
      "  <key>ProgramArguments</key>",
      `  <array><string>/bin/sh</string><string>-c</string><string>${xml(script)}</string></array>`,
      "  <key>RunAtLoad</key><true/>",
      "  <key>KeepAlive</key><dict><key>SuccessfulExit</key><false/></dict>",
      `  <key>StandardErrorPath</key><string>${xml(`${input.home}/Library/Logs/claude-intercom-relay.log`)}</string>`,
      "</dict>",
      "</plist>",
      ""
    ].join(`
`);
    return {
      platform: "launchd",
      servicePath,
      serviceText,
      envPath,
      envText,
      start: [["launchctl", "load", "-w", servicePath]],
      stop: [["launchctl", "unload", "-w", servicePath]]
    };
  }
  throw new IntercomError("UNSUPPORTED", `no user service manager intercom knows on ${input.platform}: run \`intercom relay --server ${input.server}\` yourself (e.g. from your login scripts)`);
}
function shellQuote(word) {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

// src/cli/install/relay-apply.ts
import { chmodSync as chmodSync2, existsSync as existsSync3, mkdirSync as mkdirSync2, readFileSync as readFileSync4, rmSync, writeFileSync as writeFileSync2 } from "fs";
import { dirname as dirname3 } from "path";
var shown2 = (argv) => argv.join(" ");
function maskSecrets(envText) {
  return envText.replace(/^(CLAUDE_INTERCOM_NATS_(?:PASSWORD|TOKEN))=.*$/gm, "$1='\u2026'").replace(/(:\/\/)[^@/'\n]*@/g, "$1\u2026@");
}
function run(commands, io) {
  for (const argv of commands) {
    const r = Bun.spawnSync(argv, { env: io.env, stdout: "pipe", stderr: "pipe" });
    if (r.exitCode !== 0)
      return `\`${shown2(argv)}\` failed: ${(r.stderr.toString() || r.stdout.toString()).trim() || `exit ${r.exitCode}`}`;
    io.out(`ran: ${shown2(argv)}`);
  }
  return;
}
function installService(service, io, dryRun) {
  const tool = service.start[0][0];
  if (dryRun) {
    io.out(`would write ${service.envPath} (mode 0600):
${maskSecrets(service.envText)}`);
    io.out(`would write ${service.servicePath}:
${service.serviceText}`);
    for (const argv of service.start)
      io.out(`would run: ${shown2(argv)}`);
    return;
  }
  mkdirSync2(dirname3(service.envPath), { recursive: true, mode: 448 });
  writeFileSync2(service.envPath, service.envText, { mode: 384 });
  chmodSync2(service.envPath, 384);
  mkdirSync2(dirname3(service.servicePath), { recursive: true });
  writeFileSync2(service.servicePath, service.serviceText);
  io.out(`wrote ${service.envPath} (the relay's settings, readable by you only) and ${service.servicePath}`);
  const failed = io.which(tool) ? run(service.start, io) : `${tool} is not on PATH`;
  if (failed) {
    io.out(`The relay service is written but not started (${failed}). Start it with:`);
    for (const argv of service.start)
      io.out(`  ${shown2(argv)}`);
    io.out(`or run it in a terminal: set -a; . ${service.envPath}; intercom relay`);
  } else
    io.out("The relay runs now, and at every login; `intercom doctor` checks its link.");
}
function uninstallService(service, io, dryRun) {
  const ours = (path) => existsSync3(path) && readFileSync4(path, "utf8").includes(MARKER);
  if (!ours(service.servicePath) && !ours(service.envPath))
    return;
  if (dryRun) {
    for (const argv of service.stop)
      io.out(`would run: ${shown2(argv)}`);
    io.out(`would remove ${service.servicePath} and ${service.envPath}`);
    return;
  }
  const tool = service.stop[0][0];
  const failed = io.which(tool) ? run(service.stop, io) : `${tool} is not on PATH`;
  if (failed)
    io.out(`could not stop the relay service (${failed}); stop it yourself: ${service.stop.map(shown2).join(" && ")}`);
  for (const path of [service.servicePath, service.envPath])
    if (ours(path))
      rmSync(path);
  io.out(`removed the relay service: ${service.servicePath}, ${service.envPath}`);
}

// src/cli/commands/install.ts
function backupDir(deps) {
  return join3(deps.config.claudeConfigDirs[0], "backups", `intercom-${deps.now().toISOString().replace(/[:.]/g, "-")}`);
}
function mcpRoute(claude) {
  if (claude.path && claude.version)
    return { kind: "claude", claude: claude.path };
  return { kind: "file", why: claude.path ? `\`${claude.path} --version\` printed no version` : "no `claude` is on PATH" };
}
function describeRoute(route, target, done, what) {
  const verb = what === "install" ? "registered" : "removed";
  if (route.kind === "claude") {
    return `MCP server: ${done ? verb : `would be ${verb}`} by Claude Code's own \`claude mcp \u2026 -s user\` (${route.claude}), which writes ${target.userConfigFile} under Claude Code's lock`;
  }
  return `MCP server: ${done ? verb : `would be ${verb}`} by intercom writing ${target.userConfigFile} itself (${route.why}), ` + `under the lock a running Claude Code takes for that file (${target.userConfigFile}.lock), so neither side's change is lost`;
}
var shellWord = (word) => /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
async function reportAndApply(deps, target, plan, route, dryRun, what) {
  const touchesMcp = plan.commands.length > 0 || plan.changes.some((c) => c.path === target.userConfigFile);
  if (touchesMcp && dryRun)
    deps.io.out(describeRoute(route, target, false, what));
  for (const command of plan.commands) {
    if (dryRun)
      deps.io.out(`would run: claude ${command.args.map(shellWord).join(" ")}`);
    else
      deps.io.out(`changed ${command.file}: ${command.summary} (${commandName(command)})`);
  }
  for (const c of plan.changes) {
    if (dryRun)
      deps.io.out(unifiedDiff(c.before ?? "", c.after ?? "", c.path, 3, `after ${what}`) || `(${c.path} unchanged)`);
    for (const line of c.summary)
      deps.io.out(`${dryRun ? "would change" : "changed"} ${c.path}: ${line}`);
  }
  if (dryRun) {
    for (const folder of plan.folders)
      deps.io.out(`would remove ${folder} if it is empty then (install created it)`);
    return;
  }
  const dir = backupDir(deps);
  const done = await applyPlan(plan, {
    backupDir: dir,
    claude: route.kind === "claude" ? route.claude : undefined,
    env: deps.childEnv,
    onWait: (lock) => deps.io.out(`waiting for a running Claude Code to finish writing ${target.userConfigFile} (it holds ${lock})\u2026`)
  });
  if (touchesMcp)
    deps.io.out(describeRoute(route, target, true, what));
  for (const folder of done.folders)
    deps.io.out(`removed ${folder} (install created it; it is empty now)`);
  return { dir, ...done };
}
function serviceFor(deps, server, machine, namespace, domain) {
  const home = deps.childEnv.HOME;
  if (!home)
    throw new IntercomError("BAD_INPUT", "HOME is not set: intercom cannot tell where your user services live");
  const { mesh } = deps.config;
  if (domain === undefined && mesh.domainProblem)
    throw new IntercomError("BAD_INPUT", `${mesh.domainProblem}; nothing was changed`);
  return relayService({
    platform: process.platform,
    home,
    xdgConfigHome: deps.childEnv.XDG_CONFIG_HOME,
    bun: deps.runtime.bun,
    entry: deps.runtime.entry,
    storeDir: deps.config.storeDir,
    server,
    machine: machine ?? mesh.machine,
    namespace: namespace ?? mesh.namespace,
    mesh: { ...mesh, domain: domain ?? mesh.domain }
  });
}
function serviceIo(deps) {
  return { out: (line) => deps.io.out(line), which: (tool) => Bun.which(tool, { PATH: deps.childEnv.PATH ?? "" }), env: deps.childEnv };
}
var installCommand = defineCommand({
  name: "install",
  summary: "register intercom (MCP server, hooks, skill) in your Claude Code user config",
  usage: `intercom install [--dry-run]
` + "  Adds the MCP server to ~/.claude.json (with `claude mcp add-json -s user` when claude is on PATH),\n" + `  the hooks to ~/.claude/settings.json and the skill to ~/.claude/skills/intercom (honours
` + `  CLAUDE_CONFIG_DIR). Edits in place, keeping your formatting and comments. Idempotent; backs up
` + `  what it changes; records what it created, so that uninstall removes only that.
` + `  --dry-run   show the diff and the commands, change nothing
` + "  --relay URL also run `intercom relay` to that NATS server as a user service (systemd on Linux,\n" + `              launchd on macOS), with --machine NAME, --namespace NS and --domain D (a leaf node: the
` + `              hub's JetStream domain; docs/relay.md); credentials
` + "              and TLS come from CLAUDE_INTERCOM_NATS_* in this environment, kept in a 0600 file",
  options: {
    "dry-run": option.flag(),
    relay: option.string(),
    machine: option.string(),
    namespace: option.string(),
    domain: option.string()
  },
  maxPositionals: 0,
  async run({ values }, deps) {
    const service = values.relay !== undefined ? serviceFor(deps, values.relay, values.machine, values.namespace, values.domain) : undefined;
    if (service === undefined && (values.machine !== undefined || values.namespace !== undefined || values.domain !== undefined)) {
      throw new IntercomError("BAD_INPUT", "--machine, --namespace and --domain go with --relay <url>");
    }
    if (/[\\/]_npx[\\/]/.test(deps.runtime.entry)) {
      throw new IntercomError("UNSUPPORTED", `intercom install is running from npx's cache (${deps.runtime.entry}), which npm may clear; what it registered would then stop working. Nothing was changed. ` + "Install intercom for good first: `npm install -g claude-intercom`, then run `intercom install`");
    }
    const claude = findClaude(deps.childEnv);
    if (claude.version && isOlderThan(claude.version, MIN_CLAUDE_VERSION)) {
      throw new IntercomError("UNSUPPORTED", `Claude Code ${claude.version} is too old for intercom (it needs ${MIN_CLAUDE_VERSION} or later; an older one would ignore your whole settings.json because of a hook event it does not know). ` + "Run `claude update`, then `intercom install` again. Nothing was changed.");
    }
    if (!claude.version) {
      deps.io.err(`intercom install: ${claude.path ? `\`${claude.path} --version\` printed no version` : "no `claude` on PATH"}, so the Claude Code version check was skipped. ` + `intercom's hooks need Claude Code ${MIN_CLAUDE_VERSION} or later (an older one ignores all of settings.json): ` + "run `claude --version` where you use Claude Code, and `claude update` if it is older.");
    }
    const route = mcpRoute(claude);
    const target = installTarget(deps.config);
    const plan = planInstall(target, readCurrent(target), readState(target), installRuntime(deps.runtime), route);
    for (const note of plan.notes)
      deps.io.err(`intercom install: ${note}`);
    if (plan.commands.length === 0 && plan.changes.length === 0) {
      deps.io.out("intercom is already installed; nothing to change.");
      if (service)
        installService(service, serviceIo(deps), values["dry-run"]);
      return 0;
    }
    const done = await reportAndApply(deps, target, plan, route, values["dry-run"], "install");
    if (service)
      installService(service, serviceIo(deps), values["dry-run"]);
    if (!done)
      return 0;
    if (done.applied.some((a) => a.backup))
      deps.io.out(`backups of the previous files: ${done.dir}`);
    deps.io.out("Done. Start (or restart) Claude Code sessions to load intercom; `intercom doctor` checks the setup.");
    return 0;
  }
});
var uninstallCommand = defineCommand({
  name: "uninstall",
  summary: "remove what `intercom install` added (backs up what it changes)",
  usage: `intercom uninstall [--dry-run]
` + "  Removes the MCP server (with `claude mcp remove -s user` when claude is on PATH), the hooks and the\n" + `  skill, and the files, folders and keys install created when nothing else is left in them, and the
` + "  relay service `install --relay` wrote.\n" + "  --dry-run   show the diff and the commands, change nothing",
  options: { "dry-run": option.flag() },
  maxPositionals: 0,
  async run({ values }, deps) {
    const route = mcpRoute(findClaude(deps.childEnv));
    const target = installTarget(deps.config);
    const plan = planUninstall(target, readCurrent(target), readState(target), installRuntime(deps.runtime), route);
    for (const note of plan.notes)
      deps.io.err(`intercom uninstall: ${note}`);
    if (deps.childEnv.HOME) {
      try {
        uninstallService(serviceFor(deps, "nats://localhost:4222"), serviceIo(deps), values["dry-run"]);
      } catch (error) {
        if (!(error instanceof IntercomError && error.code === "UNSUPPORTED"))
          throw error;
      }
    }
    if (plan.commands.length === 0 && plan.changes.length === 0) {
      deps.io.out("intercom is not installed; nothing to remove.");
      return 0;
    }
    const done = await reportAndApply(deps, target, plan, route, values["dry-run"], "uninstall");
    if (done)
      deps.io.out(`Removed. Backups: ${done.dir}. Restart Claude Code sessions to unload intercom.`);
    return 0;
  }
});

// src/cli/commands/reply.ts
var replyCommand = defineCommand({
  name: "reply",
  summary: "answer a message in your mailbox (goes to its sender, same thread; acks it)",
  usage: "intercom reply <id> <text...> [--json]",
  options: { ...jsonOption },
  maxPositionals: Number.POSITIVE_INFINITY,
  async run({ values, positionals }, deps) {
    const [id, ...words] = positionals;
    const body = await bodyFrom(words, deps.io);
    if (!id || body === "")
      throw new UsageError("reply needs a message id and text: intercom reply <id> <text>");
    const sent = await (await deps.store()).reply({ sender: await deps.sender(), id, body });
    return output(deps, values.json, { id: sent.id, to: sent.to, thread: sent.thread }, () => `replied ${sent.id} to ${sent.to.join(", ")}`);
  }
});

// src/cli/commands/send.ts
var sendCommand = defineCommand({
  name: "send",
  summary: 'send a message to an agent, a name, "all" (this project) or "*"',
  usage: `intercom send <to> <text...> [--reply-to ID] [--store-only] [--json]
` + `  <to>     agent code, name, session id, "all" (agents on the current project) or "*" (everyone)
` + `  <text>   the message; "-" or nothing reads it from stdin
` + "  --store-only  do not type a nudge into the tmux pane of a session without intercom",
  options: { ...jsonOption, "reply-to": option.messageId(), "store-only": option.flag() },
  maxPositionals: Number.POSITIVE_INFINITY,
  async run({ values, positionals }, deps) {
    const [to, ...words] = positionals;
    if (!to)
      throw new UsageError("send needs a recipient: intercom send <to> <text>");
    const body = await bodyFrom(words, deps.io);
    if (body === "")
      throw new UsageError("send needs a message: intercom send <to> <text>, or pipe it on stdin");
    const store = await deps.store();
    const sent = await store.send({
      sender: await deps.sender(),
      to: parseAddress(to),
      body,
      replyTo: values["reply-to"],
      deliverLive: !values["store-only"]
    });
    const delivery = sent.delivery.map((d) => renderNote(d, "human"));
    return output(deps, values.json, { id: sent.message.id, thread: sent.message.thread, delivery }, () => [`sent ${sent.message.id}`, ...delivery.map((d) => `  ${d.to}: ${d.via} \u2014 ${d.note}`)].join(`
`));
  }
});

// src/cli/commands/tail.ts
var tailCommand = defineCommand({
  name: "tail",
  summary: "follow every message between agents as it lands, on every machine of the mesh (Ctrl-C to stop)",
  usage: `intercom tail [--since ID] [--json]
  --since ID   first show messages sent after message ID
  --json       one JSON object per line`,
  options: { ...jsonOption, since: option.messageId() },
  maxPositionals: 0,
  async run({ values }, deps) {
    const store = await deps.store();
    const onError = (error) => deps.io.err(`intercom tail: ${describeError(error, "human")}`);
    const watch = await store.followLog({
      sinceId: values.since,
      onMessage: (message) => deps.io.out(values.json ? jsonForTerminal(JSON.stringify(message)) : formatMessageLine(message)),
      onError
    });
    const feed = await store.followFeed({
      sinceId: values.since,
      onMessage: (entry) => deps.io.out(values.json ? jsonForTerminal(JSON.stringify(entry)) : formatFeedLine(entry)),
      onError
    });
    deps.io.err(`following messages in ${store.layout.root} (Ctrl-C to stop)`);
    await deps.interrupted;
    watch.close();
    feed.close();
    return 0;
  }
});

// src/cli/dashboard/feed.ts
var HISTORY_LIMIT = 50;
var HISTORY_WINDOW_MS = 24 * 60 * 60 * 1000;
var AGENT_POLL_MS = 2000;
function firstIdAt(ms) {
  return `${String(Math.max(0, ms)).padStart(13, "0")}-0000000000`;
}
async function startFeed(store, hub, options) {
  const recent = [];
  let agents = [];
  let agentsJson = "";
  let started = false;
  let lastError = "";
  const report = (error) => {
    const text = describeError(error, "human");
    if (text !== lastError)
      options.onError(error);
    lastError = text;
  };
  let refreshing = false;
  let again = false;
  async function refreshAgents() {
    if (refreshing) {
      again = true;
      return;
    }
    refreshing = true;
    try {
      do {
        again = false;
        const next = await store.who({ scope: "all" });
        const json = JSON.stringify(next);
        lastError = "";
        if (json === agentsJson)
          continue;
        agents = next;
        agentsJson = json;
        if (started)
          hub.broadcast({ event: "agents", data: agents });
      } while (again);
    } catch (error) {
      report(error);
    } finally {
      refreshing = false;
    }
  }
  const onMessage = (message) => {
    recent.push(message);
    recent.sort((a, b) => a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    if (recent.length > HISTORY_LIMIT)
      recent.shift();
    if (!started)
      return;
    hub.broadcast({ event: "message", data: message });
    refreshAgents();
  };
  const sinceId = firstIdAt(options.now().getTime() - HISTORY_WINDOW_MS);
  const watch = await store.followLog({ sinceId, onMessage, onError: report });
  const feedWatch = await store.followFeed({ sinceId, onMessage, onError: report });
  await refreshAgents();
  started = true;
  const timer = setInterval(() => void refreshAgents(), options.pollMs ?? AGENT_POLL_MS);
  return {
    snapshot: () => [
      { event: "agents", data: agents },
      { event: "history", data: [...recent] }
    ],
    close() {
      clearInterval(timer);
      watch.close();
      feedWatch.close();
    }
  };
}

// src/cli/dashboard/page.ts
var STYLE = `
:root { color-scheme: light dark; --fg: #1d1d1f; --bg: #fafafa; --muted: #6e6e73; --line: #d9d9de; --card: #fff;
  --busy: #b45309; --idle: #15803d; --error: #b91c1c; --ok: #15803d; }
@media (prefers-color-scheme: dark) { :root { --fg: #e8e8ea; --bg: #18181b; --muted: #a1a1aa; --line: #3f3f46; --card: #202024;
  --busy: #f59e0b; --idle: #4ade80; --error: #f87171; --ok: #4ade80; } }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.4 system-ui, sans-serif; color: var(--fg); background: var(--bg); }
header { display: flex; align-items: baseline; gap: 1em; padding: .6em 1em; border-bottom: 1px solid var(--line); }
h1 { font-size: 1.1em; margin: 0; }
h2 { font-size: 1em; margin: 0 0 .4em; }
main { padding: .8em 1em; display: grid; gap: 1.2em; max-width: 1200px; }
code, pre, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 13px; }
table { border-collapse: collapse; width: 100%; background: var(--card); }
th, td { text-align: left; padding: .3em .6em; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-weight: 600; color: var(--muted); }
tr.dead td { color: var(--muted); opacity: .55; }
.activity-busy { color: var(--busy); } .activity-idle { color: var(--idle); } .activity-unknown, .activity-dead { color: var(--muted); }
ul.claims { margin: 0; padding: 0; list-style: none; }
.muted, .empty { color: var(--muted); }
#messages { list-style: none; margin: 0; padding: 0; max-height: 55vh; overflow-y: auto; border: 1px solid var(--line); background: var(--card); }
#messages li { padding: .4em .6em; border-bottom: 1px solid var(--line); }
#messages .head { color: var(--muted); display: flex; flex-wrap: wrap; gap: .5em; align-items: baseline; }
#messages .from { color: var(--fg); font-weight: 600; }
#messages .body { margin: .2em 0 0; white-space: pre-wrap; overflow-wrap: anywhere; }
#messages button.reply { font-size: 12px; padding: 0 .4em; }
#messages .id { font-size: 12px; opacity: .7; }
form { display: grid; gap: .5em; max-width: 720px; }
form label { display: grid; gap: .2em; }
input, textarea { font: inherit; padding: .35em .5em; border: 1px solid var(--line); border-radius: 4px; background: var(--card); color: var(--fg); }
textarea { min-height: 4.5em; resize: vertical; }
.row { display: flex; gap: .8em; align-items: center; flex-wrap: wrap; }
#send-result.ok { color: var(--ok); } #send-result.error { color: var(--error); }
#conn[data-state="live"] { color: var(--ok); } #conn[data-state="down"] { color: var(--error); }
`;
var SCRIPT = `
'use strict';
const $ = (id) => document.getElementById(id);
/** Every agent this page has seen, by code; one that leaves the list stays, marked dead. */
const agents = new Map();
const shownIds = new Set();
/** Keeps a page left open for days from growing without bound. */
const MAX_MESSAGES = 1000;
let replyTo = null;

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

function clock(iso) {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  const time = d.toLocaleTimeString([], { hour12: false });
  return d.toDateString() === new Date().toDateString() ? time : d.toLocaleDateString() + ' ' + time;
}

function address(from) {
  return from.machine ? from.code + '@' + from.machine : from.code;
}

function who(from) {
  return from.name ? address(from) + ' (' + from.name + ')' : address(from);
}

/** A local agent by its code, another machine's by code@machine (codes are unique per machine). */
function agentKey(a) {
  return a.remote ? a.code + '@' + a.machine : a.code;
}

function recipients(m) {
  const list = m.to.join(', ');
  if (m.scope === 'project') return 'all@' + m.project + ' (' + list + ')';
  if (m.scope === 'everyone') return '* (' + list + ')';
  return list;
}

function setConn(state, text) {
  const conn = $('conn');
  conn.dataset.state = state;
  conn.textContent = text;
}

function activityCell(view, dead) {
  const known = ['busy', 'idle', 'unknown'];
  const state = dead ? 'dead' : known.includes(view.activity) ? view.activity : 'unknown';
  return el('td', 'activity activity-' + state, state);
}

function claimsCell(claims) {
  const td = el('td', 'claims');
  if (!Array.isArray(claims) || claims.length === 0) return td;
  const ul = el('ul', 'claims');
  for (const c of claims) {
    const li = el('li');
    li.append(el('code', 'pattern', c.pattern));
    if (c.reason) li.append(' ', el('span', 'reason', c.reason));
    if (c.expires_at) li.append(' ', el('span', 'muted', 'until ' + clock(c.expires_at)));
    ul.append(li);
  }
  td.append(ul);
  return td;
}

function agentRow(entry) {
  const a = entry.view;
  const tr = el('tr', entry.dead ? 'agent dead' : 'agent');
  tr.dataset.code = agentKey(a);
  if (entry.dead) tr.title = 'gone since ' + clock(entry.goneAt);
  tr.append(
    el('td', 'code mono', a.code),
    el('td', 'machine mono', a.machine || ''),
    el('td', 'name', a.name || ''),
    el('td', 'project', a.project),
    activityCell(a, entry.dead),
    el('td', 'status', a.status || ''),
    el('td', 'since', clock(a.since)),
    claimsCell(a.claims),
  );
  return tr;
}

function renderAgents(list) {
  const live = new Set(list.map(agentKey));
  for (const a of list) agents.set(agentKey(a), { view: a, dead: false });
  const now = new Date().toISOString();
  for (const entry of agents.values()) {
    if (!live.has(agentKey(entry.view)) && !entry.dead) Object.assign(entry, { dead: true, goneAt: now });
  }
  const rows = [...agents.values()].sort((x, y) =>
    Number(x.dead) - Number(y.dead) || x.view.project.localeCompare(y.view.project) || (x.view.registered_at ?? x.view.since).localeCompare(y.view.registered_at ?? y.view.since));
  $('agents').tBodies[0].replaceChildren(...rows.map(agentRow));
  $('no-agents').hidden = rows.length > 0;
  $('agent-count').textContent = list.length + ' live' + (rows.length > list.length ? ', ' + (rows.length - list.length) + ' gone' : '');
  const options = ['*'];
  for (const a of list) options.push(agentKey(a), ...(a.name ? [a.name] : []));
  $('recipients').replaceChildren(...options.map((value) => { const o = el('option'); o.value = value; return o; }));
}

function messageItem(m) {
  const li = el('li', 'message');
  li.dataset.id = m.id;
  const head = el('div', 'head');
  const time = el('time', 'time', clock(m.created_at));
  time.dateTime = m.created_at;
  head.append(time, el('span', 'from mono', m.machine ? who({ ...m.from, machine: m.machine }) : who(m.from)), el('span', 'arrow', '\u2192'), el('span', 'to mono', recipients(m)));
  if (m.reply_to) head.append(el('span', 're mono', 're ' + m.reply_to));
  if (m.thread && m.thread !== m.id && m.thread !== m.reply_to) head.append(el('span', 'thread mono', 'thread ' + m.thread));
  head.append(el('span', 'id mono', 'id ' + m.id));
  // A feed entry (sent between other machines) has no text here, and is not for us to answer.
  if (m.body !== undefined && m.from.code !== 'human') {
    const button = el('button', 'reply', 'reply');
    button.type = 'button';
    button.addEventListener('click', () => startReply(m));
    head.append(button);
  }
  li.append(head, m.body !== undefined ? el('pre', 'body', m.body) : el('p', 'body muted', m.chars + ' characters, sent on ' + m.machine + ': the text stays on the machines it was sent between'));
  return li;
}

/** Adds a message once, in id (= time) order, newest at the bottom; follows the bottom if the reader is there. */
function addMessage(m) {
  if (shownIds.has(m.id)) return;
  shownIds.add(m.id);
  const list = $('messages');
  const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
  const item = messageItem(m);
  let before = null;
  for (let node = list.lastElementChild; node && node.dataset.id > m.id; node = node.previousElementSibling) before = node;
  list.insertBefore(item, before);
  while (list.children.length > MAX_MESSAGES) {
    shownIds.delete(list.firstElementChild.dataset.id);
    list.firstElementChild.remove();
  }
  $('no-messages').hidden = true;
  if (atBottom) list.scrollTop = list.scrollHeight;
}

function startReply(m) {
  replyTo = m.id;
  $('to').value = address(m.from);
  $('reply-id').textContent = m.id;
  $('replying').hidden = false;
  $('body').focus();
}

function clearReply() {
  replyTo = null;
  $('replying').hidden = true;
}

function setResult(text, kind) {
  const out = $('send-result');
  out.className = kind;
  out.textContent = text;
}

async function send(event) {
  event.preventDefault();
  const payload = { to: $('to').value.trim(), body: $('body').value };
  if (replyTo) payload.reply_to = replyTo;
  $('send').disabled = true;
  setResult('sending\u2026', '');
  try {
    const response = await fetch('send', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(payload),
      cache: 'no-store',
      credentials: 'omit',
    });
    let result;
    try {
      result = await response.json();
    } catch (error) {
      result = { ok: false, error: 'the dashboard answered ' + response.status + ' without a result; is intercom dashboard still running?' };
    }
    if (result.ok) {
      const how = (result.delivery || []).map((d) => d.to + ': ' + d.note).join('; ');
      setResult('sent ' + result.id + (how ? ' (' + how + ')' : ''), 'ok');
      $('body').value = '';
      clearReply();
    } else {
      setResult(result.error || 'not sent (no reason given)', 'error');
    }
  } catch (error) {
    setResult('could not reach the dashboard (' + error.message + '); is intercom dashboard still running?', 'error');
  } finally {
    $('send').disabled = false;
  }
}

function connect() {
  const source = new EventSource('events');
  source.addEventListener('open', () => setConn('live', 'live'));
  source.addEventListener('error', () => {
    if (source.readyState === EventSource.CLOSED) {
      setConn('down', 'disconnected: the dashboard stopped; run intercom dashboard again and open the new URL it prints');
    } else {
      setConn('reconnecting', 'reconnecting\u2026');
    }
  });
  source.addEventListener('agents', (e) => renderAgents(JSON.parse(e.data)));
  source.addEventListener('history', (e) => JSON.parse(e.data).forEach(addMessage));
  source.addEventListener('message', (e) => addMessage(JSON.parse(e.data)));
}

$('send-form').addEventListener('submit', send);
$('cancel-reply').addEventListener('click', clearReply);
$('body').addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) $('send-form').requestSubmit();
});
connect();
`;
function dashboardPage(nonce) {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>intercom dashboard</title>
<style nonce="${nonce}">${STYLE}</style>
</head>
<body>
<header><h1>intercom</h1><span id="conn" data-state="connecting" role="status">connecting\u2026</span></header>
<main>
<section aria-labelledby="agents-title">
<h2 id="agents-title">Agents <span id="agent-count" class="muted"></span></h2>
<table id="agents">
<thead><tr><th>code</th><th>machine</th><th>name</th><th>project</th><th>activity</th><th>status</th><th>since</th><th>claims</th></tr></thead>
<tbody></tbody>
</table>
<p id="no-agents" class="empty">No live agent yet: a Claude Code session with intercom shows up here.</p>
</section>
<section aria-labelledby="messages-title">
<h2 id="messages-title">Messages <span class="muted">(the last ${HISTORY_LIMIT} of the past day, then live; newest at the bottom)</span></h2>
<ol id="messages" aria-live="polite"></ol>
<p id="no-messages" class="empty">No messages yet.</p>
</section>
<section aria-labelledby="send-title">
<h2 id="send-title">Send as human</h2>
<form id="send-form" autocomplete="off">
<label>to <input id="to" name="to" list="recipients" required placeholder="agent code or name, several codes with commas, * (every live agent), or a session id"></label>
<datalist id="recipients"></datalist>
<p id="replying" class="muted" hidden>replying to <code id="reply-id"></code> <button type="button" id="cancel-reply">cancel</button></p>
<label>message <textarea id="body" name="body" required placeholder="Ctrl+Enter sends"></textarea></label>
<div class="row"><button type="submit" id="send">Send</button><output id="send-result" role="status"></output></div>
</form>
</section>
</main>
<script nonce="${nonce}">${SCRIPT}</script>
</body>
</html>
`;
}

// src/cli/dashboard/send.ts
var MAX_SEND_REQUEST_BYTES = 64 * 1024;

class TooLarge extends Error {
}
function answer(status, body) {
  return Response.json(body, { status, headers: { "Cache-Control": "no-store" } });
}
var refuse = (status, error) => answer(status, { ok: false, error });
async function readCapped(request, limit) {
  if (Number(request.headers.get("content-length") ?? 0) > limit)
    throw new TooLarge;
  if (!request.body)
    return "";
  const chunks = [];
  let size = 0;
  for await (const chunk of request.body) {
    size += chunk.byteLength;
    if (size > limit)
      throw new TooLarge;
    chunks.push(chunk);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}
async function handleSend(request, store, onUnexpected) {
  if (!/^application\/json\s*(;|$)/i.test(request.headers.get("content-type") ?? "")) {
    return refuse(415, 'send needs Content-Type: application/json with a body like {"to": "x7k2", "body": "hello"}');
  }
  let text;
  try {
    text = await readCapped(request, MAX_SEND_REQUEST_BYTES);
  } catch (error) {
    if (!(error instanceof TooLarge))
      throw error;
    return refuse(413, `the message is larger than the dashboard accepts (${MAX_SEND_REQUEST_BYTES / 1024} KiB); send it from a file with: intercom send <to> - < file`);
  }
  let input;
  try {
    input = JSON.parse(text);
  } catch {
    return refuse(400, 'the request body is not JSON; send {"to": "x7k2", "body": "hello"}');
  }
  const { to, body, reply_to } = typeof input === "object" && input !== null ? input : {};
  if (typeof to !== "string" || to.trim() === "")
    return refuse(400, 'say who it is for: "to" is an agent code or name, "all", "*" or a session id');
  if (typeof body !== "string" || body.trim() === "")
    return refuse(400, 'the message is empty; write something in "body"');
  if (reply_to !== undefined && typeof reply_to !== "string")
    return refuse(400, '"reply_to" must be a message id like 1766312345678-000abc1234');
  try {
    const result = await store.send({ sender: { kind: "human" }, to: parseAddress(to), body, replyTo: reply_to });
    return answer(200, {
      ok: true,
      id: result.message.id,
      to: result.message.to,
      delivery: result.delivery.map((d) => renderNote(d, "human"))
    });
  } catch (error) {
    if (isIntercomError(error))
      return refuse(400, describeError(error, "human"));
    onUnexpected(error);
    return refuse(500, `unexpected error: ${describeError(error)}; the terminal running intercom dashboard has details`);
  }
}

// src/cli/dashboard/token.ts
function newToken() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
function sameToken(given, token) {
  let diff = given.length ^ token.length;
  for (let i = 0;i < token.length; i++)
    diff |= (given.charCodeAt(i) || 0) ^ token.charCodeAt(i);
  return diff === 0;
}

// src/cli/dashboard/server.ts
var DASHBOARD_HOST = "127.0.0.1";
var notFound = () => new Response(`Not Found
`, { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
function pageHeaders(nonce) {
  return {
    "Content-Type": "text/html; charset=utf-8",
    "Content-Security-Policy": [
      "default-src 'none'",
      `script-src 'nonce-${nonce}'`,
      `style-src 'nonce-${nonce}'`,
      "connect-src 'self'",
      "img-src 'none'",
      "base-uri 'none'",
      "form-action 'none'",
      "frame-ancestors 'none'"
    ].join("; "),
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-store"
  };
}
function isOwnHost(host, port) {
  return host === `${DASHBOARD_HOST}:${port}` || host === `localhost:${port}`;
}
function startDashboardServer(options) {
  const { token, store, feed, hub } = options;
  let server;
  try {
    server = Bun.serve({
      hostname: DASHBOARD_HOST,
      port: options.port,
      async fetch(request, self) {
        const url = new URL(request.url);
        const [, given = "", route, ...rest] = url.pathname.split("/");
        if (!sameToken(given, token) || !isOwnHost(request.headers.get("host"), self.port ?? 0) || rest.length > 0)
          return notFound();
        if (route === undefined)
          return new Response(null, { status: 308, headers: { Location: `/${token}/` } });
        const method = request.method;
        if (route === "" && method === "GET") {
          const nonce = newToken();
          return new Response(dashboardPage(nonce), { headers: pageHeaders(nonce) });
        }
        if (route === "events" && method === "GET") {
          self.timeout(request, 0);
          return hub.connect(feed.snapshot());
        }
        if (route === "send" && method === "POST")
          return handleSend(request, store, options.onUnexpected);
        return notFound();
      },
      error(error) {
        options.onUnexpected(error);
        return new Response(`Internal Server Error
`, { status: 500 });
      }
    });
  } catch (error) {
    if (hasErrno(error, "EADDRINUSE", "EACCES")) {
      throw new IntercomError("CONFLICT", `cannot listen on ${DASHBOARD_HOST}:${options.port} (${error.code}); pick another --port, or leave it out for a free one`, { cause: error });
    }
    throw error;
  }
  const port = server.port ?? options.port;
  return {
    url: `http://${DASHBOARD_HOST}:${port}/${token}/`,
    hostname: server.hostname ?? DASHBOARD_HOST,
    port,
    stop: () => server.stop(true)
  };
}

// src/cli/dashboard/sse.ts
var HEARTBEAT_MS = 15000;
var encoder = new TextEncoder;
function formatEvent({ event, data }) {
  return `event: ${event}
data: ${JSON.stringify(data)}

`;
}
function createEventHub(options = {}) {
  const clients = new Set;
  function push(client, text) {
    try {
      client.enqueue(encoder.encode(text));
    } catch {
      clients.delete(client);
    }
  }
  const heartbeat = setInterval(() => {
    for (const client of clients)
      push(client, `: keep-alive

`);
  }, options.heartbeatMs ?? HEARTBEAT_MS);
  return {
    connect(initial) {
      let self;
      const stream = new ReadableStream({
        start(controller) {
          self = controller;
          push(controller, `retry: 2000

${initial.map(formatEvent).join("")}`);
          clients.add(controller);
        },
        cancel() {
          if (self)
            clients.delete(self);
        }
      });
      return new Response(stream, {
        headers: { "Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-store", "X-Accel-Buffering": "no" }
      });
    },
    broadcast(event) {
      const text = formatEvent(event);
      for (const client of clients)
        push(client, text);
    },
    close() {
      clearInterval(heartbeat);
      for (const client of clients) {
        try {
          client.close();
        } catch {}
      }
      clients.clear();
    },
    size: () => clients.size
  };
}

// src/cli/commands/dashboard.ts
var PORT = { min: 0, max: 65535, whole: true };
var dashboardCommand = defineCommand({
  name: "dashboard",
  summary: "a live web page of agents and messages, with a box to send as human (Ctrl-C to stop)",
  usage: `intercom dashboard [--port N] [--no-open]
` + `  --port N    listen on ${DASHBOARD_HOST}:N (default: a free port)
` + `  --no-open   the default already: the URL is printed on stdout, no browser is started
` + "The URL carries a secret token: anyone with it can read every message and send as you.",
  options: { port: option.number(PORT, 0), "no-open": option.flag() },
  maxPositionals: 0,
  async run({ values }, deps) {
    const { port } = values;
    const store = await deps.store();
    const logError = (error) => deps.io.err(`intercom dashboard: ${deps.config.debug && error instanceof Error ? error.stack : describeError(error, "human")}`);
    const hub = createEventHub();
    const feed = await startFeed(store, hub, { now: deps.now, onError: logError });
    let server;
    try {
      server = startDashboardServer({ port, token: newToken(), store, feed, hub, onUnexpected: logError });
    } catch (error) {
      feed.close();
      hub.close();
      throw error;
    }
    deps.io.out(server.url);
    deps.io.err(`dashboard of ${store.layout.root}: open the URL above (it holds the access token; share it with no one). Ctrl-C to stop`);
    await deps.interrupted;
    feed.close();
    hub.close();
    await server.stop();
    return 0;
  }
});

// src/cli/commands/who.ts
var whoCommand = defineCommand({
  name: "who",
  summary: "list live agents",
  usage: `intercom who [--here] [--json]
  --here   only agents on the project of the current folder`,
  options: { ...jsonOption, here: option.flag() },
  maxPositionals: 0,
  async run({ values }, deps) {
    const store = await deps.store();
    const sender = await deps.sender();
    let agents = await store.who({ scope: "all", self: sender.kind === "agent" ? sender.agent : undefined });
    if (values.here) {
      const project = detectProject(deps.config.cwd).name;
      agents = agents.filter((a) => a.project === project);
    }
    return output(deps, values.json, { agents }, () => agents.length ? agents.map(formatAgentRow).join(`
`) : values.here ? "No live agent on this project." : "No live agents.");
  }
});

// src/cli/main.ts
var commands = [
  whoCommand,
  sendCommand,
  askCommand,
  inboxCommand,
  replyCommand,
  ackCommand,
  tailCommand,
  dashboardCommand,
  statusCommand,
  threadCommand,
  searchCommand,
  claimsCommand,
  claimCommand,
  releaseCommand,
  sessionsCommand,
  installCommand,
  uninstallCommand,
  doctorCommand
];
var entryCommands = [
  { name: "relay", summary: "link this machine to others through a NATS server (intercom relay --help)" },
  { name: "mcp", summary: "run the MCP server on stdio (Claude Code starts this)" },
  { name: "hook", summary: "run a Claude Code hook: intercom hook <event> (reads hook JSON on stdin)" }
];
function helpText(version) {
  const rows = [...commands, ...entryCommands].map((c) => `  ${c.name.padEnd(10)} ${c.summary}`);
  return [
    `intercom ${version} \u2014 messages between Claude Code sessions, on this machine and, with a relay, across machines`,
    "",
    "usage: intercom <command> [options]   (intercom <command> --help for details)",
    "",
    ...rows,
    "",
    "Environment: CLAUDE_INTERCOM_DIR (store, default ~/.claude-intercom), CLAUDE_CONFIG_DIR,",
    'CLAUDE_INTERCOM_SESSION (act as this agent instead of "human").'
  ].join(`
`);
}
async function runCli(argv, rawDeps) {
  const io = rawDeps.io;
  let sender;
  const deps = {
    ...rawDeps,
    io: { ...io, out: (text) => io.out(forTerminal(text)), err: (text) => io.err(forTerminal(text)) },
    sender: () => sender ??= rawDeps.store().then((store) => cliSender2(store.agents, rawDeps.config.identityOverride))
  };
  const [name, ...rest] = argv;
  if (name === undefined || name === "help" || name === "--help" || name === "-h") {
    deps.io.out(helpText(deps.version));
    return name === undefined ? 2 : 0;
  }
  if (name === "--version" || name === "-v" || name === "version") {
    deps.io.out(deps.version);
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    deps.io.err(`intercom: unknown command "${name}"; run \`intercom --help\` for the list`);
    return 2;
  }
  let args;
  try {
    args = parseArgs({
      args: rest,
      options: { ...parseArgsOptions(command.options), help: { type: "boolean", short: "h" } },
      allowPositionals: true
    });
  } catch (error) {
    deps.io.err(`intercom ${command.name}: ${describeError(error)}
usage: ${command.usage}`);
    return 2;
  }
  if (args.values.help) {
    deps.io.out(`usage: ${command.usage}`);
    return 0;
  }
  try {
    const extra = args.positionals[command.maxPositionals];
    if (extra !== undefined) {
      const takes = command.maxPositionals === 0 ? "none" : `at most ${command.maxPositionals}`;
      throw new UsageError(`unexpected argument "${extra}": intercom ${command.name} takes ${takes}`);
    }
    return await command.run({ values: readValues(command.options, args.values), positionals: args.positionals }, deps);
  } catch (error) {
    if (error instanceof UsageError) {
      deps.io.err(`intercom ${command.name}: ${error.message}${error.showUsage ? `
usage: ${command.usage}` : ""}`);
      return 2;
    }
    if (isIntercomError(error)) {
      deps.io.err(`intercom ${command.name}: ${describeError(error, "human")}`);
      return 1;
    }
    deps.io.err(`intercom ${command.name}: unexpected error: ${deps.config.debug && error instanceof Error ? error.stack : describeError(error)}`);
    return 1;
  }
}
export {
  runCli
};

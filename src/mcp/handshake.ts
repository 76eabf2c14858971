// What Claude Code asks an MCP server before its session has the tools (2.1.330, seen: a
// `server/discover` probe, then initialize, then tools/list) has fixed answers: the SDK server's
// answer to each depends only on the request's protocolVersion, its id and our code. So they are
// answered here, by hand, from a record of the SDK server's own answers (handshake.json, written
// by `npm run build`), before the process loads the SDK and zod (~45 ms of module evaluation in
// the bundle, ~150 ms from src/; the hand answers take ~1 ms). A request is answered here only
// when its shape surely passes the SDK's own checks (types.js: JSONRPCRequestSchema and the
// method's params); anything else is left to the SDK (stdio.ts), which answers it as it always
// did. test/e2e/mcp-handshake.test.ts holds every answer given here byte-equal to the SDK's.
import record from './handshake.json' with { type: 'json' };

export interface HandshakeRecord {
  /** What the SDK answers a protocolVersion it does not support with. */
  latestProtocolVersion: string;
  /** The protocolVersions the SDK answers with themselves. */
  protocolVersions: string[];
  /** The methods the SDK server has a handler for; any other request gets "Method not found". */
  methods: string[];
  /** The initialize result without protocolVersion and serverInfo.version (both filled in per answer). */
  initialize: { capabilities: unknown; serverInfo: Record<string, unknown>; instructions?: string };
  /** The tools/list result's tools. */
  tools: unknown[];
}

/** A request answered here: its response line (no newline), to compare with the SDK's own later. */
export interface HandAnswer {
  id: string | number;
  method: string;
  line: string;
}

type Obj = Record<string, unknown>;
const isPlain = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
/** The SDK's AssertObjectSchema: any non-null object (a list included). */
const isObject = (v: unknown) => typeof v === 'object' && v !== null;
const isString = (v: unknown): v is string => typeof v === 'string';
const isBoolean = (v: unknown) => typeof v === 'boolean';
/** RequestIdSchema and ProgressTokenSchema: a string or an integer (safe ones only: larger are the SDK's to judge). */
const isId = (v: unknown): v is string | number => typeof v === 'string' || Number.isSafeInteger(v);
const optional = (v: unknown, check: (v: unknown) => boolean) => v === undefined || check(v);
const recordOfObjects = (v: unknown) => isPlain(v) && Object.values(v).every(isObject);

const REQUEST_KEYS = new Set(['jsonrpc', 'id', 'method', 'params']);
/** A request tied to a task takes the SDK's task paths: left to it. */
const RELATED_TASK = 'io.modelcontextprotocol/related-task';

/** A JSON-RPC request as JSONRPCRequestSchema takes it (strict: no other keys), with params it would pass on. */
function asRequest(message: unknown): { id: string | number; method: string; params: Obj | undefined } | undefined {
  if (!isPlain(message) || message.jsonrpc !== '2.0' || !isId(message.id) || !isString(message.method)) return undefined;
  if (Object.keys(message).some((key) => !REQUEST_KEYS.has(key))) return undefined;
  const { params } = message;
  if (params === undefined) return { id: message.id, method: message.method, params: undefined };
  if (!isPlain(params)) return undefined;
  const meta = params._meta;
  if (!optional(meta, (m) => isPlain(m) && optional(m.progressToken, isId) && m[RELATED_TASK] === undefined)) return undefined;
  return { id: message.id, method: message.method, params };
}

/** ImplementationSchema (clientInfo); icons are left to the SDK. */
const isImplementation = (v: unknown) =>
  isPlain(v) &&
  isString(v.name) &&
  isString(v.version) &&
  ['title', 'websiteUrl', 'description'].every((key) => optional(v[key], isString)) &&
  v.icons === undefined;

/** ClientCapabilitiesSchema; task capabilities are left to the SDK. Unknown keys pass, as there. */
const isClientCapabilities = (v: unknown) =>
  isPlain(v) &&
  optional(v.experimental, recordOfObjects) &&
  optional(v.extensions, recordOfObjects) &&
  optional(v.sampling, (s) => isPlain(s) && optional(s.context, isObject) && optional(s.tools, isObject)) &&
  optional(v.roots, (r) => isPlain(r) && optional(r.listChanged, isBoolean)) &&
  optional(
    v.elicitation,
    (e) => isPlain(e) && optional(e.form, (f) => isPlain(f) && optional(f.applyDefaults, isBoolean)) && optional(e.url, isObject),
  ) &&
  v.tasks === undefined;

const responseLine = (id: string | number, result: unknown) => JSON.stringify({ result, jsonrpc: '2.0', id });

/**
 * The SDK server's answer to `message` (a parsed line of stdin), when this can give it without
 * the SDK; undefined for anything else (notifications included: they get no answer).
 */
export function handAnswer(message: unknown, version: string, rec: HandshakeRecord = record): HandAnswer | undefined {
  const request = asRequest(message);
  if (!request) return undefined;
  const { id, method, params } = request;
  if (!rec.methods.includes(method)) {
    return { id, method, line: JSON.stringify({ jsonrpc: '2.0', id, error: { code: -32601, message: 'Method not found' } }) };
  }
  if (method === 'initialize') {
    const asked = params?.protocolVersion;
    if (!isString(asked) || !isClientCapabilities(params?.capabilities) || !isImplementation(params?.clientInfo)) return undefined;
    const { capabilities, serverInfo, instructions } = rec.initialize;
    const result = {
      protocolVersion: rec.protocolVersions.includes(asked) ? asked : rec.latestProtocolVersion,
      capabilities,
      serverInfo: { ...serverInfo, version },
      ...(instructions ? { instructions } : {}),
    };
    return { id, method, line: responseLine(id, result) };
  }
  if (method === 'tools/list') {
    if (!optional(params?.cursor, isString)) return undefined;
    return { id, method, line: responseLine(id, { tools: rec.tools }) };
  }
  return undefined;
}

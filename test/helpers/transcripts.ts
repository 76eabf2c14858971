// Fixture transcripts shaped like Claude Code 2.1.330's: queue operations, attachments and API
// bookkeeping around the user and assistant records (record types seen in a real transcript).
import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function transcriptFile(configDir: string, cwd: string, sessionId: string): string {
  return join(configDir, 'projects', cwd.replace(/[^A-Za-z0-9]/g, '-'), `${sessionId}.jsonl`);
}

const stamp = { version: '2.1.330', userType: 'external', entrypoint: 'cli', gitBranch: 'main' };

export function userRecord(sessionId: string, cwd: string, content: unknown, extra: Record<string, unknown> = {}) {
  return {
    parentUuid: null,
    isSidechain: false,
    type: 'user',
    message: { role: 'user', content },
    uuid: crypto.randomUUID(),
    timestamp: new Date().toISOString(),
    cwd,
    sessionId,
    ...stamp,
    ...extra,
  };
}

export function assistantRecord(sessionId: string, cwd: string, text: string) {
  return {
    type: 'assistant',
    message: { role: 'assistant', content: [{ type: 'text', text }] },
    uuid: crypto.randomUUID(),
    timestamp: new Date().toISOString(),
    cwd,
    sessionId,
    ...stamp,
  };
}

/** A realistic session: bookkeeping records, then `prompts` (each answered), noise where asked. */
export function sessionRecords(sessionId: string, cwd: string, prompts: unknown[], padBytes = 0): Record<string, unknown>[] {
  const records: Record<string, unknown>[] = [
    { type: 'queue-operation', operation: 'enqueue', timestamp: new Date().toISOString(), sessionId, content: String(prompts[0]) },
    { type: 'queue-operation', operation: 'dequeue', timestamp: new Date().toISOString(), sessionId },
  ];
  for (const prompt of prompts) {
    records.push(userRecord(sessionId, cwd, prompt));
    records.push({
      type: 'attachment',
      attachment: { type: 'environment', snapshot: { workingDirectory: cwd } },
      cwd,
      sessionId,
      ...stamp,
    });
    records.push({ type: 'api-request-shape', sessionId, shapeHash: 'x', shape: { tools: 'x'.repeat(200) } });
    records.push(assistantRecord(sessionId, cwd, `answer to ${String(prompt).slice(0, 30)}`));
    records.push({ type: 'last-prompt', lastPrompt: String(prompt).slice(0, 50), sessionId });
  }
  // Later turns: bulk, so files reach realistic sizes; never read by a head reader.
  let size = JSON.stringify(records).length;
  while (size < padBytes) {
    const filler = assistantRecord(sessionId, cwd, 'y'.repeat(4000));
    records.push(filler);
    size += 4100;
  }
  return records;
}

export function writeTranscript(
  configDir: string,
  cwd: string,
  sessionId: string,
  records: Record<string, unknown>[],
  mtime?: Date,
): string {
  const path = transcriptFile(configDir, cwd, sessionId);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, `${records.map((r) => JSON.stringify(r)).join('\n')}\n`);
  if (mtime) utimesSync(path, mtime, mtime);
  return path;
}

// Records Claude Code writes besides the conversation, and the transcripts of subagents: what the
// session list must hide or read titles from (shapes from 2.0.55 and 2.1.2xx transcripts).

/** `/rename NAME`: appended when the user renames the session, late in the file. */
export function customTitleRecord(sessionId: string, customTitle: string) {
  return { type: 'custom-title', customTitle, sessionId };
}

/** Claude Code's generated title (2.1.2xx), re-appended whenever it changes. */
export function aiTitleRecord(sessionId: string, aiTitle: string) {
  return { type: 'ai-title', aiTitle, sessionId };
}

/** Older versions' generated title, written at the top of a transcript. */
export function summaryRecord(summary: string) {
  return { type: 'summary', summary, leafUuid: crypto.randomUUID() };
}

/**
 * A subagent's transcript: every record `isSidechain: true` with the parent's sessionId and its
 * own agentId; the first user record is the prompt the parent gave it.
 */
export function subagentRecords(parentId: string, agentId: string, cwd: string, prompt: string): Record<string, unknown>[] {
  const side = { isSidechain: true, agentId };
  return [
    userRecord(parentId, cwd, prompt, side),
    { ...assistantRecord(parentId, cwd, `subagent working on: ${prompt.slice(0, 30)}`), ...side },
    userRecord(parentId, cwd, [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'ok' }], side),
    { ...assistantRecord(parentId, cwd, 'subagent done'), ...side },
  ];
}

/** Write records as a transcript at an exact path (a subagent file, a file not named by a session id). */
export function writeTranscriptAt(path: string, records: Record<string, unknown>[], mtime?: Date): string {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, `${records.map((r) => JSON.stringify(r)).join('\n')}\n`);
  if (mtime) utimesSync(path, mtime, mtime);
  return path;
}

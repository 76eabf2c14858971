import { defineTool } from '../define-tool.ts';

export const whoamiTool = defineTool({
  name: 'whoami',
  title: 'Who am I',
  description:
    'Your own intercom identity: code (how others reach you), name, project, Claude session id and transcript path. ' +
    'Use it to tell someone how to reach you.',
  kind: 'read',
  input: {},
  async handle(_args, ctx) {
    const me = ctx.self();
    // The hooks see the live session id and transcript (they change after /clear); prefer theirs.
    const seen = await ctx.store.presence.of(me.code);
    const sessionId = seen.sessionId ?? me.session_id;
    const transcript = seen.transcriptPath ?? me.transcript_path;
    const data = {
      code: me.code,
      ...(me.name ? { name: me.name } : {}),
      project: me.project,
      cwd: me.cwd,
      status: me.status,
      ...(sessionId ? { session_id: sessionId } : {}),
      ...(transcript ? { transcript_path: transcript } : {}),
    };
    const lines = [
      `You are agent ${me.code}${me.name ? ` (${me.name})` : ''} on project ${me.project} (${me.cwd}).`,
      sessionId ? `Claude session: ${sessionId}` : 'Claude session id: unknown',
      transcript ? `Transcript: ${transcript}` : '',
      `Others reach you with send to "${me.code}"${me.name ? ` or "${me.name}"` : ''}.`,
    ];
    return { text: lines.filter(Boolean).join('\n'), data };
  },
});

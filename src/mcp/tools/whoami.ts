import { z } from 'zod';
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
    const data = {
      code: me.code,
      ...(me.name ? { name: me.name } : {}),
      project: me.project,
      cwd: me.cwd,
      status: me.status,
      ...(me.session_id ? { session_id: me.session_id } : {}),
      ...(me.transcript_path ? { transcript_path: me.transcript_path } : {}),
    };
    const lines = [
      `You are agent ${me.code}${me.name ? ` (${me.name})` : ''} on project ${me.project} (${me.cwd}).`,
      me.session_id ? `Claude session: ${me.session_id}` : 'Claude session id: unknown',
      me.transcript_path ? `Transcript: ${me.transcript_path}` : '',
      `Others reach you with send to "${me.code}"${me.name ? ` or "${me.name}"` : ''}.`,
    ];
    return { text: lines.filter(Boolean).join('\n'), data };
  },
});

import { describe, expect, test } from 'bun:test';
import { resolveRecipients } from '../../src/intercom/addressing.ts';
import type { AgentRecord } from '../../src/store/schema.ts';

const agent = (code: string, project: string, extra: Partial<AgentRecord> = {}): AgentRecord => ({
  v: 1,
  code,
  project,
  project_root: `/${project}`,
  cwd: `/${project}`,
  pid: 1,
  pid_start: '1',
  status: '',
  status_at: '2026-01-01T00:00:00.000Z',
  registered_at: '2026-01-01T00:00:00.000Z',
  ...extra,
});
const me = agent('me00', 'alpha');
const live = [
  me,
  agent('a111', 'alpha', { name: 'api' }),
  agent('b222', 'beta', { session_id: '3f2a9c1e-aaaa-bbbb' }),
  agent('c333', 'beta'),
];

describe('resolveRecipients', () => {
  test('codes, names (any case), session prefixes, human', () => {
    expect(resolveRecipients('a111', me, live).codes).toEqual(['a111']);
    expect(resolveRecipients('API', me, live).codes).toEqual(['a111']);
    expect(resolveRecipients('3f2a9c', me, live).codes).toEqual(['b222']);
    expect(resolveRecipients('human', me, live).codes).toEqual(['human']);
    expect(resolveRecipients('a111, c333', me, live)).toEqual({ codes: ['a111', 'c333'], scope: 'direct' });
  });

  test('"all" is this project without the sender; "*" is everyone without the sender', () => {
    expect(resolveRecipients('all', me, live)).toEqual({ codes: ['a111'], scope: 'project', project: 'alpha' });
    expect(resolveRecipients('*', me, live)).toEqual({ codes: ['a111', 'b222', 'c333'], scope: 'everyone' });
  });

  test('errors name the way forward', () => {
    expect(() => resolveRecipients('me00', me, live)).toThrow('is you');
    expect(() => resolveRecipients('all', agent('z999', 'gamma'), live)).toThrow('no other agent is live on project gamma');
    expect(() => resolveRecipients('nobody', me, live, (c) => c === 'd444')).toThrow("no live agent matches 'nobody'");
    expect(() => resolveRecipients('d444', me, live, (c) => c === 'd444')).toThrow("agent 'd444' is not live");
    expect(() => resolveRecipients('all,a111', me, live)).toThrow('cannot be combined');
  });

  test('an ambiguous name lists the candidates', () => {
    const twins = [...live, agent('e555', 'beta', { name: 'api' })];
    expect(() => resolveRecipients('api', me, twins)).toThrow('matches a111 (api) on alpha, e555 (api) on beta');
  });
});

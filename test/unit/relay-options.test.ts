// `intercom relay`'s options: the JetStream domain (a relay linked through a leaf node) from
// --domain over CLAUDE_INTERCOM_NATS_DOMAIN, checked once; a bad one is bad usage naming its source.
import { describe, expect, test } from 'bun:test';
import { resolveConfig } from '../../src/core/config.ts';
import { parseRelayOptions } from '../../src/relay/options.ts';

const configWith = (env: Record<string, string>) =>
  resolveConfig({ env: { CLAUDE_INTERCOM_NATS_URL: 'nats://127.0.0.1:4222', ...env }, cwd: '/tmp', home: '/tmp', hostname: 'laptop' });

describe('the JetStream domain', () => {
  test('none by default: the server’s own JetStream', () => {
    expect(parseRelayOptions([], configWith({})).options.domain).toBeUndefined();
  });
  test('from the environment, and --domain over it', () => {
    expect(parseRelayOptions([], configWith({ CLAUDE_INTERCOM_NATS_DOMAIN: 'hub' })).options.domain).toBe('hub');
    expect(parseRelayOptions(['--domain', 'hq_1'], configWith({ CLAUDE_INTERCOM_NATS_DOMAIN: 'hub' })).options.domain).toBe('hq_1');
  });
  test('a name the server could not have is refused, naming where it came from', () => {
    expect(() => parseRelayOptions(['--domain', 'a.b'], configWith({}))).toThrow('--domain "a.b" is not a JetStream domain');
    const config = configWith({ CLAUDE_INTERCOM_NATS_DOMAIN: 'two words' });
    expect(config.warnings.join('\n')).toContain('CLAUDE_INTERCOM_NATS_DOMAIN=two words is not a JetStream domain');
    expect(() => parseRelayOptions([], config)).toThrow('CLAUDE_INTERCOM_NATS_DOMAIN=two words is not a JetStream domain');
    expect(parseRelayOptions(['--domain', 'hub'], config).options.domain).toBe('hub'); // the flag stands in for it
  });
});

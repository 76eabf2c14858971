import { describe, expect, test } from 'bun:test';
import { fixedClock } from '../../src/core/clock.ts';
import { describeError } from '../../src/core/errors.ts';
import { assertCode, assertMailbox, assertMessageId, assertName, assertSessionId, messageIdGenerator } from '../../src/core/ids.ts';

function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('ids', () => {
  test('message ids sort in creation order, even within one millisecond', () => {
    const clock = fixedClock(1_795_300_000_000);
    const next = messageIdGenerator(clock);
    const ids = [next(), next(), next()];
    clock.advance(1);
    ids.push(next());
    expect([...ids].sort()).toEqual(ids);
    for (const id of ids) expect(assertMessageId(id)).toBe(id);
    expect(new Set(ids).size).toBe(4);
  });

  test.each(['../x', 'a/b', '', 'ABCD', 'abcde', 'ab c', 'x7k\n'])('code %p is refused', (value) => {
    expect(() => assertCode(value)).toThrow('is not a valid agent code');
  });

  test('human is a mailbox but not an agent code', () => {
    expect(assertMailbox('human')).toBe('human');
    expect(() => assertCode('human')).toThrow();
    expect(() => assertMailbox('../human')).toThrow('not a valid mailbox');
  });

  test.each(['../../etc/passwd', '1795300000000-abc/../x', '1795300000000-ABCDEFGHIJ', ''])('message id %p is refused', (value) => {
    expect(() => assertMessageId(value)).toThrow('is not a valid message id');
    // The next step is data: the model is told to call peek (a person, to run `intercom inbox`).
    expect(
      describeError(
        thrown(() => assertMessageId(value)),
        'model',
      ),
    ).toContain('call peek');
  });

  test.each(['../x', 'a/b', 'short', 'x'.repeat(200)])('session id %p is refused', (value) => {
    expect(() => assertSessionId(value)).toThrow('is not a valid session id');
  });

  test('names: letters first, no path characters, reserved words refused', () => {
    expect(assertName('api-bot.2')).toBe('api-bot.2');
    expect(() => assertName('../x')).toThrow('start with a letter');
    expect(() => assertName('a/b')).toThrow();
    expect(() => assertName('all')).toThrow('reserved');
    expect(() => assertName('Human')).toThrow('reserved');
  });
});

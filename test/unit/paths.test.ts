// core/paths.ts: the POSIX path helpers the store builds every path with.
import { describe, expect, test } from 'bun:test';
import { joinPath } from '../../src/core/paths.ts';

describe('joinPath', () => {
  test('joins with one "/" whatever the parts start or end with, and skips empty parts', () => {
    expect(joinPath('/store', 'mail', 'ab12', 'new')).toBe('/store/mail/ab12/new');
    expect(joinPath('/store/', 'mail')).toBe('/store/mail');
    expect(joinPath('/store', '/mail')).toBe('/store/mail');
    expect(joinPath('/store', '///mail', '//new')).toBe('/store/mail/new');
    expect(joinPath('/store/', '/mail/')).toBe('/store/mail/');
    expect(joinPath('', '/store', '', 'x')).toBe('/store/x');
    expect(joinPath('/', 'tmp')).toBe('/tmp');
    expect(joinPath('a', 'b')).toBe('a/b');
    expect(joinPath('/store', '/')).toBe('/store/');
    expect(joinPath()).toBe('');
  });

  test('leaves ".." and "." segments as they are (normalizePath resolves them)', () => {
    expect(joinPath('/store', '../x', './y')).toBe('/store/../x/./y');
  });
});

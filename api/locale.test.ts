import { localeFromHeader } from './locale.ts';

describe('the language of an answer', () => {
  it('is English only when the request asks for English first, else Chinese', () => {
    expect(localeFromHeader('en-US,en;q=0.9')).toBe('en');
    expect(localeFromHeader('zh-CN,en;q=0.5')).toBe('zh-CN');
    expect(localeFromHeader(undefined)).toBe('zh-CN');
  });
});

import { hashPassword, verifyPassword } from './password.ts';

describe('password hashing', () => {
  it('stores scrypt parameters, salt and hash', async () => {
    expect(await hashPassword('dealerflow')).toMatch(
      /^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/,
    );
  });

  it('salts every hash differently', async () => {
    expect(await hashPassword('dealerflow')).not.toBe(await hashPassword('dealerflow'));
  });

  it('accepts the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('dealerflow');
    expect(await verifyPassword('dealerflow', stored)).toBe(true);
    expect(await verifyPassword('dealerflow ', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it.each([
    ['an empty string', ''],
    ['another scheme', 'bcrypt$2b$10$abc'],
    ['missing parts', 'scrypt$16384$8$1$c2FsdA=='],
    ['absurd parameters', 'scrypt$99999999$8$1$c2FsdA==$aGFzaA=='],
    ['a truncated hash', 'scrypt$16384$8$1$c2FsdA==$aGFzaA=='],
  ])('never matches %s', async (_what, stored) => {
    expect(await verifyPassword('dealerflow', stored)).toBe(false);
  });
});

import type { Actor } from '../../engine/types.ts';
import { requestToken } from './authenticate.ts';
import { ActorCache, hashToken, type LiveSession } from './sessions.ts';

const actor: Actor = { id: 'u1', username: 'manager', roles: ['sales_manager'], storeId: 'BJ01' };
const session: LiveSession = { actor, sessionId: 's1', expiresAtMs: 1_000_000 };

describe('ActorCache', () => {
  it('answers within its time to live and forgets after', () => {
    const cache = new ActorCache(5_000);
    cache.set('h', session, 1_000);
    expect(cache.get('h', 5_999)).toEqual(session);
    expect(cache.get('h', 6_000)).toBeUndefined();
  });

  it('forgets a deleted token at once', () => {
    const cache = new ActorCache(5_000);
    cache.set('h', session, 0);
    cache.delete('h');
    expect(cache.get('h', 1)).toBeUndefined();
  });

  it('never answers for a session past its expiry, even within its time to live', () => {
    const cache = new ActorCache(5_000);
    cache.set('h', { ...session, expiresAtMs: 3_000 }, 1_000);
    expect(cache.get('h', 2_999)?.actor).toEqual(actor);
    expect(cache.get('h', 3_000)).toBeUndefined();
  });

  it('caches nothing with a zero time to live', () => {
    const cache = new ActorCache(0);
    cache.set('h', session, 0);
    expect(cache.get('h', 0)).toBeUndefined();
  });
});

describe('requestToken', () => {
  it.each([
    ['a Bearer header', 'Bearer abc', undefined, 'abc'],
    ['a lower-case bearer header', 'bearer abc', 'cookie', 'abc'],
    ['the cookie when there is no header', undefined, 'xyz', 'xyz'],
    ['nothing for another scheme', 'Basic abc', undefined, undefined],
    ['nothing for an empty Bearer', 'Bearer ', undefined, undefined],
  ])('takes %s', (_what, header, cookie, expected) => {
    expect(requestToken(header, cookie)).toBe(expected);
  });
});

describe('hashToken', () => {
  it('is sha256 hex, never the token itself', () => {
    expect(hashToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

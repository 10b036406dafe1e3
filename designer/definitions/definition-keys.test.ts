import { DEFINITION_KEY_PATTERN } from '../../forms/keys.ts';
import { machineIdOf, proposeKey } from './definition-keys.ts';

describe('proposeKey', () => {
  it('joins the words of a Latin name with dashes', () => {
    expect(proposeKey('  Leave Request (v2) ', 'flow', new Set())).toBe('leave-request-v2');
  });

  it('spells a Chinese name in pinyin, numbering it when taken', () => {
    expect(proposeKey('特价车申请', 'flow', new Set())).toBe('te-jia-che-shen-qing');
    expect(proposeKey('特价车申请', 'form', new Set(['te-jia-che-shen-qing']))).toBe(
      'te-jia-che-shen-qing-2',
    );
    expect(proposeKey('Trade-in / 置换 2号', 'flow', new Set())).toBe('trade-in-zhi-huan-2-hao');
    expect(proposeKey('女士', 'flow', new Set())).toBe('nv-shi');
  });

  it('numbers a key already taken and starts with a letter', () => {
    expect(proposeKey('Leave', 'flow', new Set(['leave', 'leave-2']))).toBe('leave-3');
    expect(proposeKey('2026 budget', 'form', new Set())).toBe('form-2026-budget');
    expect(proposeKey('', 'form', new Set())).toBe('form');
    expect(proposeKey('###', 'flow', new Set(['flow']))).toBe('flow-2');
  });

  it('cuts a long name at a word boundary', () => {
    const key = proposeKey('超长名称'.repeat(20), 'flow', new Set());
    expect(key.length).toBeLessThanOrEqual(64);
    expect(key).toMatch(/^chao-chang-ming-cheng-/);
    expect(key).not.toMatch(/-$/);
  });

  it.each(['特价车申请', 'A', '###', 'a'.repeat(100), 'Trade-in / 置换', '9 lives', 'x', '长'.repeat(70)])(
    'always proposes a key the server takes (%s)',
    (name) => {
      expect(proposeKey(name, 'flow', new Set())).toMatch(DEFINITION_KEY_PATTERN);
      expect(proposeKey(name, 'flow', new Set([proposeKey(name, 'flow', new Set())]))).toMatch(
        DEFINITION_KEY_PATTERN,
      );
    },
  );
});

describe('machineIdOf', () => {
  it('camel-cases the key', () => {
    expect(machineIdOf('leave-request')).toBe('leaveRequest');
    expect(machineIdOf('te-jia-che-shen-qing')).toBe('teJiaCheShenQing');
  });
});

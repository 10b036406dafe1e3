import { machineIdOf, NEW_KEY_PATTERN, proposeKey } from './definition-keys.ts';

const DAY = new Date(2026, 11, 5);

describe('proposeKey', () => {
  it('joins the words of a Latin name with dashes', () => {
    expect(proposeKey('  Leave Request (v2) ', 'flow', new Set(), DAY)).toBe('leave-request-v2');
  });

  it('gives a Chinese name a dated key, the first number not taken', () => {
    expect(proposeKey('特价车申请', 'flow', new Set(), DAY)).toBe('flow-20261205-1');
    const taken = new Set(['flow-20261205-1', 'flow-20261205-2']);
    expect(proposeKey('特价车申请', 'flow', taken, DAY)).toBe('flow-20261205-3');
    expect(proposeKey('', 'form', new Set(), DAY)).toBe('form-20261205-1');
  });

  it('numbers a Latin key already taken and starts with a letter', () => {
    expect(proposeKey('Leave', 'flow', new Set(['leave', 'leave-2']), DAY)).toBe('leave-3');
    expect(proposeKey('2026 budget', 'form', new Set(), DAY)).toBe('form-2026-budget');
    expect(proposeKey('x', 'form', new Set(), DAY)).toBe('form-x');
  });

  it('always proposes a key the server takes', () => {
    for (const name of ['特价车申请', 'A', '###', 'a'.repeat(100), 'Trade-in / 置换', '9 lives']) {
      expect(proposeKey(name, 'flow', new Set(), DAY)).toMatch(NEW_KEY_PATTERN);
    }
  });
});

describe('machineIdOf', () => {
  it('camel-cases the key', () => {
    expect(machineIdOf('leave-request')).toBe('leaveRequest');
    expect(machineIdOf('flow-20261205-1')).toBe('flow202612051');
  });
});

import { checkExpression, compileExpression, evaluateExpression } from './expression.ts';

describe('evaluateExpression', () => {
  it.each<[string, Record<string, unknown>, unknown]>([
    ['order.discount > 5000', { order: { discount: 6000 } }, true],
    ['order.discount > 5000', { order: { discount: 4999.5 } }, false],
    ['order.discount > 5000.0', { order: { discount: 6000 } }, true],
    ['x + 1', { x: 5 }, 6],
    ['1 + x * 2', { x: 2.5 }, 6],
    ['x / 2', { x: 5 }, 2.5],
    ['x % 2', { x: 5 }, 1],
    ['size(items) * 2', { items: [1, 2] }, 4],
    ['[1, "a"]', {}, [1, 'a']],
    ['{"n": 1}', {}, { n: 1 }],
    ['"sales_manager" in actor.roles', { actor: { roles: ['sales_manager'] } }, true],
    ['has(order.vin) ? order.vin : "none"', { order: {} }, 'none'],
    ['timestamp(now) + duration("1h")', { now: '2026-01-01T00:00:00Z' }, '2026-01-01T01:00:00.000Z'],
  ])('evaluates %s to plain JSON', (src, vars, expected) => {
    expect(evaluateExpression(src, vars)).toEqual(expected);
  });

  it('throws on a missing key so a guard cannot silently pass', () => {
    expect(() => evaluateExpression('order.vin == ""', { order: {} })).toThrow(/vin/);
  });

  it('parses each source once', () => {
    expect(compileExpression('a + b')).toBe(compileExpression('a + b'));
  });
});

describe('checkExpression', () => {
  it.each<[string, string[], string[]]>([
    ['order.total > limit', ['order'], ['Unknown name "limit"']],
    ['items.all(i, i.price > 0)', ['items'], []],
    ['items.exists(i, i.price > max)', ['items'], ['Unknown name "max"']],
    ['cel.bind(n, size(items), n > 1)', ['items'], []],
    ['cel.bind(n, n, true)', [], ['Unknown name "n"']],
    ['event.amount > 1 && actor.id != "" && now != ""', ['event', 'actor', 'now'], []],
    ['f(a)[b] + {"k": c}.k', [], ['Unknown name "a"', 'Unknown name "b"', 'Unknown name "c"']],
  ])('checks the names of %s', (src, known, messages) => {
    expect(checkExpression(src, known).map((p) => p.message)).toEqual(messages);
  });

  it('reports a syntax error without names', () => {
    const [problem] = checkExpression('a >', ['a']);
    expect(problem?.message).toMatch(/^Syntax error/);
    expect(problem?.name).toBeUndefined();
  });
});

describe('expression cost', () => {
  const doubling = (levels: number) => {
    let src = "'ab'";
    for (let i = 0; i < levels; i++) src = `cel.bind(x${i}, ${src}, x${i} + x${i})`;
    return src;
  };

  it.each([
    ['a value doubled by nested cel.bind', doubling(22)],
    ['three nested comprehensions', 'items.map(a, items.map(b, items.map(c, a + b + c)))'],
    ['a source over the length limit', `'${'x'.repeat(5000)}'`],
    ['a list literal over the size limit', `[${Array.from({ length: 600 }, () => 1).join(',')}]`],
  ])('refuses %s when it is compiled', (_what, src) => {
    expect(() => compileExpression(src)).toThrow();
    expect(checkExpression(src, ['items'])).toHaveLength(1);
  });

  it('allows two nested macros and chains of them', () => {
    expect(evaluateExpression('items.all(a, items.exists(b, a == b))', { items: [1, 2] })).toBe(true);
    expect(evaluateExpression('items.filter(i, i > 1).map(i, i * 2)', { items: [1, 2, 3] })).toEqual([4, 6]);
  });
});

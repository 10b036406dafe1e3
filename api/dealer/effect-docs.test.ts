/**
 * The designer's effect catalogue: the platform documents its built-in effects, the dealership its own
 * (api/dealer/effect-docs.ts, handed to `createApp({ effectDocs })`).
 */
import { describeEffects, EFFECT_DOCS } from '../effect-catalogue.ts';
import { DEALER_EFFECT_DOCS } from './effect-docs.ts';
import { createDealerEffects } from './effects.ts';

describe('the effect catalogue', () => {
  it('documents every effect the dealership registers, from the dealership, not the platform', () => {
    const names = Object.keys(createDealerEffects());
    expect(names.filter((name) => !DEALER_EFFECT_DOCS[name])).toEqual([]);
    expect(Object.keys(EFFECT_DOCS).filter((name) => names.includes(name))).toEqual([]);
  });

  it('lists an effect with the application’s label over the built-ins, and unknown ones by name only', () => {
    const items = describeEffects(['order.setStatus', 'notify', 'custom.thing'], DEALER_EFFECT_DOCS);
    expect(items.map((item) => [item.name, item.label])).toEqual([
      ['custom.thing', undefined],
      ['notify', '通知'],
      ['order.setStatus', '订单状态'],
    ]);
    expect(describeEffects(['order.setStatus'])).toEqual([{ name: 'order.setStatus' }]);
  });
});

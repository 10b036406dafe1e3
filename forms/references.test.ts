import { collectReferences, referenceFields } from './references.ts';
import type { FormVersion } from './types.ts';

const form = (
  key: string,
  schema: FormVersion['schema'],
  uiSchema: FormVersion['uiSchema'],
): FormVersion => ({
  key,
  version: 1,
  title: key,
  schema,
  uiSchema,
});

const NESTED = form(
  'nested',
  {
    type: 'object',
    properties: {
      photos: { type: 'array', items: { type: 'string', format: 'uuid' } },
      scans: { type: 'array', items: { type: 'string', format: 'uuid' } },
      buyer: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' } } },
      rows: {
        type: 'array',
        items: { type: 'object', properties: { vin: { type: 'string' }, note: { type: 'string' } } },
      },
      owner: { type: 'string' },
      note: { type: 'string' },
    },
  },
  {
    photos: { items: { 'ui:widget': 'file' } },
    scans: { 'ui:widget': 'file' },
    buyer: { id: { 'ui:widget': 'customer' } },
    rows: { items: { vin: { 'ui:widget': 'vehicle' } } },
    owner: { 'ui:widget': 'user' },
    note: { 'ui:widget': 'textarea' },
  },
);

describe('reference fields', () => {
  it('finds file, user, customer and vehicle fields, nested and in lists', () => {
    expect(referenceFields(NESTED)).toEqual([
      { kind: 'file', segments: ['photos', '*'] },
      { kind: 'file', segments: ['scans', '*'] },
      { kind: 'customer', segments: ['buyer', 'id'] },
      { kind: 'vehicle', segments: ['rows', '*', 'vin'] },
      { kind: 'user', segments: ['owner'] },
    ]);
  });

  it('finds none in a form without reference widgets', () => {
    const plain = form('plain', { type: 'object', properties: { a: { type: 'string' } } }, {});
    expect(referenceFields(plain)).toEqual([]);
  });

  it('computes a version once', () => {
    expect(referenceFields(NESTED)).toBe(referenceFields({ ...NESTED, schema: {} }));
  });

  it('collects the values at their concrete paths, skipping what is not a string', () => {
    const data = {
      photos: ['p0', 7, 'p2'],
      scans: 'not-a-list',
      buyer: { id: 'c1' },
      rows: [{ vin: 'V1' }, { note: 'x' }, { vin: 'V3' }],
      owner: '',
    };
    expect(collectReferences(referenceFields(NESTED), data)).toEqual([
      { kind: 'file', segments: ['photos', '0'], value: 'p0' },
      { kind: 'file', segments: ['photos', '2'], value: 'p2' },
      { kind: 'customer', segments: ['buyer', 'id'], value: 'c1' },
      { kind: 'vehicle', segments: ['rows', '0', 'vin'], value: 'V1' },
      { kind: 'vehicle', segments: ['rows', '2', 'vin'], value: 'V3' },
    ]);
  });
});

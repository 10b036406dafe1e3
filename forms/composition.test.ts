/**
 * The server's validator and the projection by step permissions over JSON Schema composition:
 * `$ref`/`definitions`, `oneOf`/`anyOf`/`allOf`, `if`/`then`/`else`, `dependencies` and
 * `additionalProperties`.
 */
import { fieldNames } from './catalogue.ts';
import { projectForm } from './project.ts';
import { collectReferences, referenceFields } from './references.ts';
import { inlineRefs } from './schema-utils.ts';
import type { FormVersion } from './types.ts';
import { validateSubmission } from './validate.ts';

const form: FormVersion = {
  key: 'claim',
  version: 1,
  title: '索赔',
  schema: {
    type: 'object',
    definitions: {
      contact: {
        type: 'object',
        properties: {
          name: { type: 'string', title: '姓名' },
          mobile: { type: 'string', title: '手机', format: 'mobile' },
        },
        required: ['name'],
      },
    },
    properties: {
      payer: { type: 'string', enum: ['self', 'claim'] },
      owner: { $ref: '#/definitions/contact' },
    },
    if: { properties: { payer: { const: 'claim' } }, required: ['payer'] },
    // biome-ignore lint/suspicious/noThenProperty: the JSON Schema keyword
    then: {
      properties: { claimNo: { type: 'string', title: '索赔单号', minLength: 3 }, cost: { type: 'integer' } },
    },
    else: { properties: { method: { type: 'string', title: '付款方式' } } },
    dependencies: { method: { properties: { receipt: { type: 'string' } } } },
  },
  uiSchema: { receipt: { 'ui:widget': 'file' } },
};

describe('forms with composition', () => {
  it('knows the fields of every branch', () => {
    expect(fieldNames(form.schema)).toEqual(['payer', 'owner', 'claimNo', 'cost', 'method', 'receipt']);
  });

  it('accepts a field of a branch, and refuses its invalid value with its path and label', () => {
    expect(validateSubmission(form, { payer: 'claim', claimNo: 'CL-1' }, {}, {}, 'zh-CN')).toEqual({
      ok: true,
      data: { payer: 'claim', claimNo: 'CL-1' },
    });
    const refused = validateSubmission(form, { payer: 'claim', claimNo: 'C' }, {}, {}, 'zh-CN');
    expect(refused.ok).toBe(false);
    if (!refused.ok)
      expect(refused.errors.map((e) => [e.path, e.message.split(' ')[0]])).toEqual([
        ['/claimNo', '索赔单号'],
      ]);
  });

  it('validates a field reached through a $ref at its nested path', () => {
    const refused = validateSubmission(form, { owner: { mobile: '123' } }, {}, {}, 'en');
    expect(refused.ok).toBe(false);
    if (!refused.ok)
      expect(refused.errors.map((e) => e.path).sort()).toEqual(['/owner/mobile', '/owner/name']);
  });

  it('refuses a change to a read-only field of a branch and a hidden one, and requires a required one', () => {
    const fields = { claimNo: 'readonly', cost: 'hidden', method: 'required' } as const;
    const previous = { payer: 'claim', claimNo: 'CL-1', cost: 100 };
    const changed = validateSubmission(form, { claimNo: 'CL-2' }, fields, previous, 'en');
    expect(changed.ok ? [] : changed.errors.map((e) => e.path)).toEqual(['/claimNo']);
    const hidden = validateSubmission(form, { cost: 1 }, fields, previous, 'en');
    expect(hidden.ok ? [] : hidden.errors.map((e) => e.path)).toEqual(['/cost']);
    const missing = validateSubmission(form, { payer: 'self' }, fields, previous, 'en');
    expect(missing.ok ? [] : missing.errors.map((e) => e.path)).toEqual(['/method']);
  });

  it('projects permissions into branches and $refs without leaking hidden fields or changing definitions', () => {
    const projected = projectForm(
      form,
      { cost: 'hidden', claimNo: 'readonly', 'owner.mobile': 'hidden' },
      {
        payer: 'claim',
        cost: 100,
        owner: { name: '王', mobile: '13800138000' },
      },
    );
    expect(projected.data).toEqual({ payer: 'claim', owner: { name: '王' } });
    expect(JSON.stringify(projected.schema)).not.toContain('cost');
    expect(JSON.stringify(projected.schema)).not.toContain('mobile');
    expect(projected.schema.then.properties.claimNo.readOnly).toBe(true);
    expect(projected.schema.definitions).toBeUndefined();
    expect(form.schema.definitions.contact.properties.mobile).toBeDefined();
  });

  it('takes extra keys a form allows with additionalProperties, validated by it', () => {
    const open: FormVersion = {
      ...form,
      schema: { type: 'object', properties: {}, additionalProperties: { type: 'integer' } },
    };
    expect(validateSubmission(open, { bonus: 3 }, {}, { other: 'context' }, 'en')).toEqual({
      ok: true,
      data: { bonus: 3 },
    });
    const refused = validateSubmission(open, { bonus: 'x' }, {}, {}, 'en');
    expect(refused.ok ? [] : refused.errors.map((e) => e.path)).toEqual(['/bonus']);
  });

  it('finds reference widgets in branches', () => {
    const fields = referenceFields(form);
    expect(fields).toEqual([{ kind: 'file', segments: ['receipt'] }]);
    expect(collectReferences(fields, { method: 'cash', receipt: 'abc' })).toEqual([
      { kind: 'file', segments: ['receipt'], value: 'abc' },
    ]);
  });

  it('leaves a recursive $ref in place instead of looping', () => {
    const tree = {
      type: 'object',
      definitions: {
        node: {
          type: 'object',
          properties: { children: { type: 'array', items: { $ref: '#/definitions/node' } } },
        },
      },
      properties: { root: { $ref: '#/definitions/node' } },
    };
    const inlined = inlineRefs(tree);
    expect(inlined.properties.root.properties.children.items).toEqual({ $ref: '#/definitions/node' });
    expect(inlined.definitions).toEqual(tree.definitions);
  });
});

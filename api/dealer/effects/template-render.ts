/**
 * A tiny mustache-style renderer for message templates an admin edits: `{{ path.to.value }}` is
 * replaced by that value of the facts (empty when missing); nothing else is interpreted — no
 * sections, no partials, no expressions, no code — so a template can only ever produce text.
 */

const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)\s*\}\}/g;
const ANY_BRACES = /\{\{([^}]*)\}\}/g;

/** Facts a template may name: nested plain objects of strings and numbers. */
export type TemplateFacts = { [key: string]: string | number | null | undefined | TemplateFacts };

function lookup(facts: TemplateFacts, path: string): string {
  let value: TemplateFacts[string] = facts;
  for (const part of path.split('.')) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, part)) return '';
    value = value[part];
  }
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

/**
 * Fills the placeholders of `template` from `facts`.
 *
 * @example
 * renderTemplate('尊敬的{{customer.name}}，订单 {{ order.orderNo }}', { customer: { name: '张伟' }, order: { orderNo: 'BJ01' } });
 * // '尊敬的张伟，订单 BJ01'
 */
export function renderTemplate(template: string, facts: TemplateFacts): string {
  return template.replace(PLACEHOLDER, (_, path: string) => lookup(facts, path));
}

/** The `{{...}}` of `template` that are not one of `allowed` (malformed ones included), in order. */
export function unknownPlaceholders(template: string, allowed: readonly string[]): string[] {
  const unknown: string[] = [];
  for (const match of template.matchAll(ANY_BRACES)) {
    const name = (match[1] ?? '').trim();
    if (!allowed.includes(name)) unknown.push(match[0]);
  }
  return unknown;
}

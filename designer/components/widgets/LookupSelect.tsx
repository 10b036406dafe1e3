import type { WidgetProps } from '@rjsf/utils';
import { Input, Select, Spin } from 'antd';
import { type ReactNode, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Query } from '../../api-client.ts';
import { useApiQuery } from '../use-api-query.ts';
import { useDebouncedValue } from '../use-debounced-value.ts';

/** One choice of a lookup: the stored value and what people see. */
export interface LookupOption {
  value: string;
  label: string;
}

/** How a lookup finds its choices over the API. */
export interface LookupSource<T> {
  /** The list endpoint, searched with `q` (`{ items }` answers). */
  path: string;
  /** More query parameters of every search (page size, filters). */
  query?: Query;
  /** What is sent as `q`, or undefined to list without a search (e.g. too short). */
  search?: (typed: string) => string | undefined;
  /** Where to read the held value's option from when the search results lack it. */
  resolve: (value: string) => { path: string; query?: Query };
  toOption: (item: T) => LookupOption;
}

interface LookupSelectProps<T> {
  widget: WidgetProps;
  source: LookupSource<T>;
  icon: ReactNode;
  placeholder: string;
}

const DEBOUNCE_MS = 300;

/** `{ items }` or a single object, as items. */
function itemsOf<T>(data: unknown): T[] {
  if (data === undefined || data === null) return [];
  const items = (data as { items?: unknown }).items;
  return Array.isArray(items) ? (items as T[]) : [data as T];
}

function extraQuery(widget: WidgetProps): Query {
  const query: unknown = widget.options.query;
  return typeof query === 'object' && query !== null ? (query as Query) : {};
}

/**
 * A searchable select over an API list for rjsf string fields that hold an id: asks the server as
 * people type (debounced), keeps the label of what was chosen, and shows a held value's label from
 * `source.resolve`. `ui:options.query` adds filters to the search (e.g. `{ "status": "in_stock" }`).
 */
export function LookupSelect<T>({ widget, source, icon, placeholder }: LookupSelectProps<T>) {
  const { t } = useTranslation();
  const { id, value, disabled, readonly, required, autofocus, onChange, onBlur, onFocus } = widget;
  const held = typeof value === 'string' && value !== '' ? value : undefined;
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const [known, setKnown] = useState<ReadonlyMap<string, LookupOption>>(new Map());
  const wanted = source.search ? source.search(typed) : typed.trim() || undefined;
  const q = useDebouncedValue(wanted, DEBOUNCE_MS);

  const results = useApiQuery<unknown>(open ? source.path : null, {
    ...source.query,
    ...extraQuery(widget),
    q,
  });
  const target = held && !known.has(held) ? source.resolve(held) : undefined;
  const resolved = useApiQuery<unknown>(target?.path ?? null, target?.query);

  const found = useMemo(
    () => [...itemsOf<T>(results.data), ...itemsOf<T>(resolved.data)].map(source.toOption),
    [results.data, resolved.data, source.toOption],
  );
  useEffect(() => {
    if (found.length === 0) return;
    setKnown((before) => {
      const next = new Map(before);
      for (const option of found) next.set(option.value, option);
      return next;
    });
  }, [found]);

  const heldLabel = held
    ? (known.get(held)?.label ??
      (resolved.loading ? t('formWidgets.searching') : t('formWidgets.unknownValue', { value: held })))
    : '';

  if (readonly) {
    return <Input id={id} prefix={icon} readOnly value={heldLabel} />;
  }

  // Until the answer to what is typed now arrives, older results are not offered: a quick Enter
  // must not pick a match for a previous search.
  const searching = results.loading || wanted !== q;
  const options = searching || results.error ? [] : itemsOf<T>(results.data).map(source.toOption);
  if (held && !options.some((o) => o.value === held)) options.unshift({ value: held, label: heldLabel });
  let empty: ReactNode = t('formWidgets.noMatch');
  if (searching) empty = <Spin size="small" aria-label={t('formWidgets.searching')} />;
  else if (results.error) empty = t('formWidgets.searchFailed', { message: results.error.message });

  return (
    <Select<string>
      id={id}
      prefix={icon}
      value={held}
      options={options.map((o) => ({ ...o, title: o.label }))}
      placeholder={placeholder}
      disabled={disabled}
      autoFocus={autofocus}
      allowClear={!required}
      loading={searching && open}
      notFoundContent={empty}
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) setTyped('');
      }}
      showSearch={{ filterOption: false, onSearch: setTyped, searchValue: typed }}
      onChange={(next) => {
        setTyped('');
        onChange(next ?? undefined);
      }}
      onBlur={() => onBlur(id, held)}
      onFocus={() => onFocus(id, held)}
      style={{ width: '100%' }}
    />
  );
}

import type { WidgetProps } from '@rjsf/utils';
import { Input, Select, Spin } from 'antd';
import { type ReactNode, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiInit, ApiPath } from '../../api/client.ts';
import { useApiQuery } from '../../api/use-api-query.ts';
import type { Query } from '../../api-client.ts';
import { useDebouncedValue } from '../use-debounced-value.ts';

/** One choice of a lookup: the stored value and what people see. */
export interface LookupOption {
  value: string;
  label: string;
}

/** The routes lookups read: lists searched with `q`, and single records by id. */
type LookupPath = ApiPath<'get'>;

/**
 * The options of a lookup's GET. Sources are plain data naming their route and parameters, so the
 * route's own option type is asserted here, once; what comes back is read through `toOption`.
 */
function lookupInit(params: { path?: Record<string, string>; query?: Query }): ApiInit<LookupPath, 'get'> {
  return { params } as unknown as ApiInit<LookupPath, 'get'>;
}

/** How a lookup finds its choices over the API. */
export interface LookupSource<T> {
  /** The list endpoint, searched with `q` (`{ items }` answers). */
  path: LookupPath;
  /** More query parameters of every search (page size, filters). */
  query?: Query;
  /** What is sent as `q`, or undefined to list without a search (e.g. too short). */
  search?: (typed: string) => string | undefined;
  /** Where to read the held value's option from when the search results lack it. */
  resolve: (value: string) => { path: LookupPath; params?: { path?: Record<string, string>; query?: Query } };
  toOption: (item: T) => LookupOption;
}

export interface LookupSelectProps<T> {
  id?: string | undefined;
  /** The held value (an id, a VIN); empty or undefined for none. (A `Form.Item` passes it.) */
  value?: string | undefined;
  /** The chosen value with the record it came from (undefined when cleared). */
  onChange: (value: string | undefined, item: T | undefined) => void;
  source: LookupSource<T>;
  /** Records the caller already holds (e.g. one it linked itself): their labels need no request. */
  items?: readonly T[] | undefined;
  /** Filters added to every search (e.g. `{ status: 'in_stock' }`). */
  query?: Query | undefined;
  icon: ReactNode;
  placeholder: string;
  disabled?: boolean | undefined;
  readOnly?: boolean | undefined;
  allowClear?: boolean | undefined;
  autoFocus?: boolean | undefined;
  onBlur?: (() => void) | undefined;
  onFocus?: (() => void) | undefined;
}

interface Known<T> {
  option: LookupOption;
  item: T;
}

const DEBOUNCE_MS = 300;

/** `{ items }` or a single object, as items. */
function itemsOf<T>(data: unknown): T[] {
  if (data === undefined || data === null) return [];
  const items = (data as { items?: unknown }).items;
  return Array.isArray(items) ? (items as T[]) : [data as T];
}

/**
 * A searchable select over an API list that holds an id: asks the server as people type
 * (debounced), keeps the label (and record) of what was chosen, shows a held value's label from
 * `source.resolve`, and hands the chosen record to `onChange` with the value.
 */
export function LookupSelect<T>(props: LookupSelectProps<T>) {
  const { id, value, onChange, source, query, icon, placeholder } = props;
  const { t } = useTranslation();
  const held = typeof value === 'string' && value !== '' ? value : undefined;
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const [known, setKnown] = useState<ReadonlyMap<string, Known<T>>>(new Map());
  const wanted = source.search ? source.search(typed) : typed.trim() || undefined;
  const q = useDebouncedValue(wanted, DEBOUNCE_MS);

  const results = useApiQuery(
    open ? source.path : null,
    lookupInit({ query: { ...source.query, ...query, q } }),
  );
  const given = props.items;
  const isGiven = held !== undefined && (given ?? []).some((item) => source.toOption(item).value === held);
  const target = held && !known.has(held) && !isGiven ? source.resolve(held) : undefined;
  const resolved = useApiQuery(target?.path ?? null, lookupInit(target?.params ?? {}));

  const found = useMemo(
    () =>
      [...itemsOf<T>(results.data), ...itemsOf<T>(resolved.data), ...(given ?? [])].map((item) => ({
        option: source.toOption(item),
        item,
      })),
    [results.data, resolved.data, given, source.toOption],
  );
  const lookUp = (value: string): Known<T> | undefined =>
    found.find((entry) => entry.option.value === value) ?? known.get(value);
  useEffect(() => {
    if (found.length === 0) return;
    setKnown((before) => {
      if (found.every((entry) => before.get(entry.option.value)?.item === entry.item)) return before;
      const next = new Map(before);
      for (const entry of found) next.set(entry.option.value, entry);
      return next;
    });
  }, [found]);

  const heldLabel = held
    ? (lookUp(held)?.option.label ??
      (resolved.loading ? t('formWidgets.searching') : t('formWidgets.unknownValue', { value: held })))
    : '';

  if (props.readOnly) {
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
      disabled={props.disabled}
      autoFocus={props.autoFocus}
      allowClear={props.allowClear ?? true}
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
        const chosen = next ?? undefined;
        onChange(chosen, chosen === undefined ? undefined : lookUp(chosen)?.item);
      }}
      onBlur={props.onBlur}
      onFocus={props.onFocus}
      style={{ width: '100%' }}
    />
  );
}

function extraQuery(widget: WidgetProps): Query {
  const query: unknown = widget.options.query;
  return typeof query === 'object' && query !== null ? (query as Query) : {};
}

interface LookupWidgetProps<T> {
  widget: WidgetProps;
  source: LookupSource<T>;
  icon: ReactNode;
  placeholder: string;
}

/**
 * {@link LookupSelect} as an rjsf widget for string fields that hold an id.
 * `ui:options.query` adds filters to the search (e.g. `{ "status": "in_stock" }`).
 */
export function LookupWidget<T>({ widget, source, icon, placeholder }: LookupWidgetProps<T>) {
  const { id, value, disabled, readonly, required, autofocus, onChange, onBlur, onFocus } = widget;
  const held = typeof value === 'string' && value !== '' ? value : undefined;
  return (
    <LookupSelect<T>
      id={id}
      value={held}
      onChange={(next) => onChange(next)}
      source={source}
      query={extraQuery(widget)}
      icon={icon}
      placeholder={placeholder}
      disabled={disabled}
      readOnly={readonly}
      allowClear={!required}
      autoFocus={autofocus}
      onBlur={() => onBlur(id, held)}
      onFocus={() => onFocus(id, held)}
    />
  );
}

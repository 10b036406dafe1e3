/**
 * Normalises a machine config exported by other XState tools (Stately Studio, XState v4 / v5
 * `createMachine({...})` JSON) into this project's workflow format. What maps cleanly is rewritten
 * (string guards/actions → named refs, `cond` → `guard`, millisecond delays → ISO-8601, `onEntry` →
 * `entry`, eventless `''` → `always`, …); what has no meaning here is dropped or kept as a named
 * reference the server will flag, and every such decision becomes a note for the person importing.
 */
import { type FlowStringKey, fmt } from './strings.ts';

/** Something the importer changed or could not carry over, shown beside the server's problems. */
export interface ImportNote {
  /** Where in the imported machine (`machine.states.review.on.APPROVE`). */
  path: string;
  key: FlowStringKey;
  params: Record<string, string>;
}

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Machine-level keys of XState / Stately that only matter to TypeScript or old runtimes. */
const TOOLING_KEYS = ['types', 'schema', 'tsTypes', 'predictableActionArguments', 'preserveActionOrder'];
/** Keys that need code (actors, callbacks) this engine does not run. */
const CODE_KEYS = ['activities', 'onError', 'onSnapshot', 'data', 'strict', 'delimiter', 'input'];
/** Keys of an `invoke` that only the invoked code would use. */
const INVOKE_CODE_KEYS = ['input', 'data', 'onSnapshot', 'autoForward', 'forward', 'systemId'];

/** An event a foreign machine's invoked service used to end with, now sent from outside. */
export interface ImportedEvent {
  from: { roles: string[] };
  label: string;
}

/**
 * `checkCredit` → `CHECK_CREDIT`: the name of an invoked service as an event prefix.
 *
 * @example
 * serviceEventBase('checkCredit'); // 'CHECK_CREDIT'
 */
export function serviceEventBase(name: string): string {
  const snake = name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase();
  return /^[A-Z]/.test(snake) ? snake : `SERVICE_${snake}`;
}

function serviceName(inv: Record<string, unknown>, index: number): string {
  const src = inv.src;
  if (typeof src === 'string' && src) return src;
  if (typeof src === 'object' && src !== null && typeof (src as { type?: unknown }).type === 'string')
    return (src as { type: string }).type;
  if (typeof inv.id === 'string' && inv.id) return inv.id;
  return `service${index + 1}`;
}
const STATE_TYPES = ['atomic', 'compound', 'parallel', 'final', 'history'];
const KEPT_AS_IS = ['id', 'initial', 'description', 'history', 'target', 'output'];

class Importer {
  readonly notes: ImportNote[] = [];
  /** Events that replace invoked services' done / error, to declare on the definition. */
  readonly events: Record<string, ImportedEvent> = {};

  note(path: string, key: FlowStringKey, params: Record<string, string> = {}): void {
    this.notes.push({ path, key, params });
  }

  machine(raw: Obj, fallbackId: string): Obj {
    const out: Obj = {};
    let id = typeof raw.id === 'string' ? raw.id : '';
    if (!/^[A-Za-z][\w-]*$/.test(id)) {
      const clean = id.replace(/[^\w-]+/g, '_').replace(/^[^A-Za-z]+/, '');
      const next = clean || fallbackId;
      this.note('machine.id', id ? 'import.renamedId' : 'import.missingId', { from: id, to: next });
      id = next;
    }
    out.id = id;
    for (const key of TOOLING_KEYS)
      if (key in raw) this.note(`machine.${key}`, 'import.droppedTooling', { key });
    if (raw.version !== undefined) {
      if (typeof raw.version === 'string') out.version = raw.version;
      else this.note('machine.version', 'import.droppedTooling', { key: 'version' });
    }
    if (raw.context !== undefined) {
      if (isObj(raw.context)) out.context = raw.context;
      else this.note('machine.context', 'import.droppedContext');
    }
    const rest = { ...raw };
    for (const k of ['id', 'version', 'context', 'key', ...TOOLING_KEYS]) delete rest[k];
    Object.assign(out, this.state(rest, 'machine'));
    return out;
  }

  state(raw: Obj, path: string): Obj {
    const out: Obj = {};
    for (const [key, value] of Object.entries(raw)) this.stateMember(key, value, `${path}.${key}`, out);
    return out;
  }

  private stateMember(key: string, value: unknown, at: string, out: Obj): void {
    if (KEPT_AS_IS.includes(key)) out[key] = value;
    else if (key === 'type') this.stateType(value, at, out);
    else if (key === 'parallel') {
      if (value === true) out.type = 'parallel';
      this.note(at, value === true ? 'import.renamedKey' : 'import.droppedKey', {
        from: 'parallel: true',
        to: "type: 'parallel'",
        key: `parallel: ${JSON.stringify(value)}`,
      });
    } else if (key === 'states') out.states = this.children(value, at);
    else if (key === 'on') this.on(value, at, out);
    else if (key === 'always' || key === 'onDone') out[key] = this.transitions(value, at);
    else if (key === 'after') out.after = this.after(value, at);
    else if (key === 'entry' || key === 'exit') out[key] = this.actions(value, at);
    else if (key === 'onEntry' || key === 'onExit') {
      const to = key === 'onEntry' ? 'entry' : 'exit';
      out[to] = this.actions(value, at);
      this.note(at, 'import.renamedKey', { from: key, to });
    } else if (key === 'tags') this.tags(value, out, at);
    else if (key === 'meta') {
      if (isObj(value)) out.meta = { ...(isObj(out.meta) ? out.meta : {}), ...value };
      else this.note(at, 'import.droppedKey', { key: 'meta' });
    } else if (key === 'invoke') this.invoke(value, at, out);
    else if (CODE_KEYS.includes(key)) this.note(at, 'import.droppedCode', { key });
    else if (key !== 'key' && key !== 'order') this.note(at, 'import.droppedKey', { key });
  }

  /**
   * An invoked service cannot run here: the state waits instead for the events its end would have
   * sent, `<SERVICE>_DONE` and `<SERVICE>_ERROR`, sent from outside (an integration, or an admin) and
   * declared on the definition; `onDone` / `onError` become their transitions.
   */
  private invoke(value: unknown, at: string, out: Obj): void {
    const list = Array.isArray(value) ? value : [value];
    for (const [i, inv] of list.entries()) {
      const path = Array.isArray(value) ? `${at}[${i}]` : at;
      if (isObj(inv)) this.invokeOne(inv, serviceName(inv, i), path, out);
      else this.note(path, 'import.droppedKey', { key: 'invoke' });
    }
  }

  private invokeOne(inv: Obj, service: string, path: string, out: Obj): void {
    const base = serviceEventBase(service);
    const waits: string[] = [];
    for (const [key, suffix, word] of [
      ['onDone', 'DONE', 'import.done'],
      ['onError', 'ERROR', 'import.error'],
    ] as const) {
      if (inv[key] === undefined) continue;
      const on: Obj = isObj(out.on) ? out.on : {};
      let event = `${base}_${suffix}`;
      for (let n = 2; event in on; n++) event = `${base}_${suffix}_${n}`;
      on[event] = this.transitions(inv[key], `${path}.${key}`);
      out.on = on;
      this.events[event] = { from: { roles: ['admin'] }, label: `${service} ${fmt(word)}` };
      waits.push(event);
      this.note(`${path}.${key}`, 'import.invokeEvent', { service, from: key, event });
    }
    if (waits.length === 0) this.note(path, 'import.invokeNoExit', { service });
    else out.meta = { ...(isObj(out.meta) ? out.meta : {}), waitsFor: waits };
    for (const k of Object.keys(inv))
      if (INVOKE_CODE_KEYS.includes(k))
        this.note(`${path}.${k}`, 'import.invokeDropped', { service, key: k });
  }

  private stateType(value: unknown, at: string, out: Obj): void {
    if (typeof value === 'string' && STATE_TYPES.includes(value)) out.type = value;
    else this.note(at, 'import.droppedKey', { key: `type: ${JSON.stringify(value)}` });
  }

  private children(value: unknown, at: string): Obj {
    const out: Obj = {};
    if (!isObj(value)) return out;
    for (const [name, child] of Object.entries(value))
      out[name] = this.state(isObj(child) ? child : {}, `${at}.${name}`);
    return out;
  }

  private tags(value: unknown, out: Obj, at: string): void {
    const list = Array.isArray(value) ? value : [value];
    const tags = list.filter((t): t is string => typeof t === 'string');
    if (tags.length < list.length) this.note(at, 'import.droppedKey', { key: 'tags' });
    if (tags.length) out.tags = tags;
  }

  private on(value: unknown, at: string, out: Obj): void {
    // XState v4 also allowed `on: [{ event, target }]`.
    const entries: [string, unknown][] = Array.isArray(value)
      ? value.filter(isObj).map(({ event, ...t }) => [String(event ?? ''), t])
      : Object.entries(isObj(value) ? value : {});
    const on: Obj = {};
    for (const [event, t] of entries) {
      if (event === '') {
        out.always = this.transitions(t, `${at}[""]`);
        this.note(`${at}[""]`, 'import.renamedKey', { from: "''", to: 'always' });
      } else on[event] = this.transitions(t, `${at}.${event}`);
    }
    // Events the file names come first; those standing in for an invoke (made earlier) follow.
    if (Object.keys(on).length) out.on = { ...on, ...(isObj(out.on) ? out.on : {}) };
  }

  private after(value: unknown, at: string): Obj {
    const entries: [string, unknown][] = Array.isArray(value)
      ? value.filter(isObj).map(({ delay, ...t }) => [String(delay ?? ''), t])
      : Object.entries(isObj(value) ? value : {});
    const out: Obj = {};
    for (const [delay, t] of entries) {
      const iso = msToIso(delay);
      if (iso && iso !== delay) this.note(`${at}.${delay}`, 'import.delayMs', { from: delay, to: iso });
      else if (!iso) this.note(`${at}.${delay}`, 'import.namedDelay', { name: delay });
      out[iso ?? delay] = this.transitions(t, `${at}.${delay}`);
    }
    return out;
  }

  transitions(value: unknown, at: string): unknown {
    if (typeof value === 'string') return value;
    if (Array.isArray(value))
      return value.map((t, i) => (typeof t === 'string' ? t : this.transition(t, `${at}[${i}]`)));
    return this.transition(value, at);
  }

  private transition(raw: unknown, at: string): Obj {
    const out: Obj = {};
    if (!isObj(raw)) return out;
    for (const [key, value] of Object.entries(raw)) {
      if (key === 'target') {
        out.target = typeof value === 'string' || Array.isArray(value) ? value : undefined;
        if (out.target === undefined) this.note(`${at}.target`, 'import.droppedKey', { key: 'target' });
      } else if (key === 'guard' || key === 'cond') {
        out.guard = this.ref(value, `${at}.${key}`, 'import.namedGuard');
        if (key === 'cond') this.note(`${at}.cond`, 'import.renamedKey', { from: 'cond', to: 'guard' });
      } else if (key === 'actions') out.actions = this.actions(value, `${at}.actions`);
      else if (key === 'reenter' || key === 'description' || key === 'meta') out[key] = value;
      else if (key === 'internal') {
        if (value === false) out.reenter = true;
        this.note(`${at}.internal`, 'import.renamedKey', { from: 'internal', to: 'reenter' });
      } else this.note(`${at}.${key}`, 'import.droppedKey', { key });
    }
    if (out.target === undefined) delete out.target;
    return out;
  }

  actions(value: unknown, at: string): unknown {
    if (Array.isArray(value)) return value.map((a, i) => this.ref(a, `${at}[${i}]`, 'import.namedAction'));
    return this.ref(value, at, 'import.namedAction');
  }

  /** `'name'` or `{ type, params, … }` → `{ type, params }`; names with no implementation get a note. */
  private ref(value: unknown, at: string, noteKey: FlowStringKey): Obj | undefined {
    const type = typeof value === 'string' ? value : isObj(value) ? value.type : undefined;
    if (typeof type !== 'string' || type === '') {
      this.note(at, 'import.droppedKey', { key: JSON.stringify(value) ?? String(value) });
      return undefined;
    }
    const out: Obj = { type };
    if (isObj(value)) {
      if (isObj(value.params)) out.params = value.params;
      const extra = Object.keys(value).filter((k) => k !== 'type' && k !== 'params');
      if (extra.length) this.note(at, 'import.droppedKey', { key: extra.join(', ') });
    }
    const known = noteKey === 'import.namedGuard' ? ['expr'] : ['assign', 'effect'];
    if (!known.includes(type)) this.note(at, noteKey, { name: type });
    return out;
  }
}

/** `"1000"` / `1000` ms → `PT1S`; an ISO-8601 duration stays; anything else (a named delay) → undefined. */
export function msToIso(delay: string): string | undefined {
  if (/^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/.test(delay)) return delay;
  if (!/^\d+$/.test(delay)) return undefined;
  let ms = Number(delay);
  const parts: [number, string][] = [
    [86_400_000, 'D'],
    [3_600_000, 'H'],
    [60_000, 'M'],
  ];
  let date = '';
  let time = '';
  for (const [size, unit] of parts) {
    const n = Math.floor(ms / size);
    ms -= n * size;
    if (n === 0) continue;
    if (unit === 'D') date += `${n}D`;
    else time += `${n}${unit}`;
  }
  if (ms > 0) time += `${ms % 1000 === 0 ? ms / 1000 : (ms / 1000).toFixed(3).replace(/0+$/, '')}S`;
  if (!date && !time) return 'PT0S';
  return `P${date}${time ? `T${time}` : ''}`;
}

/**
 * Rewrites a foreign machine config into this project's machine format.
 *
 * @example
 * const { machine, notes } = normalizeMachine({ id: 'm', initial: 'a', states: { a: { on: { GO: { target: 'b', cond: 'ok' } } }, b: { type: 'final' } } }, 'm');
 * // machine.states.a.on.GO → { target: 'b', guard: { type: 'ok' } }; notes: cond renamed, guard "ok" needs a condition
 */
export function normalizeMachine(
  raw: Obj,
  fallbackId: string,
): { machine: Obj; notes: ImportNote[]; events: Record<string, ImportedEvent> } {
  const importer = new Importer();
  const machine = importer.machine(raw, fallbackId);
  return { machine, notes: importer.notes, events: importer.events };
}

/**
 * Reading a source catalog and a list of connections that come from the network
 * (or from an app), so `<source-list>` can render them safely: plain data in,
 * validated plain data out. No Lit, no DOM writes.
 *
 * A catalog is untrusted: every string is cleaned (control and bidi characters
 * removed) and clamped, icons are kept only on safe schemes, and anything that
 * is not an object with a string `id` and `name` is dropped without a word.
 */
import { cleanDescription } from '../core/errors.js';
import { isLoopbackHost } from '../core/hosts.js';
import { isConnectionId } from '../core/message-guard.js';
import { PRESETS } from '../presets/index.js';

export type SourceStatus = 'available' | 'beta' | 'coming_soon';

/** One item of a catalog, as `catalog-url` or the `sources` property gives it. */
export interface CatalogSource {
  id: string;
  name: string;
  icon?: string;
  description?: string;
  category?: string;
  /** How the category reads, in the page's language (`category` is then a key). Default: the locale's label for `category`, else `category` as written. */
  categoryLabel?: string;
  scopes?: string[];
  status?: SourceStatus;
  /** The system this source is connected through: a registered preset name. Default: the list's `preset`. */
  preset?: string;
  /** That system's vendor base URL (`https:`, or `http:` on a loopback host). Default: the preset's own (the list's `base-url` for the list's preset). */
  baseUrl?: string;
  /** The user may connect several accounts of this source: the item offers "Add another account". */
  multiple?: boolean;
}

/** One existing connection, as `connections-url` or the `connections` property gives it. */
export interface SourceConnection {
  source: string;
  connectionId: string;
  status?: string;
  /** The account, e.g. an e-mail address or a connection name: plain text, shown isolated for direction. */
  label?: string;
}

/** A validated catalog item, ready to render and to filter. */
export interface ListedSource {
  readonly id: string;
  readonly name: string;
  /** A URL that is safe to use as an `<img src>`, or `undefined` for the letter placeholder. */
  readonly icon: string | undefined;
  readonly description: string;
  readonly category: string;
  /** The catalog's own label for `category`; `''` when it gives none. */
  readonly categoryLabel: string;
  /** `undefined` when the catalog names none: the list's own `scopes` (or none) apply. */
  readonly scopes: readonly string[] | undefined;
  readonly status: SourceStatus;
  /** A registered preset name, or `undefined` for the list's own. */
  readonly preset: string | undefined;
  /** A safe vendor base URL, or `undefined`. */
  readonly baseUrl: string | undefined;
  readonly multiple: boolean;
  /** The catalog names a preset that is not registered: the item is shown, but nothing of it launches. */
  readonly unknownPreset: boolean;
  /** Shown in place of a missing or refused icon. */
  readonly initial: string;
  /** Name, id, description and category in lower case, computed once so filtering thousands is cheap. */
  readonly search: string;
}

export const MAX_ID_LENGTH = 200;
export const MAX_NAME_LENGTH = 120;
/** The description is clamped visually by CSS too; this bounds what reaches the DOM. */
export const MAX_DESCRIPTION_LENGTH = 300;
export const MAX_CATEGORY_LENGTH = 60;
/** The longest account label kept; a longer one is cut with an ellipsis. */
export const MAX_LABEL_LENGTH = 200;
/**
 * The most connections kept for one source: the first ones of the answer. The
 * rest are dropped (not shown, not in the form): a user has a few accounts of a
 * source, and 10,000 for one would only hang the page.
 */
export const MAX_CONNECTIONS_PER_SOURCE = 100;
const MAX_PRESET_LENGTH = 60;
const MAX_SCOPES = 100;
const MAX_SCOPE_LENGTH = 300;
/** An inline icon larger than this is not an icon. */
const MAX_ICON_LENGTH = 64 * 1024;
const STATUSES = new Set<string>(['available', 'beta', 'coming_soon']);
// Control and format characters (bidi overrides among them) could hide or reorder text, or forge a different id.
const INVISIBLE = /[\p{Cc}\p{Cf}]/u;
/** What a scope may not hold: whitespace (it separates scopes), control and format characters. */
const UNSAFE_SCOPE = /[\s\p{Cc}\p{Cf}]/u;
/** Printable ASCII holds no control or format character: most catalogs' text, checked twice as fast as the Unicode classes. */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The array of a JSON answer that is either the array itself or `{ [key]: [...] }`; `null` for any other shape. */
function listOf(body: unknown, key: string): unknown[] | null {
  if (Array.isArray(body)) return body;
  if (isObject(body) && Array.isArray(body[key])) return body[key] as unknown[];
  return null;
}

/**
 * An icon URL that is safe to load: `https:`, `http:` on a loopback host, or an
 * inline `data:image/…`. Relative URLs resolve against `base` (the catalog's URL).
 * Anything else, `javascript:` included, gives `undefined`.
 */
export function safeIconUrl(value: unknown, base?: string): string | undefined {
  if (typeof value !== 'string' || !value || value.length > MAX_ICON_LENGTH) return undefined;
  const trimmed = value.trim();
  if (/^data:/i.test(trimmed)) return /^data:image\//i.test(trimmed) ? trimmed : undefined;
  let url: URL;
  try {
    url = new URL(trimmed, base);
  } catch {
    return undefined;
  }
  if (url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname))) return url.href;
  return undefined;
}

/** A vendor base URL a flow may use: `https:` or loopback `http:`, absolute; `undefined` for anything else. */
export function safeBaseUrl(value: unknown): string | undefined {
  if (typeof value !== 'string' || !value || value.length > MAX_ICON_LENGTH) return undefined;
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return undefined;
  }
  return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname)) ? url.href : undefined;
}

/** Items and presets already warned about: a catalog parsed again (a new `sources`, a reload) says it once. */
const warnedPresets = new Set<string>();

/**
 * The item's preset: `undefined` when it names none, the name when it is
 * registered, `null` when it names one that is not (an own property of the
 * registry only: `__proto__`, `constructor` and `toString` are unknown).
 */
function presetOf(id: string, value: unknown): string | null | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'string' && Object.hasOwn(PRESETS, value)) return value;
  const named = cleanDescription(String(value), MAX_PRESET_LENGTH) ?? '';
  const key = `${id}\n${named}`;
  if (!warnedPresets.has(key)) {
    warnedPresets.add(key);
    console.warn(`<source-list>: the catalog item "${id}" names the preset "${named}", which is not registered; the item is shown disabled.`);
  }
  return null;
}

/** The first `MAX_SCOPES` distinct valid scopes, in order. One pass, no intermediate arrays: thousands of sources each have some. */
function cleanScopes(value: unknown): string[] | undefined {
  const list = typeof value === 'string' ? value.split(/[\s,]+/) : Array.isArray(value) ? value : undefined;
  if (!list) return undefined;
  const scopes: string[] = [];
  for (const scope of list) {
    if (scopes.length === MAX_SCOPES) break;
    if (typeof scope === 'string' && scope && scope.length <= MAX_SCOPE_LENGTH && !UNSAFE_SCOPE.test(scope) && !scopes.includes(scope)) scopes.push(scope);
  }
  return scopes.length ? scopes : undefined;
}

/** `cleanDescription`, without its Unicode scan for printable ASCII, which needs none: the same result. */
function clean(value: unknown, max: number): string | undefined {
  if (typeof value !== 'string' || !PRINTABLE_ASCII.test(value)) return cleanDescription(value, max);
  const text = value.trim();
  return !text ? undefined : text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The first character of `name`, upper-cased, for the icon placeholder. */
function initialOf(name: string): string {
  // A code point, not a grapheme: cheap enough for thousands of items, and a placeholder needs no more.
  return String.fromCodePoint(name.codePointAt(0) ?? 0x3f).toLocaleUpperCase();
}

/** One catalog entry, or `null` when it cannot be shown (no string `id` or `name`). */
export function parseSource(value: unknown, base?: string): ListedSource | null {
  if (!isObject(value)) return null;
  const { id } = value;
  if (typeof id !== 'string' || !id.trim() || id.length > MAX_ID_LENGTH || (!PRINTABLE_ASCII.test(id) && INVISIBLE.test(id))) return null;
  const name = clean(value.name, MAX_NAME_LENGTH);
  if (!name) return null;
  const description = clean(value.description, MAX_DESCRIPTION_LENGTH) ?? '';
  const category = clean(value.category, MAX_CATEGORY_LENGTH) ?? '';
  const categoryLabel = (category && clean(value.categoryLabel, MAX_CATEGORY_LENGTH)) || '';
  const status = typeof value.status === 'string' && STATUSES.has(value.status) ? (value.status as SourceStatus) : 'available';
  const preset = value.preset === undefined ? undefined : presetOf(id, value.preset);
  return {
    id,
    name,
    icon: safeIconUrl(value.icon, base),
    description,
    category,
    categoryLabel,
    scopes: cleanScopes(value.scopes),
    status,
    preset: preset ?? undefined,
    baseUrl: value.baseUrl === undefined ? undefined : safeBaseUrl(value.baseUrl),
    multiple: value.multiple === true,
    unknownPreset: preset === null,
    initial: initialOf(name),
    search: `${name}\n${id}\n${description}\n${category}\n${categoryLabel}`.toLowerCase(),
  };
}

/**
 * A catalog answer (an array, or `{ sources: [...] }`) as the items to show:
 * invalid items are dropped, and of two items with the same `id` the first wins.
 * `null` when the answer is not a catalog at all.
 */
export function parseCatalog(body: unknown, base?: string): ListedSource[] | null {
  const list = listOf(body, 'sources');
  if (!list) return null;
  const seen = new Set<string>();
  const sources: ListedSource[] = [];
  for (const value of list) {
    const source = parseSource(value, base);
    if (!source || seen.has(source.id)) continue;
    seen.add(source.id);
    sources.push(source);
  }
  return sources;
}

/**
 * A connections answer (an array, or `{ connections: [...] }`); `null` when it is
 * neither. Untrusted: an entry without a string `source` and a connection id
 * safe to render is dropped, so is a second entry with the same id (the first
 * wins) and every entry past `MAX_CONNECTIONS_PER_SOURCE` of one source; a
 * label is plain text, cleaned of control and bidi characters and clamped. Only
 * `source`, `connectionId`, `status` and `label` are read (never a `preset`).
 */
export function parseConnections(body: unknown): SourceConnection[] | null {
  const list = listOf(body, 'connections');
  if (!list) return null;
  const connections: SourceConnection[] = [];
  const ids = new Set<string>();
  const perSource = new Map<string, number>();
  for (const value of list) {
    if (!isObject(value)) continue;
    const { source, connectionId } = value;
    if (typeof source !== 'string' || !source || source.length > MAX_ID_LENGTH || !isConnectionId(connectionId) || connectionId.length > MAX_ID_LENGTH || ids.has(connectionId)) continue;
    const count = perSource.get(source) ?? 0;
    if (count === MAX_CONNECTIONS_PER_SOURCE) continue;
    perSource.set(source, count + 1);
    ids.add(connectionId);
    const connection: SourceConnection = { source, connectionId };
    const status = cleanDescription(value.status, MAX_CATEGORY_LENGTH);
    if (status) connection.status = status;
    const label = cleanDescription(value.label, MAX_LABEL_LENGTH);
    if (label) connection.label = label;
    connections.push(connection);
  }
  return connections;
}

/** Each source's connections, in order (the first is the one the form submits as `name[<source>]`); an invalid `connections` property counts as none. */
export function connectionsBySource(connections: unknown): Map<string, SourceConnection[]> {
  const bySource = new Map<string, SourceConnection[]>();
  for (const connection of parseConnections(connections) ?? []) {
    const list = bySource.get(connection.source);
    if (list) list.push(connection);
    else bySource.set(connection.source, [connection]);
  }
  return bySource;
}

/** How a flow's new connection joins the others of its source. */
export interface Joining {
  /** The connection the flow reconnected: the new one takes its place. */
  readonly replacing?: string;
  /** The source takes several accounts (`multiple`): a new one goes beside the others; otherwise it replaces them. */
  readonly multiple?: boolean;
}

/**
 * The connections after a flow succeeded. A connection with the same id is
 * replaced in place (a reauth), so is the one the flow reconnected: it keeps
 * that account's label when the flow names none (its status goes: the reconnect
 * made it active). Else a `multiple` source gets it after its others, and any
 * other source has it as its one connection.
 */
export function withConnection(connections: unknown, added: SourceConnection, { replacing, multiple = false }: Joining = {}): SourceConnection[] {
  const current = parseConnections(connections) ?? [];
  const at = current.findIndex(({ connectionId }) => connectionId === added.connectionId || connectionId === replacing);
  if (at >= 0) {
    const { source, label } = current[at];
    const renewed = label && added.label === undefined && source === added.source ? { ...added, label } : added;
    const kept = current.filter(({ connectionId }, i) => i === at || (connectionId !== added.connectionId && connectionId !== replacing));
    return kept.map((connection) => (connection === current[at] ? renewed : connection));
  }
  if (multiple) {
    const last = current.findLastIndex(({ source }) => source === added.source);
    return last < 0 ? [added, ...current] : [...current.slice(0, last + 1), added, ...current.slice(last + 1)];
  }
  return [added, ...current.filter(({ source }) => source !== added.source)];
}

/** The connections after `connectionId` was disconnected: only that one goes. */
export function withoutConnection(connections: unknown, connectionId: string): SourceConnection[] {
  return (parseConnections(connections) ?? []).filter((connection) => connection.connectionId !== connectionId);
}

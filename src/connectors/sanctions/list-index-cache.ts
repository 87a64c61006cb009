import { ScreeningIndex } from '../../matching/screening-index.ts';
import type { ScreenableEntry } from '../../matching/screening.ts';
import type { DatasetDescription, DatasetReader } from '../sdk.ts';
import { datasetIdOf, type ListId, type SanctionsEntry, type SanctionsList, sanctionsListSchema } from './sanctions-list.ts';

/** One list, loaded and indexed for screening, at one stored version. */
export interface IndexedList {
  readonly list: ListId;
  readonly version: string;
  readonly description: DatasetDescription;
  readonly content: SanctionsList;
  readonly entries: readonly (ScreenableEntry & { readonly source: SanctionsEntry })[];
  readonly index: ScreeningIndex;
}

/** The state of one list for a lookup: indexed, never synced, or stored but unreadable. */
export type ListState =
  | { readonly kind: 'ready'; readonly indexed: IndexedList }
  | { readonly kind: 'not_synced'; readonly list: ListId }
  | { readonly kind: 'unreadable'; readonly list: ListId; readonly reason: string };

/**
 * Keeps each list's screening index in memory, keyed by the stored version: a lookup asks the
 * database for the current version (one small query), and the index is rebuilt only when a sync
 * stored a new one. Concurrent lookups share one build. A lookup never downloads anything.
 */
export class ListIndexCache {
  readonly #datasets: DatasetReader;
  readonly #ready = new Map<ListId, IndexedList>();
  readonly #building = new Map<string, Promise<IndexedList | string>>();

  constructor(datasets: DatasetReader) {
    this.#datasets = datasets;
  }

  async state(list: ListId): Promise<ListState> {
    const description = await this.#datasets.describe(datasetIdOf(list));
    if (description === null) return { kind: 'not_synced', list };
    const cached = this.#ready.get(list);
    if (cached !== undefined && cached.version === description.version) {
      return { kind: 'ready', indexed: { ...cached, description } };
    }
    const key = `${list}@${description.version}`;
    let build = this.#building.get(key);
    if (build === undefined) {
      build = this.#build(list, description).finally(() => this.#building.delete(key));
      this.#building.set(key, build);
    }
    const built = await build;
    return typeof built === 'string' ? { kind: 'unreadable', list, reason: built } : { kind: 'ready', indexed: built };
  }

  async #build(list: ListId, description: DatasetDescription): Promise<IndexedList | string> {
    const stored = await this.#datasets.read(datasetIdOf(list));
    if (stored === null) return 'the stored list disappeared while loading';
    const parsed = sanctionsListSchema.safeParse(stored.content);
    if (!parsed.success) return `the stored list does not have the expected shape (${parsed.error.issues[0]?.message ?? 'invalid'})`;
    const entries = parsed.data.entries.map((source) => ({
      source,
      kind: source.type === 'individual' ? ('person' as const) : ('organization' as const),
      type: source.type,
      names: source.names,
      dob: source.dob,
      nationalities: source.nationalities,
    }));
    const indexed: IndexedList = {
      list,
      version: stored.version,
      description: { ...description, version: stored.version },
      content: parsed.data,
      entries,
      index: new ScreeningIndex(entries),
    };
    this.#ready.set(list, indexed);
    return indexed;
  }
}

import { type EntityIdentifierRow, findEntityIdentifiers, type ReaderScope } from '../store/entity-identifiers-repository.ts';
import type { Executor } from '../store/executor.ts';
import type { Graph } from './graph-centrality.ts';

/** A node of the entity graph: a stored entity, an identifier, an organization or an associate. */
export interface GraphNode {
  readonly id: string;
  readonly type: 'entity' | 'identifier' | 'organization' | 'associate';
  /** The identifier type (`email`, `phone`, `account` …), `person` or `organization`. */
  readonly kind: string;
  readonly label: string;
  /** For entities: the lookup they came from. */
  readonly requestId?: string;
}

export interface EntityGraph {
  readonly nodes: ReadonlyMap<string, GraphNode>;
  readonly graph: Graph;
  /** Entity id → hops from the subject (the subject is 0). */
  readonly hops: ReadonlyMap<string, number>;
  readonly lookups: ReadonlySet<string>;
  readonly truncated: boolean;
}

export interface GraphLimits {
  readonly maxHops: number;
  readonly maxNodes: number;
}

/**
 * The graph around one stored entity (SPEC §9 `network_centrality`): the entity, its identity
 * keys (email, phone, account, domain …) and associations (employer, associates, relatives),
 * then every other stored entity the caller may read that holds one of those keys, their keys,
 * and so on for `maxHops` entity-to-entity hops. Built from the identifier index the lookups
 * write, so it spans every stored lookup that shares identifiers with the subject.
 */
export async function buildEntityGraph(db: Executor, subject: string, reader: ReaderScope, now: Date, limits: GraphLimits): Promise<EntityGraph> {
  const builder = new GraphBuilder(limits.maxNodes);
  const hops = new Map<string, number>([[subject, 0]]);
  let frontier = [subject];
  for (let hop = 1; frontier.length > 0 && !builder.full; hop++) {
    const own = await findEntityIdentifiers(db, { entityIds: frontier }, reader, now);
    for (const row of own) builder.link(row);
    if (hop > limits.maxHops) break;
    const keys = [...new Set(own.map((r) => r.key))];
    const holders = await findEntityIdentifiers(db, { keys }, reader, now);
    const next: string[] = [];
    for (const row of holders) {
      if (!hops.has(row.entityId)) {
        if (!builder.link(row)) continue;
        hops.set(row.entityId, hop);
        next.push(row.entityId);
      } else builder.link(row);
    }
    frontier = [...new Set(next)].sort();
  }
  return { nodes: builder.nodes, graph: builder.adjacency, hops, lookups: builder.lookups, truncated: builder.full };
}

class GraphBuilder {
  readonly nodes = new Map<string, GraphNode>();
  readonly adjacency = new Map<string, Set<string>>();
  readonly lookups = new Set<string>();
  full = false;
  readonly #maxNodes: number;

  constructor(maxNodes: number) {
    this.#maxNodes = maxNodes;
  }

  /** Adds the entity, the key and the edge between them; false when the node cap stopped it. */
  link(row: EntityIdentifierRow): boolean {
    const entity: GraphNode = { id: row.entityId, type: 'entity', kind: 'entity', label: row.entityId, requestId: row.requestId };
    const key: GraphNode = { id: row.key, type: nodeType(row), kind: row.keyType, label: row.label };
    if (!this.#add(entity) || !this.#add(key)) return false;
    this.adjacency.get(entity.id)!.add(key.id);
    this.adjacency.get(key.id)!.add(entity.id);
    this.lookups.add(row.requestId);
    return true;
  }

  #add(node: GraphNode): boolean {
    if (this.nodes.has(node.id)) return true;
    if (this.nodes.size >= this.#maxNodes) {
      this.full = true;
      return false;
    }
    this.nodes.set(node.id, node);
    this.adjacency.set(node.id, new Set());
    return true;
  }
}

function nodeType(row: EntityIdentifierRow): GraphNode['type'] {
  if (row.role === 'identity') return row.keyType === 'company' ? 'organization' : 'identifier';
  return row.keyType === 'organization' ? 'organization' : 'associate';
}

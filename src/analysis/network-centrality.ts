import { z } from 'zod';
import { round } from '../resolve/profile-builder.ts';
import { type AnalysisContext, type AnalysisOutcome, defineAnalysisType } from './analysis-type.ts';
import { buildEntityGraph, type EntityGraph, type GraphNode } from './entity-graph.ts';
import { type Centrality, centralities } from './graph-centrality.ts';
import { coverageNoteOf } from './coverage-note.ts';

const parameters = z.object({
  max_hops: z.number().int().min(1).max(4).default(2).describe('Entity-to-entity hops to follow through shared identifiers and associations.'),
  top_n: z.number().int().min(1).max(100).default(10).describe('How many of the most central nodes to list.'),
  max_nodes: z.number().int().min(10).max(2000).default(500).describe('Cap on graph size; a larger graph is cut and the result says so.'),
  include_edges: z.boolean().default(false).describe('Also return every edge of the graph.'),
});

type Parameters = z.infer<typeof parameters>;

/**
 * `network_centrality`: where the subject sits in the graph of stored entities that share its
 * identifiers, organizations and associates (SPEC §9's example type).
 */
export const networkCentrality = defineAnalysisType({
  type: 'network_centrality',
  status: 'available',
  description:
    'Centrality of the subject entity in the graph of stored entities, identifiers, organizations and associates reachable through shared identifiers ' +
    '(degree, betweenness after Brandes, closeness). Only lookups the caller may read are included.',
  subjectTypes: ['entity'],
  parameters,
  resultDescription:
    '`data.subject` holds the subject\'s degree, betweenness and closeness (each 0–1) and its rank by betweenness; `data.graph` counts nodes, ' +
    'edges, entities and lookups and says whether the graph was cut at `max_nodes`; `data.top_nodes` lists the `top_n` nodes by betweenness ' +
    '(id, type entity|identifier|organization|associate, kind, label, measures, request_id for entities); `data.connected_entities` lists the ' +
    'other entities with their hop distance and the identifiers they share with the subject; `data.edges` is present with `include_edges`.',
  run,
});

async function run(context: AnalysisContext, p: Parameters): Promise<AnalysisOutcome> {
  const graph = await buildEntityGraph(context.db, context.entityId, context.reader, context.now, { maxHops: p.max_hops, maxNodes: p.max_nodes });
  if (graph.nodes.size < 2) return { ok: false, message: 'Insufficient graph data to complete analysis: the subject has no identifiers or associations on record.' };
  const measures = centralities(graph.graph);
  const ranked = [...graph.nodes.values()].sort((a, b) => byCentrality(measures.get(b.id)!, measures.get(a.id)!) || (a.id < b.id ? -1 : 1));
  const subject = measures.get(context.entityId)!;
  const data: Record<string, unknown> = {
    subject: { entity_id: context.entityId, ...rounded(subject), rank_by_betweenness: ranked.findIndex((n) => n.id === context.entityId) + 1 },
    graph: {
      nodes: graph.nodes.size,
      edges: [...graph.graph.values()].reduce((sum, s) => sum + s.size, 0) / 2,
      entities: graph.hops.size,
      lookups: graph.lookups.size,
      max_hops: p.max_hops,
      truncated: graph.truncated,
    },
    top_nodes: ranked.slice(0, p.top_n).map((n) => describe(n, measures.get(n.id)!)),
    connected_entities: connectedEntities(graph, context.entityId),
  };
  if (p.include_edges) data.edges = edgesOf(graph);
  const notes = [coverageNoteOf(context.lookup), graph.truncated ? `The graph was cut at ${p.max_nodes} nodes; centralities are those of the cut graph.` : null];
  return { ok: true, data, confidence: null, coverageNote: notes.filter((n) => n !== null).join(' ') || null };
}

function byCentrality(a: Centrality, b: Centrality): number {
  return a.betweenness - b.betweenness || a.degree - b.degree || a.closeness - b.closeness;
}

function rounded(c: Centrality): { degree: number; betweenness: number; closeness: number } {
  return { degree: round(c.degree), betweenness: round(c.betweenness), closeness: round(c.closeness) };
}

function describe(node: GraphNode, c: Centrality): Record<string, unknown> {
  return { id: node.id, type: node.type, kind: node.kind, label: node.label, ...(node.requestId ? { request_id: node.requestId } : {}), ...rounded(c) };
}

/** Other entities, nearest first, with what they share with the subject directly. */
function connectedEntities(graph: EntityGraph, subject: string): Record<string, unknown>[] {
  const subjectKeys = graph.graph.get(subject)!;
  return [...graph.hops]
    .filter(([id]) => id !== subject)
    .sort(([a, ha], [b, hb]) => ha - hb || (a < b ? -1 : 1))
    .map(([id, hops]) => ({
      entity_id: id,
      request_id: graph.nodes.get(id)!.requestId,
      hops,
      shared_with_subject: [...graph.graph.get(id)!].filter((k) => subjectKeys.has(k)).sort().map((k) => ({ kind: graph.nodes.get(k)!.kind, label: graph.nodes.get(k)!.label })),
    }));
}

function edgesOf(graph: EntityGraph): [string, string][] {
  const edges: [string, string][] = [];
  for (const [a, neighbours] of graph.graph) for (const b of neighbours) if (a < b) edges.push([a, b]);
  return edges.sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : x[1] < y[1] ? -1 : 1));
}

/** An undirected, unweighted graph: node id → neighbour ids. */
export type Graph = ReadonlyMap<string, ReadonlySet<string>>;

export interface Centrality {
  /** Neighbours over the most possible, n − 1. */
  readonly degree: number;
  /** Share of shortest paths between other nodes that pass through the node (Brandes 2001), normalised to [0, 1]. */
  readonly betweenness: number;
  /** Inverse mean distance to the nodes it reaches, scaled by the share it reaches (Wasserman–Faust). */
  readonly closeness: number;
}

/**
 * Degree, betweenness and closeness centrality of every node, in one pass of breadth-first
 * searches (Brandes, "A faster algorithm for betweenness centrality", 2001): O(n·m).
 *
 * @example
 * centralities(new Map([['a', new Set(['b'])], ['b', new Set(['a', 'c'])], ['c', new Set(['b'])]]))
 * // b: { degree: 1, betweenness: 1, closeness: 1 }
 */
export function centralities(graph: Graph): Map<string, Centrality> {
  const nodes = [...graph.keys()].sort();
  const n = nodes.length;
  const betweenness = new Map(nodes.map((v) => [v, 0]));
  const closeness = new Map<string, number>();
  for (const source of nodes) {
    const { order, distance, paths, parents } = shortestPaths(graph, source);
    let reached = 0;
    let total = 0;
    for (const [v, d] of distance) {
      if (v === source) continue;
      reached++;
      total += d;
    }
    closeness.set(source, total === 0 || n < 2 ? 0 : (reached / total) * (reached / (n - 1)));
    // Dependencies accumulate back from the farthest nodes (Brandes, Algorithm 1).
    const dependency = new Map<string, number>();
    for (let i = order.length - 1; i >= 0; i--) {
      const w = order[i]!;
      const share = (1 + (dependency.get(w) ?? 0)) / paths.get(w)!;
      for (const v of parents.get(w) ?? []) dependency.set(v, (dependency.get(v) ?? 0) + paths.get(v)! * share);
      if (w !== source) betweenness.set(w, betweenness.get(w)! + (dependency.get(w) ?? 0));
    }
  }
  // Each unordered pair was counted from both ends; normalise by the (n−1)(n−2)/2 pairs.
  const pairs = ((n - 1) * (n - 2)) / 2;
  const result = new Map<string, Centrality>();
  for (const v of nodes) {
    result.set(v, {
      degree: n < 2 ? 0 : graph.get(v)!.size / (n - 1),
      betweenness: pairs <= 0 ? 0 : betweenness.get(v)! / 2 / pairs,
      closeness: closeness.get(v)!,
    });
  }
  return result;
}

function shortestPaths(graph: Graph, source: string) {
  const order: string[] = [];
  const distance = new Map<string, number>([[source, 0]]);
  const paths = new Map<string, number>([[source, 1]]);
  const parents = new Map<string, string[]>();
  const queue = [source];
  for (let head = 0; head < queue.length; head++) {
    const v = queue[head]!;
    order.push(v);
    for (const w of [...graph.get(v)!].sort()) {
      if (!distance.has(w)) {
        distance.set(w, distance.get(v)! + 1);
        queue.push(w);
      }
      if (distance.get(w) === distance.get(v)! + 1) {
        paths.set(w, (paths.get(w) ?? 0) + paths.get(v)!);
        parents.set(w, [...(parents.get(w) ?? []), v]);
      }
    }
  }
  return { order, distance, paths, parents };
}

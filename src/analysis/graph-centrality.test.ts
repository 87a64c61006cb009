import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { centralities, type Graph } from './graph-centrality.ts';

function graphOf(edges: readonly [string, string][]): Graph {
  const g = new Map<string, Set<string>>();
  for (const [a, b] of edges) {
    if (!g.has(a)) g.set(a, new Set());
    if (!g.has(b)) g.set(b, new Set());
    g.get(a)!.add(b);
    g.get(b)!.add(a);
  }
  return g;
}

const close = (a: number, b: number): boolean => Math.abs(a - b) < 1e-9;

describe('graph centralities', () => {
  it('puts the hub of a star at betweenness 1 and the leaves at 0', () => {
    const c = centralities(graphOf([['hub', 'a'], ['hub', 'b'], ['hub', 'c'], ['hub', 'd']]));
    assert.ok(close(c.get('hub')!.betweenness, 1));
    assert.ok(close(c.get('hub')!.degree, 1));
    assert.ok(close(c.get('hub')!.closeness, 1));
    assert.ok(close(c.get('a')!.betweenness, 0));
    assert.ok(close(c.get('a')!.closeness, 4 / 7), 'leaf: 4 nodes at total distance 1 + 2 + 2 + 2');
  });

  it('matches the textbook values on a path of five nodes', () => {
    // Path a-b-c-d-e: b lies on 3 of the 6 pairs not involving it, c on 4.
    const c = centralities(graphOf([['a', 'b'], ['b', 'c'], ['c', 'd'], ['d', 'e']]));
    assert.ok(close(c.get('b')!.betweenness, 3 / 6));
    assert.ok(close(c.get('c')!.betweenness, 4 / 6));
    assert.ok(close(c.get('c')!.closeness, 4 / 6));
  });

  it('splits betweenness between two equal shortest paths', () => {
    // A square a-b-d, a-c-d: b and c each carry half of the a–d paths.
    const c = centralities(graphOf([['a', 'b'], ['b', 'd'], ['a', 'c'], ['c', 'd']]));
    assert.ok(close(c.get('b')!.betweenness, 0.5 / 3));
    assert.ok(close(c.get('c')!.betweenness, 0.5 / 3));
  });

  it('scales closeness by the share of nodes reached when the graph is split', () => {
    const c = centralities(graphOf([['a', 'b'], ['c', 'd']]));
    assert.ok(close(c.get('a')!.closeness, (1 / 1) * (1 / 3)));
  });
});

import { z } from 'zod';
import { type AnalysisType, defineAnalysisType } from './analysis-type.ts';
import { networkCentrality } from './network-centrality.ts';
import { timeline } from './timeline.ts';

/**
 * Recognised by the catalogue but not deployed in Cairn yet: listed so integrations can discover
 * it, answered with 501 `analysis_type_not_available` (SPEC §9).
 */
const communityDetection = defineAnalysisType({
  type: 'community_detection',
  status: 'beta',
  deployed: false,
  description: 'Groups of stored entities that share identifiers more with each other than with the rest (Louvain modularity). Not deployed in this engine.',
  subjectTypes: ['entity'],
  parameters: z.object({
    max_hops: z.number().int().min(1).max(4).default(3).describe('Entity-to-entity hops to include.'),
    resolution: z.number().min(0.1).max(10).default(1).describe('Modularity resolution: higher finds smaller communities.'),
  }),
  resultDescription: '`data.communities`: lists of entity ids, the subject’s community first, with each community’s modularity contribution.',
  run: () => Promise.resolve({ ok: false, message: 'community_detection is not deployed in this engine.' }),
});

/** Every analysis type, listed explicitly (no directory scan), in catalogue order. */
export const ANALYSIS_TYPES: readonly AnalysisType[] = [networkCentrality, timeline, communityDetection];

export function findAnalysisType(type: string): AnalysisType | undefined {
  return ANALYSIS_TYPES.find((t) => t.type === type);
}

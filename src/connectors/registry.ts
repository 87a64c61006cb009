import { phoneMetadata } from './phone-metadata/phone-metadata.ts';
import { sanctionsEu, sanctionsOfac, sanctionsUk, sanctionsUn } from './sanctions/sanctions-connectors.ts';
import type { AnyConnectorDefinition } from './sdk.ts';

/**
 * Every connector the engine ships, imported explicitly (no directory scan). Adding a connector
 * is one import and one entry here; the core never branches on an id.
 */
export const CONNECTOR_DEFINITIONS: readonly AnyConnectorDefinition[] = [phoneMetadata, sanctionsOfac, sanctionsUn, sanctionsEu, sanctionsUk];

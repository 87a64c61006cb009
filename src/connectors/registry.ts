import { businessRegistryGleif } from './business-registry-gleif/gleif-connector.ts';
import { businessRegistryOpencorporates } from './business-registry-opencorporates/opencorporates-connector.ts';
import { hibp } from './hibp/hibp-connector.ts';
import { hunter } from './hunter/hunter-connector.ts';
import { peopleDataLabs } from './people-data-labs/pdl-connector.ts';
import { phoneMetadata } from './phone-metadata/phone-metadata.ts';
import { sanctionsEu, sanctionsOfac, sanctionsUk, sanctionsUn } from './sanctions/sanctions-connectors.ts';
import type { AnyConnectorDefinition } from './sdk.ts';

/**
 * Every connector the engine ships, imported explicitly (no directory scan). Adding a connector
 * is one import and one entry here; the core never branches on an id. BYOK connectors are in
 * the list but only run when their `requires` variables are set.
 */
export const CONNECTOR_DEFINITIONS: readonly AnyConnectorDefinition[] = [
  phoneMetadata,
  sanctionsOfac,
  sanctionsUn,
  sanctionsEu,
  sanctionsUk,
  businessRegistryGleif,
  businessRegistryOpencorporates,
  hibp,
  peopleDataLabs,
  hunter,
];

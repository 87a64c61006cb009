import { businessRegistryGleif } from './business-registry-gleif/gleif-connector.ts';
import { businessRegistryOpencorporates } from './business-registry-opencorporates/opencorporates-connector.ts';
import { emailIntel } from './email-intel/email-intel.ts';
import { hibp } from './hibp/hibp-connector.ts';
import { hunter } from './hunter/hunter-connector.ts';
import { osintDomain } from './osint-domain/osint-domain.ts';
import { osintIp } from './osint-ip/osint-ip.ts';
import { peopleDataLabs } from './people-data-labs/pdl-connector.ts';
import { phoneMetadata } from './phone-metadata/phone-metadata.ts';
import { sanctionsEu, sanctionsOfac, sanctionsUk, sanctionsUn } from './sanctions/sanctions-connectors.ts';
import type { AnyConnectorDefinition } from './sdk.ts';
import { socialUrl } from './social-url/social-url.ts';
import { tlsCertificate } from './tls-certificate/tls-certificate.ts';
import { usernamePresence } from './username-presence/username-presence.ts';
import { webPage } from './web-page/web-page.ts';

/**
 * Every connector the engine ships, imported explicitly (no directory scan). Adding a connector
 * is one import and one entry here; the core never branches on an id. BYOK connectors are in
 * the list but only run when their `requires` variables are set.
 */
export const CONNECTOR_DEFINITIONS: readonly AnyConnectorDefinition[] = [
  phoneMetadata,
  osintDomain,
  osintIp,
  tlsCertificate,
  emailIntel,
  webPage,
  socialUrl,
  usernamePresence,
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

import { emailIntel } from './email-intel/email-intel.ts';
import { osintDomain } from './osint-domain/osint-domain.ts';
import { osintIp } from './osint-ip/osint-ip.ts';
import { phoneMetadata } from './phone-metadata/phone-metadata.ts';
import type { AnyConnectorDefinition } from './sdk.ts';
import { socialUrl } from './social-url/social-url.ts';
import { tlsCertificate } from './tls-certificate/tls-certificate.ts';
import { usernamePresence } from './username-presence/username-presence.ts';
import { webPage } from './web-page/web-page.ts';

/**
 * Every connector the engine ships, imported explicitly (no directory scan). Adding a connector
 * is one import and one entry here; the core never branches on an id.
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
];

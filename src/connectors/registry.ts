import { emailIntel } from './email-intel/email-intel.ts';
import { phoneMetadata } from './phone-metadata/phone-metadata.ts';
import type { AnyConnectorDefinition } from './sdk.ts';
import { socialUrl } from './social-url/social-url.ts';
import { webPage } from './web-page/web-page.ts';

/**
 * Every connector the engine ships, imported explicitly (no directory scan). Adding a connector
 * is one import and one entry here; the core never branches on an id.
 */
export const CONNECTOR_DEFINITIONS: readonly AnyConnectorDefinition[] = [phoneMetadata, emailIntel, webPage, socialUrl];

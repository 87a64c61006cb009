/** The four publishers, as `cairn sanctions sync --list` and SANCTIONS_SYNC_LISTS name them. */
export const LIST_GROUPS = ['ofac', 'un', 'eu', 'uk'] as const;
export type ListGroup = (typeof LIST_GROUPS)[number];

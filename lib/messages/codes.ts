/** The codes of the background's errors (zod-free, so the content script can read them). */
export const ERROR_CODES = ['bad_request', 'forbidden', 'not_found', 'invalid', 'storage_full', 'storage_unavailable', 'upgrade_failed', 'internal'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

import { z } from "zod";

/**
 * ISO 8601 timestamp string in responses. Deliberately a string, not a Date codec: the API
 * serialises with `safeEncode`, so handlers must pass `date.toISOString()`, and the web
 * receives exactly what the JSON carries.
 */
export const ZIsoDateTime = z.iso.datetime({ offset: true });

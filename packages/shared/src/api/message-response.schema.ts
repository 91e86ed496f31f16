import { z } from "zod";

/** MessageResponse, e.g. of DELETE and of POST /api/v2/integrations/{id}/refresh. */
export const ZMessageResponse = z.object({ message: z.string() });

export type TMessageResponse = z.output<typeof ZMessageResponse>;

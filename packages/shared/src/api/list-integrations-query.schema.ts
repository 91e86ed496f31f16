import { z } from "zod";
import { ZIntegrationStatus } from "./integration-status.ts";
import { makeListParam, ZLimitParam, ZPageTokenParam } from "./query-params.schema.ts";

const ZFilterText = z.string().max(200, { error: "Filter values must be at most 200 characters." });

/**
 * GET /api/admin/v4/integrations query. `name` and `type` accept Apono's wildcards
 * (`*` contains, `prefix*`, `*suffix`); `status` must be a known status.
 */
export const ZListIntegrationsQuery = z.object({
  name: ZFilterText.optional(),
  type: makeListParam(ZFilterText, "type"),
  status: makeListParam(ZIntegrationStatus, "status"),
  connector_id: makeListParam(ZFilterText, "connector_id"),
  limit: ZLimitParam,
  page_token: ZPageTokenParam,
});

export type TListIntegrationsQuery = z.output<typeof ZListIntegrationsQuery>;
export type TListIntegrationsQueryInput = z.input<typeof ZListIntegrationsQuery>;

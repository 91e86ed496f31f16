import { z } from "zod";
import { CONNECTOR_VIEW_STATUSES } from "../connectors/connector.schema.ts";
import { makeListParam, ZLimitParam, ZPageTokenParam } from "./query-params.schema.ts";

/** GET /api/admin/v3/connectors query. */
export const ZListConnectorsQuery = z.object({
  status: makeListParam(
    z.enum(CONNECTOR_VIEW_STATUSES, { error: "Status must be CONNECTED, PENDING or DISCONNECTED." }),
    "status",
  ),
  limit: ZLimitParam,
  page_token: ZPageTokenParam,
});

export type TListConnectorsQuery = z.output<typeof ZListConnectorsQuery>;
export type TListConnectorsQueryInput = z.input<typeof ZListConnectorsQuery>;

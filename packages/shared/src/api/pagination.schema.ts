import { z } from "zod";

const ZCount = z.number().int().nonnegative();

/** PaginationInfo of the v2/v3 list endpoints (catalog). */
export const ZOffsetPagination = z.object({ total: ZCount, limit: ZCount, offset: ZCount });

/** PublicApiPaginationInfoModel of the v3/v4 admin lists: an opaque cursor, null at the end. */
export const ZTokenPagination = z.object({ next_page_token: z.string().nullable() });

/** Resources list: offset counts plus the cursor of the next page. */
export const ZResourcePagination = ZOffsetPagination.extend({ next_page_token: z.string().nullable() });

export type TOffsetPagination = z.output<typeof ZOffsetPagination>;
export type TTokenPagination = z.output<typeof ZTokenPagination>;
export type TResourcePagination = z.output<typeof ZResourcePagination>;

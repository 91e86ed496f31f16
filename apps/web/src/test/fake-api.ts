import { vi } from "vitest";

type Handler = (url: URL, init: RequestInit | undefined) => unknown;

/**
 * Answers the app's fetches from `routes` ("GET /api/…" → a handler returning the JSON body, or a
 * promise of it: an answer the test holds back),
 * through the real api-client; anything else is a 404 in the API's error shape, so an
 * unexpected request shows up as a failing test rather than a hang. Returns the requests made.
 */
export function stubApi(routes: Record<string, Handler>) {
  const requests: URL[] = [];
  vi.stubGlobal("fetch", async (input: string, init?: RequestInit) => {
    const url = new URL(input, "http://portcullis.test");
    requests.push(url);
    const handler = routes[`${init?.method ?? "GET"} ${url.pathname}`];
    const [status, body] = handler
      ? [200, await handler(url, init)]
      : [404, { statusCode: 404, error: "Not Found", message: `No route ${url.pathname}` }];
    return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
  });
  return { requests };
}

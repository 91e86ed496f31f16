import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/app.ts";
import { type Callers, setUpCallers } from "../../../test/fixtures.ts";
import { createScimSource, GROUP, oktaUser, type Scim, scimClient } from "./test/scim-client.ts";

/** Listing Users by startIndex/count (RFC 7644 §3.4.2.4) as IdPs page: in order, page after page. */
let t: TestApp;
let callers: Callers;
let scim: Scim;
const userNames = Array.from({ length: 7 }, (_, i) => `page${i + 1}@paging.test`);
const ids: string[] = [];
let groupId = "";

const page = async (query: string) => (await scim("GET", `/Users?${query}`)).json();
const names = (body: { Resources: Array<{ userName: string }> }) => body.Resources.map((r) => r.userName);

beforeAll(async () => {
  t = await createTestApp();
  callers = await setUpCallers(t.database.db);
  scim = scimClient(t.app, (await createScimSource(t.app, callers, "Paging")).token);
  for (const userName of userNames) ids.push((await scim("POST", "/Users", oktaUser(userName))).json().id);
  const group = await scim("POST", "/Groups", {
    schemas: [GROUP],
    displayName: "Pagers",
    members: [{ value: ids[2] }],
  });
  groupId = group.json().id;
});
afterAll(() => t.close());

describe("SCIM Users by pages", () => {
  it("pages in creation order, each with the total, groups on their people", async () => {
    const seen: string[] = [];
    for (let startIndex = 1; startIndex <= 7; startIndex += 2) {
      const body = await page(`startIndex=${startIndex}&count=2`);
      expect(body).toMatchObject({ totalResults: 7, startIndex, itemsPerPage: startIndex === 7 ? 1 : 2 });
      seen.push(...names(body));
    }
    expect(seen).toEqual(userNames);
    const third = (await page("startIndex=3&count=1")).Resources[0];
    expect(third.groups).toEqual([expect.objectContaining({ value: groupId, display: "Pagers" })]);
    expect(await page("startIndex=8&count=2")).toMatchObject({ totalResults: 7, Resources: [] });
    expect(await page("count=0")).toMatchObject({ totalResults: 7, itemsPerPage: 0 });
  });

  it("a lookup by userName gives its one match (or none) with the right total", async () => {
    const one = await page(`filter=${encodeURIComponent(`userName eq "${userNames[4]}"`)}`);
    expect(one).toMatchObject({ totalResults: 1, itemsPerPage: 1 });
    expect(names(one)).toEqual([userNames[4]]);
    const none = await page(`filter=${encodeURIComponent('userName eq "nobody@paging.test"')}`);
    expect(none).toMatchObject({ totalResults: 0, Resources: [] });
  });

  it("the next page follows where the last ended: a person deleted in between skips nobody", async () => {
    const filter = `filter=${encodeURIComponent('userName sw "page"')}`;
    expect(names(await page(`${filter}&startIndex=1&count=2`))).toEqual(userNames.slice(0, 2));
    await scim("DELETE", `/Users/${ids[0]}`);
    // By offset alone, page 2 would now start at the fourth person and the third would be missed.
    expect(names(await page(`${filter}&startIndex=3&count=2`))).toEqual(userNames.slice(2, 4));
    // A page no earlier page led to is read by its offset.
    const jump = await page(`${filter}&startIndex=2&count=2`);
    expect(jump).toMatchObject({ totalResults: 6 });
    expect(names(jump)).toEqual(userNames.slice(2, 4));
  });
});

// Every page that answers several forms by intent: an intent the page does not know is a 400
// with a sentence, and nothing is stored, whoever may post there (here the owner, who may post
// everything). A page that dispatches by hand would fall through to one of its forms instead.
import { readdirSync, readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client.ts";
import { listItems } from "#db/queries/roadmaps.ts";
import { acceptedRoadmap, closedAssessmentWith, createOwner, levelsFor, loadQuestionnaires, makeRequest, respondentsAnswering, SELECTION_QUESTIONS, settle, sharedWorld, testContext } from "#test/factories.ts";
import { snapshotTables } from "#test/table-snapshot.ts";

type RouteModule = { action: (args: unknown) => Promise<unknown> };

const DISPATCHING = readdirSync("app/routes").filter((file) => readFileSync(`app/routes/${file}`, "utf8").includes("dispatchForm("));

const world = sharedWorld(async () => {
  await loadQuestionnaires();
  const owner = await createOwner();
  const { assessment } = await closedAssessmentWith(owner.membership, { respondents: respondentsAnswering(3, levelsFor(SELECTION_QUESTIONS, 2)) });
  const roadmap = await acceptedRoadmap(owner.membership, assessment.id);
  const item = (await listItems(getDb(), roadmap.id))[0]!.item;
  const values: Record<string, string> = { slug: owner.organization.slug, assessmentId: assessment.id, roadmapId: roadmap.id, itemId: item.id };
  return { owner, values };
});
beforeAll(world.build);

describe("an unknown intent", () => {
  it("is answered by every page with several forms", () => {
    expect(DISPATCHING.length).toBeGreaterThanOrEqual(8);
  });
  for (const file of DISPATCHING) {
    it(`${file}: 400 with a sentence, nothing stored`, async () => {
      const { owner, values } = await world();
      const params = Object.fromEntries([...file.matchAll(/\$(\w+)/g)].map((m) => m[1]!.replace(/_$/, "")).map((name) => [name, values[name]!]));
      const path = "/" + file.replace(/\.tsx?$/, "").split(".").map((s) => s.replace(/_$/, "").replace(/^\$(\w+)$/, (_, n: string) => params[n] ?? n)).join("/");
      const mod = (await import(`../../app/routes/${file}`)) as RouteModule;
      const before = await snapshotTables();
      const result = await settle(mod.action({ request: makeRequest(path, { cookie: owner.cookie, form: { intent: "no-such-intent", status: "done", role: "admin" } }), params, context: testContext() }));
      expect(result.status).toBe(400);
      expect(result.data.formError).toMatch(/does not do/);
      expect(await snapshotTables()).toEqual(before);
    });
  }
});

// Request bodies have a size limit per kind of route, and JSON bodies a nesting limit. Before,
// every body was read whole whatever its size, and a deeply nested JSON body ([[[[…]]]],
// 20,000 levels) overflowed the stack of the NUL check and answered 500.
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client.ts";
import { listItems } from "#db/queries/roadmaps.ts";
import { answers, roadmapNotes } from "#db/schema/index.ts";
import { BODY_LIMITS } from "#app/domain/input-limits.ts";
import { bodyKindOf } from "#app/lib/body.server.ts";
import { action as answersAction } from "#app/routes/a.$token.answers.ts";
import { action as milestoneAction } from "#app/routes/api.v1.roadmaps_.$roadmapId_.milestones.$milestoneId.ts";
import { action as newOrganization } from "#app/routes/orgs.new.tsx";
import { action as signIn } from "#app/routes/signin.tsx";
import { createApiToken } from "#app/services/api.server.ts";
import { acceptedRoadmap, closedAssessmentWith, createOwner, loadQuestionnaires, openAssessmentWith, settle, sharedWorld, testContext } from "#test/factories.ts";

const world = sharedWorld(async () => {
  await loadQuestionnaires();
  const { membership: owner, cookie } = await createOwner();
  const { assessment: closed } = await closedAssessmentWith(owner, { title: "Baseline", respondents: [{ name: "Ann", levels: { "selection-criteria": 2 } }] });
  const roadmap = await acceptedRoadmap(owner, closed.id, { title: "Plan" });
  const milestones = (await listItems(getDb(), roadmap.id)).map((row) => row.item).filter((item) => item.kind === "milestone");
  const { respondents: [respondent] } = await openAssessmentWith(owner, { title: "Open", respondents: [{ name: "Ben", function: "kam" }] });
  return {
    cookie,
    respondentToken: respondent!.token,
    respondentId: respondent!.respondent.id,
    adminToken: (await createApiToken(owner, { name: "Limits", role: "admin" })).secret,
    roadmapId: roadmap.id,
    // Never changed: the tests compare what is stored about it before and after a refused request.
    milestoneId: milestones[0]!.id,
    // For the one request that is accepted and changes its milestone.
    spareMilestoneId: milestones[1]!.id,
  };
});
beforeAll(world.build);

const MiB = 1024 * 1024;

/** A body of `total` bytes made on demand, counting how many bytes the reader pulled. */
function countedStream(total: number, chunk = 64 * 1024) {
  const counter = { pulled: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      const size = Math.min(chunk, total - counter.pulled);
      counter.pulled += size;
      controller.enqueue(new TextEncoder().encode("a".repeat(size)));
      if (counter.pulled >= total) controller.close();
    },
  }, { highWaterMark: 0 }); // nothing is made before the reader asks
  return { stream, counter };
}

function post(path: string, body: BodyInit, headers: Record<string, string>, method = "POST") {
  return new Request(`http://localhost${path}`, { method, headers: { Origin: "http://localhost", ...headers }, body, duplex: "half" } as RequestInit);
}

async function autosave(body: BodyInit, headers: Record<string, string> = {}) {
  const { respondentToken } = await world();
  return settle(answersAction({ request: post(`/a/${respondentToken}/answers`, body, { "Content-Type": "application/json", ...headers }), params: { token: respondentToken }, context: testContext() }));
}

async function patchMilestone(body: BodyInit, headers: Record<string, string> = {}, milestone?: string) {
  const { adminToken, roadmapId, milestoneId: shared } = await world();
  const milestoneId = milestone ?? shared;
  return settle(
    milestoneAction({
      request: post(`/api/v1/roadmaps/${roadmapId}/milestones/${milestoneId}`, body, { Authorization: `Bearer ${adminToken}`, "Content-Type": "application/json", ...headers }, "PATCH"),
      params: { roadmapId, milestoneId },
      context: testContext(),
    }),
  );
}

async function storedState() {
  const { respondentId, roadmapId, milestoneId } = await world();
  const milestone = (await listItems(getDb(), roadmapId)).map((row) => row.item).find((item) => item.id === milestoneId)!;
  return {
    answers: (await getDb().select().from(answers).where(eq(answers.respondentId, respondentId))).length,
    milestone: { status: milestone.status, updatedAt: milestone.updatedAt },
    notes: (await getDb().select().from(roadmapNotes).where(eq(roadmapNotes.itemId, milestoneId))).length,
  };
}

describe("deeply nested JSON", () => {
  const levels = 20_000;
  const nested = "[".repeat(levels) + "]".repeat(levels); // 40,000 bytes
  const inField = (field: string) => `{${field}:${nested}}`;

  it("to the autosave (no account needed): 400 with a JSON error, nothing stored", async () => {
    const before = await storedState();
    for (const body of [nested, `{"saves":[{"questionId":"selection-criteria","choice":"level","level":3,"sequence":2,"comment":${nested}}]}`, inField('"saves"')]) {
      const result = await autosave(body);
      expect(result.status).toBe(400);
      expect(result.data.error).toEqual({ code: "malformed", message: "The answers could not be read. The JSON nests more than 16 levels deep; no request of this app does." });
    }
    expect(await storedState()).toEqual(before);
  });

  it("to the milestone PATCH: 400 with the API's JSON error, nothing stored", async () => {
    const before = await storedState();
    for (const body of [nested, inField('"evidence"'), `{"status":"done","evidence":"ok","x":${nested}}`]) {
      const result = await patchMilestone(body);
      expect(result.status).toBe(400);
      expect(result.data.error).toEqual({ code: "invalid_request", message: "The JSON nests more than 16 levels deep; no request of this app does." });
    }
    expect(await storedState()).toEqual(before);
  });

  it("16 levels are still read (and refused by the schema, not the reader)", async () => {
    const { spareMilestoneId } = await world();
    const sixteen = "[".repeat(16) + "]".repeat(16);
    expect((await autosave(sixteen)).data.error.message).toMatch(/^The answers could not be read\. (?!The JSON nests)/);
    // Brackets inside a string are text, not nesting.
    const evidence = "[".repeat(levels);
    const result = await patchMilestone(JSON.stringify({ status: "in_progress", evidence: evidence.slice(0, 3000) }), {}, spareMilestoneId);
    expect(result.status).toBe(200);
  });
});

describe("bodies over their route's limit answer 413 without being read whole", () => {
  const formHeaders = { "Content-Type": "application/x-www-form-urlencoded" };
  const signInWith = (body: BodyInit, headers: Record<string, string>) => settle(signIn({ request: post("/signin", body, headers), params: {}, context: testContext("192.0.2.50") }));

  it("the limits: 1 MB for forms and the autosave, 64 KB for the API", () => {
    expect(BODY_LIMITS).toEqual({ form: MiB, autosave: MiB, api: 64 * 1024 });
    expect(["/signin", "/orgs/acme/roadmaps/1", `/a/abc/answers`, "/api/v1/roadmaps/1/milestones/2", "/a/abc/selection"].map(bodyKindOf)).toEqual(["form", "form", "autosave", "api", "form"]);
  });

  it("a form with a Content-Length over 1 MB: 413 with a sentence, and not one byte read", async () => {
    const { stream, counter } = countedStream(50 * MiB);
    const result = await signInWith(stream, { ...formHeaders, "Content-Length": String(50 * MiB) });
    expect(result.status).toBe(413);
    expect(result.headers?.get("Connection")).toBe("close");
    expect(counter.pulled).toBe(0);
  });

  it("a form streamed without a length: 413 once 1 MB has passed, the rest never read", async () => {
    const { stream, counter } = countedStream(50 * MiB);
    const result = await signInWith(stream, formHeaders);
    expect(result.status).toBe(413);
    // Read up to the limit and the one 64 KB chunk that passes it.
    expect(counter.pulled).toBe(MiB + 64 * 1024);
  });

  it("a form of exactly 1 MB is read", async () => {
    const fields = "email=someone%40example.com&password=wrong-password&padding=";
    const result = await signInWith(fields + "a".repeat(MiB - fields.length), formHeaders);
    expect(result.status).toBe(400);
    expect(result.data.formError).toBe("The email or password is not correct.");
  });

  it("the 413 of a form is a sentence the error page shows; nothing is created", async () => {
    const { cookie } = await world();
    const { stream } = countedStream(2 * MiB);
    const request = post("/orgs/new", stream, { ...formHeaders, Cookie: cookie });
    let thrown: unknown;
    await newOrganization({ request, params: {}, context: testContext() }).catch((error: unknown) => (thrown = error));
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).status).toBe(413);
    expect(await (thrown as Response).text()).toBe("The request is larger than 1 MB, the most it may carry. Shorten what you entered and send it again.");
  });

  it("the autosave over 1 MB, with and without a length: 413 with a JSON error, nothing stored", async () => {
    const before = await storedState();
    const declared = countedStream(MiB + 1);
    const withLength = await autosave(declared.stream, { "Content-Length": String(MiB + 1) });
    const streamed = countedStream(50 * MiB);
    const withoutLength = await autosave(streamed.stream);
    for (const result of [withLength, withoutLength]) {
      expect(result.status).toBe(413);
      expect(result.data.error).toEqual({ code: "payload_too_large", message: "The request is larger than 1 MB, the most it may carry. Shorten what you entered and send it again." });
    }
    expect(declared.counter.pulled).toBe(0);
    expect(streamed.counter.pulled).toBe(MiB + 64 * 1024);
    expect(await storedState()).toEqual(before);
  });

  it("the API over 64 KB, with and without a length: 413 with its JSON error, nothing stored", async () => {
    const before = await storedState();
    const evidence = "e".repeat(64 * 1024);
    const body = JSON.stringify({ status: "done", evidence });
    const withLength = await patchMilestone(body, { "Content-Length": String(new TextEncoder().encode(body).length) });
    const streamed = countedStream(50 * MiB);
    const withoutLength = await patchMilestone(streamed.stream);
    for (const result of [withLength, withoutLength]) {
      expect(result.status).toBe(413);
      expect(result.data.error).toEqual({ code: "payload_too_large", message: "The request is larger than 64 KB, the most it may carry. Shorten what you entered and send it again." });
    }
    expect(streamed.counter.pulled).toBe(2 * 64 * 1024);
    expect(await storedState()).toEqual(before);
  });
});

// Without SMTP_URL (the embedded default), mail is kept for the Outbox page with its links, and
// the pages say so: a trial with `npm start` still runs its campaign, by hand.
import { beforeAll, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  // Set before anything reads the environment, which is read once per process.
  process.env.SMTP_URL = "";
});

import { action as assessmentAction, loader as assessmentLoader } from "#app/routes/orgs.$slug.assessments.$assessmentId.tsx";
import { loader as outboxLoader } from "#app/routes/orgs.$slug.outbox.tsx";
import { loader as startLoader } from "#app/routes/a.$token._index.tsx";
import { createAssessment, openAssessment } from "#app/services/assessments.server.ts";
import { runDueJobs } from "#app/services/worker.server.ts";
import { createOwner, loadQuestionnaires, makeRequest, settle, sharedWorld, testContext } from "#test/factories.ts";

const world = sharedWorld(async () => {
  await loadQuestionnaires();
  return createOwner({ name: "Olga Owner", organization: "Northwind Parts" });
});
beforeAll(world.build);

describe("mail without SMTP", () => {
  it("keeps the invitation on the Outbox with a link that works, and says mail is not configured", async () => {
    const owner = await world();
    const slug = owner.organization.slug;
    const assessment = await createAssessment(owner.membership, { questionnaireId: "kam-maturity", version: "1.0.0", title: "KAM check 2026", targetProfile: null });
    await openAssessment(owner.membership, assessment.id);
    const params = { slug, assessmentId: assessment.id };
    const path = `/orgs/${slug}/assessments/${assessment.id}`;
    const added = await settle(
      assessmentAction({ request: makeRequest(path, { cookie: owner.cookie, form: { intent: "add", name: "Ada Lind", email: "ada@example.com", function: "sales", mail: "yes" } }), params, context: testContext() }),
    );
    expect(added.data.message).toBe("1 invitation is kept in the Outbox, as mail is not configured.");
    expect(await runDueJobs()).toBe(1);

    const page = await settle(assessmentLoader({ request: makeRequest(path, { cookie: owner.cookie }), params, context: testContext() }));
    expect(page.data.invitations.mailConfigured).toBe(false);
    expect(page.data.respondents[0].invitation).toBe("Invitation kept in the Outbox");

    const outbox = await settle(outboxLoader({ request: makeRequest(`/orgs/${slug}/outbox`, { cookie: owner.cookie }), params: { slug }, context: testContext() }));
    expect(outbox.data.configured).toBe(false);
    const [kept] = outbox.data.messages;
    expect(kept).toMatchObject({ to: "ada@example.com", status: "kept", statusLabel: "Kept here (mail is not configured)" });
    expect(kept.links).toHaveLength(1);
    const token = new URL(kept.links[0]).pathname.split("/")[2]!;
    const start = await settle(startLoader({ request: makeRequest(`/a/${token}`), params: { token }, context: testContext() }));
    expect(start.status).toBe(200);
    expect(start.data.name).toBe("Ada Lind");
  });
});

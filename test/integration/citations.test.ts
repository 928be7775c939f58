// Publications are cited by reference wherever content is shown: no page, report or export
// carries a source key (the file names the content was written from).
import { beforeAll, describe, expect, it } from "vitest";
import { SOURCE_KEY_PATTERN } from "#app/domain/questionnaire/bibliography.ts";
import { loader as questionnaireLoader } from "#app/routes/questionnaires.$questionnaire.$version.tsx";
import { loader as exportLoader } from "#app/routes/questionnaires.$questionnaire.$version.export.ts";
import { loader as startLoader } from "#app/routes/a.$token._index.tsx";
import { loader as dimensionLoader } from "#app/routes/a.$token.$dimension.tsx";
import { loader as submitLoader } from "#app/routes/a.$token.submit.tsx";
import { closeAssessment, createAssessment, inviteRespondents, openAssessment } from "#app/services/assessments.server.ts";
import { loadReport } from "#app/services/report.server.ts";
import { requireRespondent, saveAnswers } from "#app/services/respondents.server.ts";
import { createOrganization, createUser, loadQuestionnaires, makeRequest, membershipOf, sessionCookie, settle, sharedWorld, testContext } from "#test/factories.ts";

const SEED_FILE_NAME = new RegExp(SOURCE_KEY_PATTERN.source);
const signedIn = sharedWorld(async () => {
  await loadQuestionnaires();
  return { cookie: await sessionCookie(await createUser()) };
});

beforeAll(signedIn.build);

const call = async (handler: (args: never) => unknown, path: string, params: Record<string, string>, withCookie = true) => {
  const { cookie } = await signedIn();
  return settle(Promise.resolve(handler({ request: makeRequest(path, withCookie ? { cookie } : {}), params, context: testContext() } as never)));
};

describe("citations by reference", () => {
  it.each(["kam-maturity", "kam-readiness"])("the questionnaire page of %s names publications, never file names", async (questionnaire) => {
    const page = await call(questionnaireLoader, `/questionnaires/${questionnaire}/1.0.0`, { questionnaire, version: "1.0.0" });
    expect(page.status).toBe(200);
    expect(JSON.stringify(page.data)).not.toMatch(SEED_FILE_NAME);
    expect(page.data.references).toContain(
      "Jensen, K. B. & Intenz: Key Account Management as a strategic discipline (research-based report on sales).",
    );
    expect(page.data.dimensions[0].sources[0]).toBe("Jensen & Intenz");
  });

  it("the maturity index's description cites its four publications by author", async () => {
    const page = await call(questionnaireLoader, "/questionnaires/kam-maturity/1.0.0", { questionnaire: "kam-maturity", version: "1.0.0" });
    expect(page.data.description).toContain("(Jensen & Intenz), research on the four basic elements of KAM at company and individual level (Ojasalo 2001)");
    expect(page.data.description).toContain("(Wengler et al. 2026), and on managing customer success (Eggert, Ulaga & Gehring).");
  });

  it("the JSON export resolves texts and sources and keeps the frozen content hash", async () => {
    const { cookie } = await signedIn();
    const response = (await exportLoader({
      request: makeRequest("/questionnaires/kam-maturity/1.0.0/export", { cookie }),
      params: { questionnaire: "kam-maturity", version: "1.0.0" },
      context: testContext(),
    })) as Response;
    const text = await response.text();
    expect(text).not.toMatch(SEED_FILE_NAME);
    const exported = JSON.parse(text);
    expect(exported.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(exported.dimensions.find((d: { id: string }) => d.id === "value").sources).toEqual([
      "Wengler, S., Kleinaltenkamp, M., Heirati, N. & Prohl-Schwenke, K. (2026): Untangling value-based customer management approaches in business markets. Industrial Marketing Management 133, 162–174. doi:10.1016/j.indmarman.2026.01.009.",
      "Eggert, A., Ulaga, W. & Gehring, A.: Managing customer success in business markets: conceptual foundation and practical application.",
    ]);
  });

  it("respondent pages and the report show no file name", async () => {
    const user = await createUser();
    const owner = await membershipOf(user, await createOrganization(user));
    for (const questionnaireId of ["kam-maturity", "kam-readiness"]) {
      const assessment = await createAssessment(owner, { questionnaireId, version: "1.0.0", title: "Citations", targetProfile: null });
      const { token } = (await inviteRespondents(owner, assessment.id, [{ name: "Ada", email: null, function: "sales" }]))[0]!;
      await openAssessment(owner, assessment.id);
      const base = `/a/${token}`;
      const start = await call(startLoader, base, { token }, false);
      expect(start.status).toBe(200);
      const pages = [start.data, (await call(submitLoader, `${base}/submit`, { token }, false)).data];
      const context = await requireRespondent(token);
      for (const dimension of context.version.dimensions) {
        pages.push((await call(dimensionLoader, `${base}/${dimension.id}`, { token, dimension: dimension.id }, false)).data);
      }
      expect(JSON.stringify(pages)).not.toMatch(SEED_FILE_NAME);
      if (questionnaireId === "kam-readiness") expect(start.data.description).toContain("(Jensen & Intenz).");

      const first = context.version.questions[0]!;
      await saveAnswers(context, [{ questionId: first.id, choice: "level", level: 3, comment: null, sequence: 1 }]);
      await closeAssessment(owner, assessment.id);
      const report = await loadReport(owner, assessment.id);
      expect(JSON.stringify(report)).not.toMatch(SEED_FILE_NAME);
      expect(report.methods.sources[0]).toMatch(/^[A-Z][a-z]+, /);
    }
  });
});

// Respondent privacy through the real routes (ADR 0017): random assessments stored in the
// database and read back as a member and an API client read them (results page, dimension
// pages, scorecard JSON, the API's scorecard and raw answers, the raw-answers CSV and the PDF's
// text), checked by the same oracle as the domain property test. The property test runs the
// builders 2,000 times; this proves the routes put out what those builders make.
import fc from "fast-check";
import { eq } from "drizzle-orm";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client.ts";
import { organizations } from "#db/schema/index.ts";
import type { AnswerSave } from "#app/domain/assessments.ts";
import { RESPONDENT_FUNCTIONS, type RespondentFunction } from "#app/domain/respondents.ts";
import { createApiToken } from "#app/services/api.server.ts";
import { closeAssessment, createAssessment, inviteRespondents, openAssessment } from "#app/services/assessments.server.ts";
import { requireRespondent, saveAnswers } from "#app/services/respondents.server.ts";
import { getQuestionnaireVersion } from "#app/services/surveys.server.ts";
import { loader as resultsLoader } from "#app/routes/orgs.$slug.assessments.$assessmentId_.results.tsx";
import { loader as dimensionLoader } from "#app/routes/orgs.$slug.assessments.$assessmentId_.results_.$dimensionId.tsx";
import { loader as scorecardJsonLoader } from "#app/routes/orgs.$slug.assessments.$assessmentId_.scorecard[.json].ts";
import { loader as answersCsvLoader } from "#app/routes/orgs.$slug.assessments.$assessmentId_.answers[.csv].ts";
import { loader as reportLoader } from "#app/routes/orgs.$slug.assessments.$assessmentId_.report[.pdf].ts";
import { loader as apiScorecardLoader } from "#app/routes/api.v1.assessments_.$assessmentId.scorecard.ts";
import { loader as apiAnswersLoader } from "#app/routes/api.v1.assessments_.$assessmentId.answers.ts";
import { createOrganization, createUser, loadQuestionnaires, makeRequest, membershipOf, sessionCookie, settle, sharedWorld, testContext } from "#test/factories.ts";
import {
  answering,
  expectDistributionsPrivate,
  expectRawAnswersPrivate,
  expectResultsViewPrivate,
  expectScorecardPrivate,
  expectTextPrivate,
  type AssessmentData,
  type StoredAnswer,
} from "#test/privacy-oracle.ts";

// Three dimensions answered, so that pages stay quick while covered, thin and empty dimensions all occur.
const ANSWERED_DIMENSIONS = ["selection", "strategy", "teams"];

const world = sharedWorld(async () => {
  await loadQuestionnaires();
  return { version: (await getQuestionnaireVersion("kam-maturity", "1.0.0"))!.version };
});

beforeAll(world.build);

const functionArbitrary = fc.oneof(
  { arbitrary: fc.constant<RespondentFunction>("sales"), weight: 4 },
  { arbitrary: fc.constant<RespondentFunction>("service"), weight: 2 },
  { arbitrary: fc.constantFrom<RespondentFunction>(...RESPONDENT_FUNCTIONS), weight: 3 },
);

const answerArbitrary = fc.option(
  fc.record({
    choice: fc.constantFrom<StoredAnswer["choice"]>("level", "level", "level", "dont_know"),
    level: fc.integer({ min: 1, max: 5 }),
    comment: fc.option(fc.constantFrom("Plans are old.", "Only revenue counts.", "We never meet their engineers."), { freq: 5 }),
  }),
  { freq: 2 },
);

/** CSV text back into rows, cells with quotes and commas included. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      cell += '"';
      i += 1;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (quoted || (c !== "," && c !== "\r")) {
      cell += c;
    } else if (c === ",") {
      row.push(cell);
      cell = "";
    } else {
      // CR LF ends a row.
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i += 1;
    }
  }
  return rows;
}

const csvRows = (csv: string) =>
  parseCsv(csv)
    .slice(1)
    .map(([respondent, fn, , question, level, dontKnow, notApplicable, comment]) => ({
      respondent,
      function: fn || null,
      question,
      choice: level ? "level" : dontKnow === "yes" ? "dont_know" : notApplicable === "yes" ? "not_applicable" : null,
      level: level ? Number(level) : null,
      comment: comment || null,
    }));

async function pdfText(bytes: ArrayBuffer) {
  const document = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= document.numPages; n++) {
    const content = await (await document.getPage(n)).getTextContent();
    pages.push(content.items.map((item) => ("str" in item ? item.str : "")).join(" "));
  }
  await document.destroy();
  return pages.join("\n");
}

/** Question means a dimension page and the PDF may show: those over at least m answers. */
function questionMeans(data: AssessmentData) {
  return data.version.questions.flatMap((q) => {
    const levels = answering(data).flatMap((r) => r.answers.filter((a) => a.questionId === q.id && a.choice !== null));
    const chosen = levels.filter((a) => a.choice === "level").map((a) => a.level!);
    return levels.length >= data.minimumGroupSize && chosen.length > 0 ? [chosen.reduce((a, b) => a + b, 0) / chosen.length] : [];
  });
}

describe("every route keeps the minimum group size", () => {
  it("results page, dimension pages, scorecard JSON and API, raw answers CSV and API, and the PDF", async () => {
    const { version } = await world();
    const questions = version.questions.filter((q) => ANSWERED_DIMENSIONS.includes(q.dimension));
    const assessmentArbitrary = fc.record({
      minimumGroupSize: fc.integer({ min: 3, max: 5 }),
      close: fc.boolean(),
      respondents: fc.array(fc.record({ function: functionArbitrary, answers: fc.array(answerArbitrary, { minLength: questions.length, maxLength: questions.length }) }), { maxLength: 11 }),
    });
    await fc.assert(
      fc.asyncProperty(assessmentArbitrary, async (input) => {
        const user = await createUser();
        const organization = await createOrganization(user);
        await getDb().update(organizations).set({ minimumGroupSize: input.minimumGroupSize }).where(eq(organizations.id, organization.id));
        const owner = await membershipOf(user, organization);
        const cookie = await sessionCookie(user);
        const token = (await createApiToken(owner, { name: "Attacker", role: "admin" })).secret;

        const assessment = await createAssessment(owner, { questionnaireId: "kam-maturity", version: "1.0.0", title: "Random", targetProfile: null });
        const invited = await inviteRespondents(owner, assessment.id, input.respondents.map((r, i) => ({ name: `Person ${i}`, email: null, function: r.function })));
        await openAssessment(owner, assessment.id);
        const data: AssessmentData = { version, minimumGroupSize: input.minimumGroupSize, respondents: [] };
        for (const [i, person] of invited.entries()) {
          const answers: StoredAnswer[] = questions.flatMap((q, j) => {
            const a = input.respondents[i]!.answers[j];
            return a ? [{ questionId: q.id, choice: a.choice, level: a.choice === "level" ? a.level : null, comment: a.comment }] : [];
          });
          const saves: AnswerSave[] = answers.map((a, k) => ({ ...a, choice: a.choice!, sequence: k + 1 }));
          if (saves.length > 0) await saveAnswers(await requireRespondent(person.token), saves);
          data.respondents.push({ id: person.respondent.id, function: person.respondent.function, answers });
        }
        if (input.close) await closeAssessment(owner, assessment.id);

        const base = `/orgs/${organization.slug}/assessments/${assessment.id}`;
        const params = { slug: organization.slug, assessmentId: assessment.id };
        const page = (loader: (args: never) => unknown, path: string, extra: Record<string, string> = {}) =>
          settle((loader as (args: unknown) => Promise<unknown>)({ request: makeRequest(path, { cookie }), params: { ...params, ...extra }, context: testContext() }));
        const api = (loader: (args: never) => unknown, path: string) =>
          (loader as (args: unknown) => Promise<Response>)({ request: new Request(`http://localhost${path}`, { headers: { Authorization: `Bearer ${token}` } }), params, context: testContext() });

        const { provisional: _shownAsProvisional, ...card } = (await page(scorecardJsonLoader, `${base}/scorecard.json`)).data;
        expectScorecardPrivate(card, data);
        const { assessmentId: _id, provisional: _provisional, ...apiCard } = await (await api(apiScorecardLoader, `/api/v1/assessments/${assessment.id}/scorecard`)).json();
        expectScorecardPrivate(apiCard, data);

        const results = await page(resultsLoader, `${base}/results`);
        expect(results.status).toBe(200);
        expectResultsViewPrivate(results.data, card, data);
        for (const dimensionId of ANSWERED_DIMENSIONS) {
          const detail = await page(dimensionLoader, `${base}/results/${dimensionId}`, { dimensionId });
          expectDistributionsPrivate(detail.data.questions, data);
          expectTextPrivate(detail.data.explanation.join("\n"), card, data);
        }

        const enough = answering(data).length >= input.minimumGroupSize;
        const csv = await (answersCsvLoader as (args: unknown) => Promise<Response>)({ request: makeRequest(`${base}/answers.csv`, { cookie }), params, context: testContext() }).catch((thrown: unknown) => thrown as Response);
        expect(csv.status).toBe(enough ? 200 : 409);
        const apiAnswers = await api(apiAnswersLoader, `/api/v1/assessments/${assessment.id}/answers`);
        expect(apiAnswers.status).toBe(enough ? 200 : 409);
        if (enough) {
          expectRawAnswersPrivate(csvRows(await csv.text()), data);
          expectRawAnswersPrivate((await apiAnswers.json()).data, data);
        }

        const pdf = await (reportLoader as (args: unknown) => Promise<Response>)({ request: makeRequest(`${base}/report.pdf`, { cookie }), params, context: testContext() });
        expect(pdf.status).toBe(200);
        expectTextPrivate(await pdfText(await pdf.arrayBuffer()), card, data, questionMeans(data));
      }),
      { numRuns: 10, seed: 13, endOnFailure: true },
    );
    // A guard against a hang on a busy machine, not a time budget.
  }, 600_000);
});

// An autosave whose database connection is lost mid-save is tried once more; lost again, it
// answers 503 with Retry-After and stores nothing, so the outbox's next attempt starts clean.
import { eq, sql } from "drizzle-orm";
import postgres from "postgres";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, getDbHandle, onStatement } from "#db/client.ts";
import { answers, respondents } from "#db/schema/index.ts";
import type { AnswerSave } from "#app/domain/assessments.ts";
import { action as answersAction } from "#app/routes/a.$token.answers.ts";
import { createAssessment, inviteRespondents, openAssessment } from "#app/services/assessments.server.ts";
import { requireRespondent } from "#app/services/respondents.server.ts";
import { createOrganization, createUser, loadQuestionnaires, membershipOf, settle, sharedWorld, testContext } from "#test/factories.ts";
import { databaseUrlFor } from "#test/postgres.ts";

const world = sharedWorld(async () => {
  await loadQuestionnaires();
  const user = await createUser();
  return { owner: await membershipOf(user, await createOrganization(user)) };
});

beforeAll(world.build);

async function newRespondent() {
  const { owner } = await world();
  const assessment = await createAssessment(owner, { questionnaireId: "kam-maturity", version: "1.0.0", title: "Outage", targetProfile: null });
  const [invited] = await inviteRespondents(owner, assessment.id, [{ name: "Rosa", email: null, function: "sales" }]);
  await openAssessment(owner, assessment.id);
  const { respondent } = await requireRespondent(invited!.token);
  return { token: invited!.token, id: respondent.id };
}

const saves: AnswerSave[] = [
  { questionId: "selection-criteria", choice: "level", level: 3, comment: null, sequence: 101 },
  { questionId: "selection-review", choice: "dont_know", level: null, comment: "Ask finance", sequence: 102 },
];

const post = (token: string) =>
  settle(
    answersAction({
      request: new Request(`http://localhost/a/${token}/answers`, {
        method: "POST",
        headers: { Origin: "http://localhost", "Content-Type": "application/json" },
        body: JSON.stringify({ saves }),
      }),
      params: { token },
      context: testContext(),
    }),
  );

const stored = async (respondentId: string) => ({
  answers: await getDb().select().from(answers).where(eq(answers.respondentId, respondentId)),
  startedAt: (await getDb().select().from(respondents).where(eq(respondents.id, respondentId)))[0]!.startedAt,
});

/**
 * Loses the connection of the next `times` statements that save the respondent's answers;
 * `end()` says how many were lost. On PostgreSQL for real: a second connection locks the
 * respondent's row, the save waits for it, and its backend is terminated (57P01). PGlite has
 * no connection to lose, so there the statement is stopped before it reaches the database,
 * with the error postgres.js gives a query on a closed connection.
 */
async function loseConnection(respondentId: string, times: number): Promise<{ end: () => Promise<number> }> {
  let lost = 0;
  if (getDbHandle().kind === "pglite") {
    const stop = onStatement((text) => {
      if (lost < times && text.includes('insert into "answers"')) {
        lost++;
        throw Object.assign(new Error("write CONNECTION_CLOSED localhost:5432"), { code: "CONNECTION_CLOSED" });
      }
    });
    return { end: async () => (stop(), lost) };
  }
  const [{ name }] = (await getDb().execute(sql`select current_database() as name`)) as unknown as [{ name: string }];
  const other = postgres(databaseUrlFor(process.env.DATABASE_URL!, name), { max: 2, onnotice: () => {} });
  const locker = await other.reserve();
  await locker`begin`;
  await locker`select 1 from respondents where id = ${respondentId} for update`;
  const terminated: number[] = [];
  const outage = (async () => {
    try {
      while (lost < times) {
        const deadline = Date.now() + 10_000;
        let waiting: { pid: number }[] = [];
        while (waiting.length === 0) {
          if (Date.now() > deadline) throw new Error("No save waited for the locked respondent.");
          waiting = await other`select pid from pg_stat_activity
            where datname = current_database() and wait_event_type = 'Lock' and not pid = any(${terminated}::int[])`;
          if (waiting.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
        }
        for (const { pid } of waiting) {
          await other`select pg_terminate_backend(${pid})`;
          terminated.push(pid);
        }
        lost++;
      }
    } finally {
      await locker`commit`;
      locker.release();
    }
  })();
  return {
    end: async () => {
      await outage.finally(() => other.end());
      return lost;
    },
  };
}

describe("an autosave whose database connection is lost", () => {
  it("is saved by the second try, exactly once", async () => {
    const respondent = await newRespondent();
    const outage = await loseConnection(respondent.id, 1);
    const result = await post(respondent.token);
    expect(await outage.end()).toBe(1);

    expect(result.status).toBe(200);
    expect(result.data.saved).toEqual([
      { questionId: "selection-criteria", sequence: 101 },
      { questionId: "selection-review", sequence: 102 },
    ]);
    const after = await stored(respondent.id);
    expect(after.answers.map((a) => [a.questionId, a.choice, a.level, a.comment, a.clientSequence]).sort()).toEqual([
      ["selection-criteria", "level", 3, null, 101],
      ["selection-review", "dont_know", null, "Ask finance", 102],
    ]);
    expect(after.startedAt).not.toBeNull();
  });

  it("lost again: 503 with Retry-After, nothing stored, and the outbox's next attempt is saved", async () => {
    const respondent = await newRespondent();
    const outage = await loseConnection(respondent.id, 2);
    const result = await post(respondent.token);
    expect(await outage.end()).toBe(2);

    expect(result.status).toBe(503);
    expect(result.headers?.get("Retry-After")).toBe("2");
    expect(result.data.error.code).toBe("unavailable");
    expect(result.data.error.message).toMatch(/database did not answer/);
    expect(await stored(respondent.id)).toEqual({ answers: [], startedAt: null });

    expect((await post(respondent.token)).status).toBe(200);
    expect((await stored(respondent.id)).answers).toHaveLength(2);
  });
});

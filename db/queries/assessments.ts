import { and, asc, desc, eq, inArray, isNotNull, isNull, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Database } from "../client.ts";
import {
  answers,
  assessmentResults,
  mailMessages,
  assessments,
  engagements,
  memberships,
  organizations,
  questionnaireVersions,
  respondentLinkRevocations,
  respondents,
  users,
} from "../schema/index.ts";
import type { Scorecard } from "../../app/domain/scoring/score.ts";

export type Assessment = typeof assessments.$inferSelect;
export type Respondent = typeof respondents.$inferSelect;
export type AssessmentStatus = Assessment["status"];
export type StoredAnswer = typeof answers.$inferSelect;
type MailStatus = (typeof mailMessages.$inferSelect)["status"];

export async function insertAssessment(
  db: Database,
  values: Pick<Assessment, "organizationId" | "questionnaireVersionId" | "title" | "targetProfile" | "createdBy">,
) {
  const [row] = await db.insert(assessments).values(values).returning();
  return row!;
}

/** The assessment, only when it belongs to the organization. */
export async function findAssessment(db: Database, organizationId: string, assessmentId: string) {
  const [row] = await db
    .select()
    .from(assessments)
    .where(and(eq(assessments.id, assessmentId), eq(assessments.organizationId, organizationId)));
  return row;
}

const previousAssessment = alias(assessments, "previous_assessment");
const sameAsAssessment = alias(assessments, "same_as_assessment");
const sameAsVersion = alias(questionnaireVersions, "same_as_version");

/** The questionnaire of an assessment of the organization, as a subquery: callers need not read it first. */
const questionnaireOf = (db: Database, organizationId: string, assessmentId: string) =>
  db
    .select({ id: sameAsVersion.questionnaireId })
    .from(sameAsAssessment)
    .innerJoin(sameAsVersion, eq(sameAsVersion.id, sameAsAssessment.questionnaireVersionId))
    .where(and(eq(sameAsAssessment.id, assessmentId), eq(sameAsAssessment.organizationId, organizationId)));

/** An assessment's newest results snapshot, as a column of a query on assessments. */
const newestScorecard = sql<Scorecard | null>`(select ${assessmentResults.scorecard} from ${assessmentResults} where ${assessmentResults.assessmentId} = ${assessments.id} order by ${assessmentResults.createdAt} desc limit 1)`;
const nextAssessment = alias(assessments, "next_assessment");

/**
 * findAssessment with the assessment it repeats and the ones that repeat it (oldest first),
 * all of the same organization, in one statement.
 */
export async function findAssessmentWithLinks(db: Database, organizationId: string, assessmentId: string) {
  const [row] = await db
    .select({
      assessment: assessments,
      previous: { id: previousAssessment.id, title: previousAssessment.title },
      next: sql<{ id: string; title: string; status: AssessmentStatus }[]>`coalesce((
        select json_agg(json_build_object('id', ${nextAssessment.id}, 'title', ${nextAssessment.title}, 'status', ${nextAssessment.status}) order by ${nextAssessment.createdAt})
        from ${assessments} "next_assessment"
        where ${nextAssessment.organizationId} = ${organizationId} and ${nextAssessment.previousAssessmentId} = ${assessments.id}
      ), '[]'::json)`,
    })
    .from(assessments)
    .leftJoin(previousAssessment, and(eq(previousAssessment.id, assessments.previousAssessmentId), eq(previousAssessment.organizationId, organizationId)))
    .where(and(eq(assessments.id, assessmentId), eq(assessments.organizationId, organizationId)));
  return row;
}

/**
 * The organization's assessments, newest first. With `page`, a keyset page after the row
 * `after` names (its `createdAt` as Postgres text, so no microseconds are lost, and its id).
 */
export async function listAssessments(
  db: Database,
  organizationId: string,
  page?: { after?: { createdAt: string; id: string }; limit: number },
) {
  const after = page?.after
    ? sql`(${assessments.createdAt}, ${assessments.id}) < (${page.after.createdAt}::timestamptz, ${page.after.id}::uuid)`
    : undefined;
  const query = db
    .select({
      id: assessments.id,
      title: assessments.title,
      status: assessments.status,
      createdAt: assessments.createdAt,
      closedAt: assessments.closedAt,
      questionnaireId: questionnaireVersions.questionnaireId,
      version: questionnaireVersions.version,
      respondentCount: sql<number>`(select count(*) from ${respondents} where ${respondents.assessmentId} = ${assessments.id})`.mapWith(Number),
      submittedCount: sql<number>`(select count(*) from ${respondents} where ${respondents.assessmentId} = ${assessments.id} and ${respondents.submittedAt} is not null)`.mapWith(Number),
      createdAtKey: sql<string>`${assessments.createdAt}::text`,
    })
    .from(assessments)
    .innerJoin(questionnaireVersions, eq(questionnaireVersions.id, assessments.questionnaireVersionId))
    .where(and(eq(assessments.organizationId, organizationId), after))
    .orderBy(desc(assessments.createdAt), desc(assessments.id));
  return page ? query.limit(page.limit) : query;
}

/**
 * The organization's assessments for its overview, newest first, in one statement: what
 * listAssessments gives, each closed one's newest results snapshot, and where the user answers
 * one from their account, whether they have submitted and how many questions they answered.
 */
export async function listAssessmentsForOverview(db: Database, organizationId: string, userId: string) {
  const mine = sql`${respondents.assessmentId} = ${assessments.id} and ${respondents.userId} = ${userId}`;
  return db
    .select({
      id: assessments.id,
      title: assessments.title,
      status: assessments.status,
      openedAt: assessments.openedAt,
      closedAt: assessments.closedAt,
      questionnaireVersionId: assessments.questionnaireVersionId,
      questionnaireId: questionnaireVersions.questionnaireId,
      respondentCount: sql<number>`(select count(*) from ${respondents} where ${respondents.assessmentId} = ${assessments.id})`.mapWith(Number),
      submittedCount: sql<number>`(select count(*) from ${respondents} where ${respondents.assessmentId} = ${assessments.id} and ${respondents.submittedAt} is not null)`.mapWith(Number),
      scorecard: sql<Scorecard | null>`case when ${assessments.status} = 'closed' then ${newestScorecard} end`,
      mySubmitted: sql<boolean | null>`(select ${respondents.submittedAt} is not null from ${respondents} where ${mine} limit 1)`,
      myAnswered: sql<number>`(select count(*) from ${answers} join ${respondents} on ${respondents.id} = ${answers.respondentId} where ${mine} and ${answers.choice} is not null)`.mapWith(Number),
    })
    .from(assessments)
    .innerJoin(questionnaireVersions, eq(questionnaireVersions.id, assessments.questionnaireVersionId))
    .where(eq(assessments.organizationId, organizationId))
    .orderBy(desc(assessments.createdAt), desc(assessments.id));
}

/** Moves the status only from the expected one, so two clicks cannot both succeed. */
export async function transitionAssessment(
  db: Database,
  assessmentId: string,
  from: AssessmentStatus,
  to: AssessmentStatus,
  now: Date,
): Promise<boolean> {
  const stamps = to === "open" ? { openedAt: now, closedAt: null } : to === "closed" ? { closedAt: now } : {};
  const rows = await db
    .update(assessments)
    .set({ status: to, ...stamps })
    .where(and(eq(assessments.id, assessmentId), eq(assessments.status, from)))
    .returning({ id: assessments.id });
  return rows.length === 1;
}

/**
 * Rows per insert of respondents: at most nine parameters a row keeps a statement far under
 * PostgreSQL's 65,535 bind parameters.
 */
export const RESPONDENT_INSERT_BATCH = 2000;

/** Inserts respondents in batches, in order; call it inside a transaction so a failure stores none. */
export async function insertRespondents(
  db: Database,
  rows: (Pick<Respondent, "assessmentId" | "name" | "email" | "function" | "tokenHash" | "userId" | "createdBy" | "engagementId"> & Partial<Pick<Respondent, "invitedAt">>)[],
) {
  const inserted: Respondent[] = [];
  for (let start = 0; start < rows.length; start += RESPONDENT_INSERT_BATCH) {
    inserted.push(...(await db.insert(respondents).values(rows.slice(start, start + RESPONDENT_INSERT_BATCH)).returning()));
  }
  return inserted;
}

/**
 * Locks the assessment's row until the transaction ends, so adds of respondents to one
 * assessment run one after the other and each sees what the one before stored.
 */
export async function lockAssessment(db: Database, assessmentId: string) {
  const [row] = await db.select({ id: assessments.id, status: assessments.status }).from(assessments).where(eq(assessments.id, assessmentId)).for("update");
  return row;
}

/** How many respondents of the assessment have started and not submitted. */
export async function countRespondentsInProgress(db: Database, assessmentId: string) {
  const [row] = await db
    .select({ count: sql<number>`count(*)`.mapWith(Number) })
    .from(respondents)
    .where(and(eq(respondents.assessmentId, assessmentId), isNotNull(respondents.startedAt), isNull(respondents.submittedAt)));
  return row?.count ?? 0;
}

/** Which of the given emails (lowercase, trimmed) respondents of the assessment already have. */
export async function findRespondentEmails(db: Database, assessmentId: string, emails: string[]) {
  if (emails.length === 0) return [];
  const email = sql<string>`lower(trim(${respondents.email}))`;
  const rows = await db
    .selectDistinct({ email })
    .from(respondents)
    .where(and(eq(respondents.assessmentId, assessmentId), inArray(email, emails)));
  return rows.map((row) => row.email);
}

export async function listRespondents(db: Database, assessmentId: string) {
  return db
    .select({
      id: respondents.id,
      name: respondents.name,
      email: respondents.email,
      function: respondents.function,
      hasLink: isNotNull(respondents.tokenHash),
      userId: respondents.userId,
      invitedAt: respondents.invitedAt,
      remindersOptedOutAt: respondents.remindersOptedOutAt,
      remindersSent: respondents.remindersSent,
      lastRemindedAt: respondents.lastRemindedAt,
      /** The state of the newest invitation mail, if one was queued. */
      // Qualified by hand: drizzle writes bare column names here, and a bare "id" would be the mail's.
      invitation: sql<MailStatus | null>`(select m.status from ${mailMessages} m where m.respondent_id = ${respondents}.id and m.kind = 'respondent_invitation' order by m.created_at desc limit 1)`,
      startedAt: respondents.startedAt,
      submittedAt: respondents.submittedAt,
      answered: sql<number>`(select count(*) from ${answers} where ${answers.respondentId} = ${respondents.id} and ${answers.choice} is not null)`.mapWith(Number),
    })
    .from(respondents)
    .where(eq(respondents.assessmentId, assessmentId))
    .orderBy(asc(respondents.createdAt), asc(respondents.name));
}

/**
 * The assessment's respondents (as listRespondents) and their stored answers in one
 * statement: one row per answer, or one per respondent without any.
 */
export async function listRespondentsWithAnswers(db: Database, assessmentId: string) {
  const rows = await db
    .select({
      respondent: {
        id: respondents.id,
        name: respondents.name,
        email: respondents.email,
        function: respondents.function,
        hasLink: isNotNull(respondents.tokenHash),
        startedAt: respondents.startedAt,
        submittedAt: respondents.submittedAt,
      },
      answer: { questionId: answers.questionId, choice: answers.choice, level: answers.level, comment: answers.comment },
    })
    .from(respondents)
    .leftJoin(answers, eq(answers.respondentId, respondents.id))
    .where(eq(respondents.assessmentId, assessmentId))
    .orderBy(asc(respondents.createdAt), asc(respondents.name), asc(respondents.id));
  const people: (typeof rows[number]["respondent"] & { answered: number })[] = [];
  const stored: ({ respondentId: string } & NonNullable<typeof rows[number]["answer"]>)[] = [];
  for (const { respondent, answer } of rows) {
    if (people.at(-1)?.id !== respondent.id) people.push({ ...respondent, answered: 0 });
    if (!answer) continue;
    stored.push({ respondentId: respondent.id, ...answer });
    if (answer.choice !== null) people.at(-1)!.answered += 1;
  }
  return { people, stored };
}

/**
 * Sets or clears a respondent's link. A new link records who issued it and through which
 * engagement: whoever saw the secret holds it now.
 */
export async function setRespondentToken(
  db: Database,
  assessmentId: string,
  respondentId: string,
  link: { tokenHash: string; createdBy: string; engagementId: string | null } | null,
) {
  const rows = await db
    .update(respondents)
    // A new or revoked link was not mailed: the respondent counts as not invited by mail.
    .set({ ...(link ?? { tokenHash: null }), invitedAt: null })
    .where(and(eq(respondents.id, respondentId), eq(respondents.assessmentId, assessmentId)))
    .returning({ id: respondents.id });
  return rows.length === 1;
}

const consultancy = alias(organizations, "consultancy");
const inviter = alias(users, "inviter");

/**
 * What a respondent page shows besides the answers: the respondent, the assessment, its
 * organization, the consultancy whose engagement added the respondent (if any) and who did.
 */
const respondentWithSetting = (db: Database) =>
  db
    .select({
      respondent: respondents,
      assessment: assessments,
      organization: { name: organizations.name, minimumGroupSize: organizations.minimumGroupSize },
      consultancyName: consultancy.name,
      invitedBy: inviter.name,
    })
    .from(respondents)
    .innerJoin(assessments, eq(assessments.id, respondents.assessmentId))
    .innerJoin(organizations, eq(organizations.id, assessments.organizationId))
    .leftJoin(engagements, eq(engagements.id, respondents.engagementId))
    .leftJoin(consultancy, eq(consultancy.id, engagements.consultancyId))
    .leftJoin(inviter, eq(inviter.id, respondents.createdBy));

/** The respondent a link stands for, with the assessment and whose it is. */
export async function findRespondentByTokenHash(db: Database, tokenHash: string) {
  const [row] = await respondentWithSetting(db).where(eq(respondents.tokenHash, tokenHash));
  return row;
}

/**
 * A link that was replaced or revoked (kept by a trigger, migration 0012): why, and whom its
 * holder can ask for a new one.
 */
export async function findRevokedRespondentLink(db: Database, tokenHash: string) {
  const [row] = await db
    .select({ reason: respondentLinkRevocations.reason, organization: organizations.name, invitedBy: inviter.name })
    .from(respondentLinkRevocations)
    .innerJoin(respondents, eq(respondents.id, respondentLinkRevocations.respondentId))
    .innerJoin(assessments, eq(assessments.id, respondents.assessmentId))
    .innerJoin(organizations, eq(organizations.id, assessments.organizationId))
    .leftJoin(inviter, eq(inviter.id, respondents.createdBy))
    .where(eq(respondentLinkRevocations.tokenHash, tokenHash));
  return row;
}

export async function markRespondentSubmitted(db: Database, respondentId: string, now: Date) {
  await db.update(respondents).set({ submittedAt: now }).where(eq(respondents.id, respondentId));
}

export async function clearSubmissions(db: Database, assessmentId: string) {
  await db.update(respondents).set({ submittedAt: null }).where(eq(respondents.assessmentId, assessmentId));
}

/**
 * Stores saves and marks the respondent started, in one statement: a save replaces the stored
 * answer only when its client sequence is newer, so replays and late arrivals change nothing,
 * and a statement cut off by a lost connection stores nothing at all.
 */
export async function upsertAnswers(
  db: Database,
  respondentId: string,
  saves: { questionId: string; choice: StoredAnswer["choice"]; level: number | null; comment: string | null; sequence: number }[],
  now: Date,
) {
  // Within one batch, only the newest save per question takes part.
  const newest = new Map<string, (typeof saves)[number]>();
  for (const save of saves) {
    const seen = newest.get(save.questionId);
    if (!seen || save.sequence > seen.sequence) newest.set(save.questionId, save);
  }
  const rows = [...newest.values()].map((save) => ({
    respondentId,
    questionId: save.questionId,
    choice: save.choice,
    level: save.level,
    comment: save.comment,
    clientSequence: save.sequence,
    updatedAt: now,
  }));
  if (rows.length === 0) return;
  const upserted = db.$with("upserted").as(
    db
      .insert(answers)
      .values(rows)
      .onConflictDoUpdate({
        target: [answers.respondentId, answers.questionId],
        set: {
          choice: sql`excluded.choice`,
          level: sql`excluded.level`,
          comment: sql`excluded.comment`,
          clientSequence: sql`excluded.client_sequence`,
          updatedAt: sql`excluded.updated_at`,
        },
        setWhere: sql`${answers.clientSequence} < excluded.client_sequence`,
      }),
  );
  // PostgreSQL runs a data-modifying WITH once, whether or not the main statement reads it.
  await db
    .with(upserted)
    .update(respondents)
    .set({ startedAt: now })
    .where(and(eq(respondents.id, respondentId), isNull(respondents.startedAt)));
}

export async function listAnswersOfRespondent(db: Database, respondentId: string) {
  return db.select().from(answers).where(eq(answers.respondentId, respondentId));
}

/**
 * Bulk inserts for generated data that arrives complete (the sample benchmark pool): closed
 * assessments, their submitted respondents, answers and results, each in few statements.
 */
export async function insertAssessmentRows(db: Database, rows: (typeof assessments.$inferInsert)[]) {
  if (rows.length > 0) await db.insert(assessments).values(rows);
}

export async function insertRespondentRows(db: Database, rows: (typeof respondents.$inferInsert)[]) {
  if (rows.length > 0) await db.insert(respondents).values(rows);
}

/** In chunks, to stay well under PostgreSQL's 65,535 parameters per statement. */
export async function insertAnswerRows(db: Database, rows: (typeof answers.$inferInsert)[]) {
  for (let start = 0; start < rows.length; start += 4000) await db.insert(answers).values(rows.slice(start, start + 4000));
}

export async function insertResultRows(db: Database, rows: (typeof assessmentResults.$inferInsert)[]) {
  if (rows.length > 0) await db.insert(assessmentResults).values(rows);
}

export async function insertResult(db: Database, assessmentId: string, scorecard: Scorecard, engineVersion: string) {
  await db.insert(assessmentResults).values({ assessmentId, scorecard, engineVersion });
}

export async function latestResult(db: Database, assessmentId: string) {
  const [row] = await db
    .select()
    .from(assessmentResults)
    .where(eq(assessmentResults.assessmentId, assessmentId))
    .orderBy(desc(assessmentResults.createdAt))
    .limit(1);
  return row;
}

export async function setTargetProfile(db: Database, assessmentId: string, targetProfile: Record<string, number> | null) {
  await db.update(assessments).set({ targetProfile }).where(eq(assessments.id, assessmentId));
}

/** The answers of several assessments at once, with each respondent's assessment and function. */
export async function listAnswersOfAssessments(db: Database, assessmentIds: string[]) {
  if (assessmentIds.length === 0) return [];
  return db
    .select({
      assessmentId: respondents.assessmentId,
      respondentId: answers.respondentId,
      function: respondents.function,
      questionId: answers.questionId,
      choice: answers.choice,
      level: answers.level,
    })
    .from(answers)
    .innerJoin(respondents, eq(respondents.id, answers.respondentId))
    .where(inArray(respondents.assessmentId, assessmentIds));
}

/**
 * The respondent a member is in an assessment of the organization, with the assessment;
 * undefined unless the user is that respondent and still a member.
 */
export async function findRespondentOfMember(db: Database, organizationId: string, assessmentId: string, userId: string) {
  const [row] = await respondentWithSetting(db)
    .innerJoin(memberships, and(eq(memberships.organizationId, assessments.organizationId), eq(memberships.userId, userId)))
    .where(and(eq(respondents.assessmentId, assessmentId), eq(respondents.userId, userId), eq(assessments.organizationId, organizationId)));
  return row;
}

/**
 * Open assessments in which the user is a respondent and has not submitted yet, in the
 * organizations the user is still a member of, with their progress.
 */
export async function listWaitingRespondentsOfUser(db: Database, userId: string) {
  return db
    .select({
      assessmentId: assessments.id,
      title: assessments.title,
      organizationSlug: organizations.slug,
      organizationName: organizations.name,
      answered: sql<number>`(select count(*) from ${answers} where ${answers.respondentId} = ${respondents.id} and ${answers.choice} is not null)`.mapWith(Number),
      total: sql<number>`jsonb_array_length(${questionnaireVersions.content} -> 'questions')`.mapWith(Number),
    })
    .from(respondents)
    .innerJoin(assessments, eq(assessments.id, respondents.assessmentId))
    .innerJoin(questionnaireVersions, eq(questionnaireVersions.id, assessments.questionnaireVersionId))
    .innerJoin(organizations, eq(organizations.id, assessments.organizationId))
    .innerJoin(memberships, and(eq(memberships.organizationId, organizations.id), eq(memberships.userId, userId)))
    .where(
      and(
        eq(respondents.userId, userId),
        eq(assessments.status, "open"),
        isNull(respondents.submittedAt),
      ),
    )
    .orderBy(asc(organizations.name), desc(assessments.openedAt));
}

/** Which respondents of an assessment answer from a member's account, and whose. */
export async function listMemberRespondents(db: Database, assessmentId: string) {
  return db
    .select({ respondentId: respondents.id, userId: respondents.userId })
    .from(respondents)
    .where(and(eq(respondents.assessmentId, assessmentId), isNotNull(respondents.userId)));
}

export async function insertReassessment(
  db: Database,
  values: Pick<Assessment, "organizationId" | "questionnaireVersionId" | "title" | "targetProfile" | "createdBy" | "previousAssessmentId">,
) {
  const [row] = await db.insert(assessments).values(values).returning();
  return row!;
}

/** Who answered an assessment, as a re-assessment invites them again. */
export async function listRespondentsToCopy(db: Database, assessmentId: string) {
  return db
    .select({ name: respondents.name, email: respondents.email, function: respondents.function, userId: respondents.userId })
    .from(respondents)
    .where(eq(respondents.assessmentId, assessmentId))
    .orderBy(asc(respondents.createdAt), asc(respondents.name));
}

/** The re-assessments that repeat an assessment of the organization. */
export async function listReassessmentsOf(db: Database, organizationId: string, assessmentId: string) {
  return db
    .select({ id: assessments.id, title: assessments.title, status: assessments.status })
    .from(assessments)
    .where(and(eq(assessments.organizationId, organizationId), eq(assessments.previousAssessmentId, assessmentId)))
    .orderBy(asc(assessments.createdAt));
}

/** Respondents who answer by link but have none now (never issued, or revoked). */
export async function listRespondentsWithoutLink(db: Database, assessmentId: string) {
  return db
    .select({ id: respondents.id, name: respondents.name })
    .from(respondents)
    .where(and(eq(respondents.assessmentId, assessmentId), isNull(respondents.tokenHash), isNull(respondents.userId)))
    .orderBy(asc(respondents.createdAt), asc(respondents.name));
}

/**
 * The assessment and the organization's closed assessments of the same questionnaire, oldest
 * closed first (the assessment among them when it is closed), each with its newest results
 * snapshot: what the results page shows and compares with, in one statement. Empty when the
 * assessment is not the organization's.
 */
export async function listAssessmentWithComparables(db: Database, organizationId: string, assessmentId: string) {
  return db
    .select({ assessment: assessments, scorecard: newestScorecard })
    .from(assessments)
    .innerJoin(questionnaireVersions, eq(questionnaireVersions.id, assessments.questionnaireVersionId))
    .where(
      and(
        eq(assessments.organizationId, organizationId),
        inArray(questionnaireVersions.questionnaireId, questionnaireOf(db, organizationId, assessmentId)),
        or(eq(assessments.id, assessmentId), eq(assessments.status, "closed")),
      ),
    )
    .orderBy(asc(assessments.closedAt), asc(assessments.createdAt));
}

/**
 * The organization's closed assessments of the same questionnaire as one of its assessments,
 * oldest closed first, each with its pinned version's id and its newest results snapshot.
 */
export async function listClosedWithScorecards(db: Database, organizationId: string, sameAsAssessmentId: string) {
  return db
    .select({
      id: assessments.id,
      title: assessments.title,
      closedAt: assessments.closedAt,
      questionnaireVersionId: assessments.questionnaireVersionId,
      scorecard: newestScorecard,
    })
    .from(assessments)
    .innerJoin(questionnaireVersions, eq(questionnaireVersions.id, assessments.questionnaireVersionId))
    .where(
      and(
        eq(assessments.organizationId, organizationId),
        inArray(questionnaireVersions.questionnaireId, questionnaireOf(db, organizationId, sameAsAssessmentId)),
        eq(assessments.status, "closed"),
      ),
    )
    .orderBy(asc(assessments.closedAt));
}

/**
 * Closed assessments whose newest results snapshot was not made by `engineVersion` under their
 * organization's current minimum group size (or that have none): all of them, or one
 * organization's. Their snapshots are made again so that every page reading one shows what
 * today's privacy rules allow.
 */
export async function listStaleSnapshots(db: Database, engineVersion: string, organizationId?: string) {
  const newest = sql`(select ${assessmentResults.engineVersion} || ':' || coalesce(${assessmentResults.scorecard} ->> 'minimumGroupSize', '') from ${assessmentResults} where ${assessmentResults.assessmentId} = ${assessments.id} order by ${assessmentResults.createdAt} desc limit 1)`;
  return db
    .select({
      id: assessments.id,
      organizationId: assessments.organizationId,
      questionnaireVersionId: assessments.questionnaireVersionId,
      targetProfile: assessments.targetProfile,
      minimumGroupSize: organizations.minimumGroupSize,
    })
    .from(assessments)
    .innerJoin(organizations, eq(organizations.id, assessments.organizationId))
    .where(
      and(
        eq(assessments.status, "closed"),
        organizationId ? eq(assessments.organizationId, organizationId) : undefined,
        sql`${newest} is distinct from ${engineVersion} || ':' || ${organizations.minimumGroupSize}::text`,
      ),
    );
}

/** The assessment's respondents as the invitation mail needs them, with their link's hash. */
export async function listInvitationTargets(db: Database, assessmentId: string, respondentIds?: string[]) {
  return db
    .select({
      id: respondents.id,
      name: respondents.name,
      email: respondents.email,
      userId: respondents.userId,
      tokenHash: respondents.tokenHash,
      invitedAt: respondents.invitedAt,
      submittedAt: respondents.submittedAt,
    })
    .from(respondents)
    .where(and(eq(respondents.assessmentId, assessmentId), respondentIds ? inArray(respondents.id, respondentIds) : undefined))
    .orderBy(asc(respondents.createdAt), asc(respondents.name));
}

/**
 * New links for many respondents of the assessment in one statement, each marked invited by
 * mail at `invitedAt` (the link is mailed, not shown).
 */
export async function setMailedRespondentTokens(
  db: Database,
  assessmentId: string,
  links: { respondentId: string; tokenHash: string }[],
  issuedBy: { createdBy: string; engagementId: string | null },
  invitedAt: Date,
) {
  if (links.length === 0) return;
  const values = sql.join(
    links.map((link) => sql`(${link.respondentId}::uuid, ${link.tokenHash})`),
    sql`, `,
  );
  await db.execute(sql`
    update ${respondents} set token_hash = v.token_hash, invited_at = ${invitedAt.toISOString()}::timestamptz,
      created_by = ${issuedBy.createdBy}::uuid, engagement_id = ${issuedBy.engagementId}::uuid
    from (values ${values}) as v(id, token_hash)
    where ${respondents.id} = v.id and ${respondents.assessmentId} = ${assessmentId}::uuid`);
}

export async function setInvitationTemplate(db: Database, assessmentId: string, template: Assessment["invitationTemplate"]) {
  await db.update(assessments).set({ invitationTemplate: template }).where(eq(assessments.id, assessmentId));
}

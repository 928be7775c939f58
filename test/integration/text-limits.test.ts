// Every stored text has a maximum, checked in its input schema with a sentence from
// app/messages. The fields are found in the exported schemas themselves, so a new text field
// fails here until it has a limit and a case below: each case sends one character over the
// limit through the real route and expects 400 with the field's sentence, and the database
// unchanged. Before, a 5 MB roadmap title was stored.
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import * as accounts from "#app/domain/accounts.ts";
import { API_ENDPOINTS } from "#app/domain/api/openapi.ts";
import { listQuerySchema } from "#app/domain/api/schemas.ts";
import * as assessments from "#app/domain/assessments.ts";
import * as engagementForms from "#app/domain/engagement-forms.ts";
import { TEXT_LIMITS } from "#app/domain/input-limits.ts";
import * as organizations from "#app/domain/organizations.ts";
import * as portfolioQuery from "#app/domain/portfolio-query.ts";
import * as itemForms from "#app/domain/roadmap/item-forms.ts";
import { assessmentMessages } from "#app/messages/assessments.ts";
import { authMessages } from "#app/messages/auth.ts";
import { apiTokenMessages, orgMessages } from "#app/messages/organizations.ts";
import { roadmapMessages } from "#app/messages/roadmaps.ts";
import { action as dimensionAction } from "#app/routes/a.$token.$dimension.tsx";
import { action as autosaveAction } from "#app/routes/a.$token.answers.ts";
import { action as accountAction } from "#app/routes/account.tsx";
import { action as milestoneAction } from "#app/routes/api.v1.roadmaps_.$roadmapId_.milestones.$milestoneId.ts";
import { action as assessmentAction } from "#app/routes/orgs.$slug.assessments.$assessmentId.tsx";
import { action as newAssessmentAction } from "#app/routes/orgs.$slug.assessments.new.tsx";
import { action as newClientAction } from "#app/routes/orgs.$slug.clients.new.tsx";
import { action as roadmapAction } from "#app/routes/orgs.$slug.roadmaps.$roadmapId.tsx";
import { action as itemAction } from "#app/routes/orgs.$slug.roadmaps.$roadmapId_.items.$itemId.tsx";
import { action as newRoadmapAction } from "#app/routes/orgs.$slug.roadmaps.new.tsx";
import { action as settingsAction } from "#app/routes/orgs.$slug.settings.tsx";
import { action as newOrganizationAction } from "#app/routes/orgs.new.tsx";
import { action as signInAction } from "#app/routes/signin.tsx";
import { action as signUpAction } from "#app/routes/signup.tsx";
import { action as forgotPasswordAction } from "#app/routes/forgot-password.tsx";
import { action as resetPasswordAction } from "#app/routes/reset-password.$token.tsx";
import { listItems } from "#db/queries/roadmaps.ts";
import { getDb } from "#db/client.ts";
import { insertOrganization } from "#db/queries/organizations.ts";
import { createApiToken } from "#app/services/api.server.ts";
import { closeAssessment, createAssessment, inviteRespondents, openAssessment } from "#app/services/assessments.server.ts";
import { requireRespondent, saveAnswers } from "#app/services/respondents.server.ts";
import { acceptRoadmap } from "#app/services/roadmap-plans.server.ts";
import { addMember, createOrganization, createUser, loadQuestionnaires, membershipOf, sessionCookie, settle, sharedWorld, TEST_PASSWORD, testContext, type Settled } from "#test/factories.ts";
import { snapshotTables } from "#test/table-snapshot.ts";

// ---------------------------------------------------------------- the text fields of the input schemas

/** The modules whose exports are the forms' input schemas, and the API's bodies and queries. */
const FORM_SCHEMA_MODULES = { accounts, organizations, assessments, itemForms, engagementForms, portfolioQuery };
const apiInputs: Record<string, unknown> = { listQuerySchema };
for (const endpoint of API_ENDPOINTS) {
  if (endpoint.body) apiInputs[`${endpoint.method} ${endpoint.path} body`] = endpoint.body;
  if (endpoint.query) apiInputs[`${endpoint.method} ${endpoint.path} query`] = endpoint.query;
}

/** Every string inside a schema, by path, with its maximum length (null: none). */
function stringsOf(schema: z.ZodType, path: string, out: Map<string, number | null>) {
  if (schema instanceof z.ZodString) out.set(path, schema.maxLength);
  else if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable || schema instanceof z.ZodDefault) stringsOf(schema.unwrap() as z.ZodType, path, out);
  else if (schema instanceof z.ZodPipe) stringsOf(schema.in as z.ZodType, path, out);
  else if (schema instanceof z.ZodUnion) for (const option of schema.options) stringsOf(option as z.ZodType, path, out);
  else if (schema instanceof z.ZodArray) stringsOf(schema.element as z.ZodType, `${path}[]`, out);
  else if (schema instanceof z.ZodObject) for (const [key, field] of Object.entries(schema.shape)) stringsOf(field as z.ZodType, `${path}.${key}`, out);
}

function schemaStrings(): Map<string, number | null> {
  const out = new Map<string, number | null>();
  for (const [moduleName, module] of Object.entries(FORM_SCHEMA_MODULES)) {
    for (const [name, value] of Object.entries(module)) if (value instanceof z.ZodType) stringsOf(value, `${moduleName}.${name}`, out);
  }
  for (const [name, value] of Object.entries(apiInputs)) stringsOf(value as z.ZodType, `api.${name}`, out);
  return out;
}

/** Strings that are no stored text: ids, dates and query parameters, each checked otherwise. */
const NOT_STORED_TEXT: Record<string, string> = {
  "assessments.answerSaveSchema.questionId": "a question id, checked against the questionnaire",
  "assessments.answerSaveBatchSchema.saves[].questionId": "a question id, checked against the questionnaire",
  "itemForms.itemUpdateSchema.ownerId": "a member's id, checked against the members",
  "itemForms.itemUpdateSchema.dueDate": "a date, YYYY-MM-DD",
  "itemForms.customItemSchema.parentId": "an initiative's id, checked against the roadmap",
  "itemForms.customItemSchema.dueDate": "a date, YYYY-MM-DD",
  "organizations.revokeApiTokenSchema.tokenId": "a token's id, checked against the organization's tokens",
  "assessments.memberRespondentSchema.userId": "a member's id, checked against the members",
  "assessments.newAssessmentSchema.version": "a questionnaire version, <id>@<semver>, checked against the published ones",
  "itemForms.gateCriterionSchema.criterion": "a gate criterion's id, checked against the library",
  "itemForms.itemStatusSchema.itemId": "an item's id, checked against the roadmap",
  "engagementForms.endEngagementSchema.engagementId": "an engagement's id, checked against the organization's engagements",
  "engagementForms.acceptOfferSchema.consultancyId": "an organization's id, checked against the visitor's consultancies",
  "api.listQuerySchema.cursor": "a query parameter of a read",
  "api.get /api/v1/benchmarks query.questionnaire": "a query parameter of a read",
  "api.get /api/v1/benchmarks query.version": "a query parameter of a read",
};

// ---------------------------------------------------------------- the world the requests reach

const world = sharedWorld(async () => {
  await loadQuestionnaires();
  const owner = await createUser({ name: "Limit Owner" });
  const company = await createOrganization(owner, "Limits Company");
  const consultancy = await insertOrganization(getDb(), { name: "Limits Advisors", slug: `limits-advisors-${Date.now().toString(36)}`, industry: "Professional services", sizeBand: "50–249", region: "Europe", kind: "consultancy" });
  await addMember(consultancy!, owner, "owner");
  const member = await membershipOf(owner, company);
  const closed = await createAssessment(member, { questionnaireId: "kam-maturity", version: "1.0.0", title: "Baseline", targetProfile: null });
  const [answered] = await inviteRespondents(member, closed.id, [{ name: "Ann", email: null, function: "sales" }]);
  await openAssessment(member, closed.id);
  await saveAnswers(await requireRespondent(answered!.token), [{ questionId: "selection-criteria", choice: "level", level: 2, comment: null, sequence: 1 }]);
  await closeAssessment(member, closed.id);
  const roadmap = await acceptRoadmap(member, closed.id, { startDate: "2026-01-05", capacity: 2, title: "Plan" });
  const items = (await listItems(getDb(), roadmap.id)).map((row) => row.item);
  const open = await createAssessment(member, { questionnaireId: "kam-maturity", version: "1.0.0", title: "Open", targetProfile: null });
  const [respondent] = await inviteRespondents(member, open.id, [{ name: "Ben", email: null, function: "kam" }]);
  await openAssessment(member, open.id);
  return {
    owner,
    cookie: await sessionCookie(owner),
    slug: company.slug,
    consultancySlug: consultancy!.slug,
    openAssessmentId: open.id,
    closedAssessmentId: closed.id,
    respondentToken: respondent!.token,
    roadmapId: roadmap.id,
    itemId: items.find((i) => i.kind === "initiative")!.id,
    milestoneId: items.find((i) => i.kind === "milestone")!.id,
    adminToken: (await createApiToken(member, { name: "Limits", role: "admin" })).secret,
  };
});

beforeAll(world.build);

type World = Awaited<ReturnType<typeof world>>;

// ---------------------------------------------------------------- requests

type Handler = (args: { request: Request; params: Record<string, string>; context: ReturnType<typeof testContext> }) => Promise<unknown>;
const ACTIONS: Record<string, Handler> = {
  "signup.tsx": signUpAction,
  "signin.tsx": signInAction,
  "account.tsx": accountAction,
  "forgot-password.tsx": forgotPasswordAction,
  "reset-password.$token.tsx": resetPasswordAction,
  "orgs.new.tsx": newOrganizationAction,
  "orgs.$slug.clients.new.tsx": newClientAction,
  "orgs.$slug.settings.tsx": settingsAction,
  "orgs.$slug.assessments.new.tsx": newAssessmentAction,
  "orgs.$slug.assessments.$assessmentId.tsx": assessmentAction,
  "a.$token.answers.ts": autosaveAction,
  "a.$token.$dimension.tsx": dimensionAction,
  "orgs.$slug.roadmaps.new.tsx": newRoadmapAction,
  "orgs.$slug.roadmaps.$roadmapId.tsx": roadmapAction,
  "orgs.$slug.roadmaps.$roadmapId_.items.$itemId.tsx": itemAction,
  "api.v1.roadmaps_.$roadmapId_.milestones.$milestoneId.ts": milestoneAction,
};

async function postForm(file: string, path: string, params: Record<string, string>, form: Record<string, string>, options: { signedIn?: boolean; ip?: string } = {}) {
  const headers = new Headers({ Origin: "http://localhost" });
  if (options.signedIn ?? true) headers.set("Cookie", (await world()).cookie);
  const request = new Request(`http://localhost${path}`, { method: "POST", headers, body: new URLSearchParams(form) });
  return settle(ACTIONS[file]!({ request, params, context: testContext(options.ip) }));
}

async function postJson(file: string, path: string, params: Record<string, string>, body: unknown, method = "POST", token?: string) {
  const headers = new Headers({ Origin: "http://localhost", "Content-Type": "application/json" });
  if (token) headers.set("Authorization", `Bearer ${token}`);
  const request = new Request(`http://localhost${path}`, { method, headers, body: JSON.stringify(body) });
  return settle(ACTIONS[file]!({ request, params, context: testContext() }));
}

/** One character over the limit, otherwise valid: an address for email fields, letters for slugs. */
function overLong(limit: number, shape: "text" | "email" | "slug" = "text") {
  if (shape === "email") return `${"a".repeat(limit + 1 - "@example.com".length)}@example.com`;
  return (shape === "slug" ? "a" : "x").repeat(limit + 1);
}

const fieldError = (field: string) => (result: Settled) => result.data?.fieldErrors?.[field];
const apiField = (field: string) => (result: Settled) => result.data?.error?.fields?.[field];
const org = { industry: "Manufacturing", sizeBand: "250–999", region: "Europe" };
const newPassword = "a-brand-new-password";
/** A reset link's token: the form is checked before the link, so any token shows the field's sentence. */
const RESET_TOKEN = "r".repeat(52);

interface Case {
  /** The schema strings this case covers, as schemaStrings() names them. */
  covers: string[];
  limit: number;
  message: string;
  /** Sends `value` in the field through the route, to the organization, assessments and roadmap of `w`. */
  send: (value: string, w: World) => Promise<Settled>;
  /** The sentence the answer shows for the field. */
  shown: (result: Settled) => unknown;
  shape?: "email" | "slug";
}

const CASES: Record<string, Case> = {
  "sign-up name": {
    covers: ["accounts.signUpSchema.name"],
    limit: TEXT_LIMITS.personName,
    message: authMessages.nameTooLong,
    send: (name) => postForm("signup.tsx", "/signup", {}, { name, email: "new-person@example.com", password: TEST_PASSWORD }, { signedIn: false, ip: "198.18.1.1" }),
    shown: fieldError("name"),
  },
  "sign-up email": {
    covers: ["accounts.signUpSchema.email"],
    limit: TEXT_LIMITS.email,
    shape: "email",
    message: authMessages.emailTooLong,
    send: (email) => postForm("signup.tsx", "/signup", {}, { name: "New Person", email, password: TEST_PASSWORD }, { signedIn: false, ip: "198.18.1.2" }),
    shown: fieldError("email"),
  },
  "sign-up password": {
    covers: ["accounts.signUpSchema.password", "accounts.newPassword"],
    limit: TEXT_LIMITS.password,
    message: authMessages.passwordTooLong,
    send: (password) => postForm("signup.tsx", "/signup", {}, { name: "New Person", email: "new-person@example.com", password }, { signedIn: false, ip: "198.18.1.3" }),
    shown: fieldError("password"),
  },
  "sign-in email": {
    covers: ["accounts.signInSchema.email"],
    limit: TEXT_LIMITS.email,
    shape: "email",
    message: authMessages.emailTooLong,
    send: (email) => postForm("signin.tsx", "/signin", {}, { email, password: TEST_PASSWORD }, { signedIn: false, ip: "198.18.1.4" }),
    shown: fieldError("email"),
  },
  "sign-in password": {
    covers: ["accounts.signInSchema.password"],
    limit: TEXT_LIMITS.password,
    message: authMessages.passwordTooLong,
    send: (password, w) => postForm("signin.tsx", "/signin", {}, { email: w.owner.email, password }, { signedIn: false, ip: "198.18.1.5" }),
    shown: fieldError("password"),
  },
  "account name": {
    covers: ["accounts.profileSchema.name"],
    limit: TEXT_LIMITS.personName,
    message: authMessages.nameTooLong,
    send: (name) => postForm("account.tsx", "/account", {}, { intent: "profile", name }),
    shown: fieldError("name"),
  },
  "current password": {
    covers: ["accounts.changePasswordSchema.currentPassword"],
    limit: TEXT_LIMITS.password,
    message: authMessages.passwordTooLong,
    send: (currentPassword) => postForm("account.tsx", "/account", {}, { intent: "password", currentPassword, newPassword, confirmPassword: newPassword }),
    shown: fieldError("currentPassword"),
  },
  "new password": {
    covers: ["accounts.changePasswordSchema.newPassword"],
    limit: TEXT_LIMITS.password,
    message: authMessages.passwordTooLong,
    send: (value) => postForm("account.tsx", "/account", {}, { intent: "password", currentPassword: TEST_PASSWORD, newPassword: value, confirmPassword: value }),
    shown: fieldError("newPassword"),
  },
  "repeated new password": {
    covers: ["accounts.changePasswordSchema.confirmPassword"],
    limit: TEXT_LIMITS.password,
    message: authMessages.passwordsDiffer,
    send: (confirmPassword) => postForm("account.tsx", "/account", {}, { intent: "password", currentPassword: TEST_PASSWORD, newPassword, confirmPassword }),
    shown: fieldError("confirmPassword"),
  },
  "new email address": {
    covers: ["accounts.changeEmailSchema.newEmail"],
    limit: TEXT_LIMITS.email,
    shape: "email",
    message: authMessages.emailTooLong,
    send: (newEmail) => postForm("account.tsx", "/account", {}, { intent: "email", newEmail, currentPassword: TEST_PASSWORD }),
    shown: fieldError("newEmail"),
  },
  "current password for a new address": {
    covers: ["accounts.changeEmailSchema.currentPassword"],
    limit: TEXT_LIMITS.password,
    message: authMessages.passwordTooLong,
    send: (currentPassword) => postForm("account.tsx", "/account", {}, { intent: "email", newEmail: "moved@example.com", currentPassword }),
    shown: fieldError("currentPassword"),
  },
  "email for a forgotten password": {
    covers: ["accounts.forgotPasswordSchema.email"],
    limit: TEXT_LIMITS.email,
    shape: "email",
    message: authMessages.emailTooLong,
    send: (email) => postForm("forgot-password.tsx", "/forgot-password", {}, { email }, { signedIn: false, ip: "198.18.1.6" }),
    shown: fieldError("email"),
  },
  "password set from a reset link": {
    covers: ["accounts.resetPasswordSchema.newPassword"],
    limit: TEXT_LIMITS.password,
    message: authMessages.passwordTooLong,
    send: (value) => postForm("reset-password.$token.tsx", `/reset-password/${RESET_TOKEN}`, { token: RESET_TOKEN }, { newPassword: value, confirmPassword: value }, { signedIn: false }),
    shown: fieldError("newPassword"),
  },
  "password repeated from a reset link": {
    covers: ["accounts.resetPasswordSchema.confirmPassword"],
    limit: TEXT_LIMITS.password,
    message: authMessages.passwordsDiffer,
    send: (confirmPassword) => postForm("reset-password.$token.tsx", `/reset-password/${RESET_TOKEN}`, { token: RESET_TOKEN }, { newPassword, confirmPassword }, { signedIn: false }),
    shown: fieldError("confirmPassword"),
  },
  "new organization's name": {
    covers: ["organizations.newOrganizationSchema.name"],
    limit: TEXT_LIMITS.organizationName,
    message: orgMessages.nameTooLong,
    send: (name) => postForm("orgs.new.tsx", "/orgs/new", {}, { name, ...org }),
    shown: fieldError("name"),
  },
  "new client's name": {
    covers: ["organizations.organizationProfileSchema.name"],
    limit: TEXT_LIMITS.organizationName,
    message: orgMessages.nameTooLong,
    send: (name, w) => postForm("orgs.$slug.clients.new.tsx", `/orgs/${w.consultancySlug}/clients/new`, { slug: w.consultancySlug }, { name, ...org }),
    shown: fieldError("name"),
  },
  "organization's name in the settings": {
    covers: ["organizations.organizationSettingsSchema.name"],
    limit: TEXT_LIMITS.organizationName,
    message: orgMessages.nameTooLong,
    send: (name, w) => postForm("orgs.$slug.settings.tsx", `/orgs/${w.slug}/settings`, { slug: w.slug }, { name, slug: w.slug, ...org }),
    shown: fieldError("name"),
  },
  "organization's web address": {
    covers: ["organizations.organizationSettingsSchema.slug"],
    limit: TEXT_LIMITS.organizationSlug,
    shape: "slug",
    message: orgMessages.slugInvalid,
    send: (slug, w) => postForm("orgs.$slug.settings.tsx", `/orgs/${w.slug}/settings`, { slug: w.slug }, { name: "Limits Company", slug, ...org }),
    shown: fieldError("slug"),
  },
  "API token's name": {
    covers: ["organizations.newApiTokenSchema.name"],
    limit: TEXT_LIMITS.apiTokenName,
    message: apiTokenMessages.nameTooLong,
    send: (name, w) => postForm("orgs.$slug.settings.tsx", `/orgs/${w.slug}/settings`, { slug: w.slug }, { intent: "create-token", name, role: "viewer" }),
    shown: fieldError("name"),
  },
  "assessment's title": {
    covers: ["assessments.assessmentTitleSchema", "assessments.newAssessmentSchema.title"],
    limit: TEXT_LIMITS.assessmentTitle,
    message: assessmentMessages.titleTooLong,
    send: (title, w) => postForm("orgs.$slug.assessments.new.tsx", `/orgs/${w.slug}/assessments/new`, { slug: w.slug }, { title, version: "kam-maturity@1.0.0" }),
    shown: fieldError("title"),
  },
  "re-assessment's title": {
    covers: ["assessments.assessmentTitleSchema", "assessments.reassessmentSchema.title"],
    limit: TEXT_LIMITS.assessmentTitle,
    message: assessmentMessages.titleTooLong,
    send: (title, w) => postForm("orgs.$slug.assessments.$assessmentId.tsx", `/orgs/${w.slug}/assessments/${w.closedAssessmentId}`, { slug: w.slug, assessmentId: w.closedAssessmentId }, { intent: "reassess", title }),
    shown: fieldError("title"),
  },
  "respondent's name": {
    covers: ["assessments.respondentSchema.name"],
    limit: TEXT_LIMITS.personName,
    message: assessmentMessages.nameTooLong,
    send: (name, w) => postForm("orgs.$slug.assessments.$assessmentId.tsx", `/orgs/${w.slug}/assessments/${w.openAssessmentId}`, { slug: w.slug, assessmentId: w.openAssessmentId }, { intent: "add", name, email: "", function: "sales" }),
    shown: fieldError("name"),
  },
  "respondent's email": {
    covers: ["assessments.respondentSchema.email"],
    limit: TEXT_LIMITS.email,
    shape: "email",
    message: assessmentMessages.emailTooLong,
    send: (email, w) => postForm("orgs.$slug.assessments.$assessmentId.tsx", `/orgs/${w.slug}/assessments/${w.openAssessmentId}`, { slug: w.slug, assessmentId: w.openAssessmentId }, { intent: "add", name: "Cleo", email, function: "sales" }),
    shown: fieldError("email"),
  },
  "autosaved comment": {
    covers: ["assessments.answerSaveSchema.comment", "assessments.answerSaveBatchSchema.saves[].comment"],
    limit: TEXT_LIMITS.comment,
    message: assessmentMessages.commentTooLong,
    send: (comment, w) => postJson("a.$token.answers.ts", `/a/${w.respondentToken}/answers`, { token: w.respondentToken }, { saves: [{ questionId: "selection-criteria", choice: "level", level: 3, comment, sequence: 5 }] }),
    shown: (result) => result.data?.error?.message?.replace(`${assessmentMessages.malformedSave} saves.0.comment: `, ""),
  },
  "comment sent with the page's form": {
    covers: ["assessments.answerSaveSchema.comment"],
    limit: TEXT_LIMITS.comment,
    message: assessmentMessages.commentTooLong,
    send: (comment, w) => postForm("a.$token.$dimension.tsx", `/a/${w.respondentToken}/selection`, { token: w.respondentToken, dimension: "selection" }, { "q.selection-criteria": "3", "c.selection-criteria": comment, intent: "next" }, { signedIn: false }),
    shown: fieldError("c.selection-criteria"),
  },
  "roadmap's title": {
    covers: ["itemForms.roadmapTitleSchema", "itemForms.acceptRoadmapSchema.title"],
    limit: TEXT_LIMITS.roadmapTitle,
    message: roadmapMessages.titleTooLong,
    send: (title, w) => postForm("orgs.$slug.roadmaps.new.tsx", `/orgs/${w.slug}/roadmaps/new`, { slug: w.slug }, { assessment: w.closedAssessmentId, startDate: "2026-03-02", capacity: "2", title }),
    shown: fieldError("title"),
  },
  "added item's title": {
    covers: ["itemForms.customItemSchema.title"],
    limit: TEXT_LIMITS.itemTitle,
    message: roadmapMessages.itemTitleTooLong,
    send: (title, w) => postForm("orgs.$slug.roadmaps.$roadmapId.tsx", `/orgs/${w.slug}/roadmaps/${w.roadmapId}`, { slug: w.slug, roadmapId: w.roadmapId }, { intent: "add", title, description: "", phase: "design", parentId: "", dueDate: "" }),
    shown: fieldError("title"),
  },
  "added item's description": {
    covers: ["itemForms.customItemSchema.description"],
    limit: TEXT_LIMITS.itemDescription,
    message: roadmapMessages.descriptionTooLong,
    send: (description, w) => postForm("orgs.$slug.roadmaps.$roadmapId.tsx", `/orgs/${w.slug}/roadmaps/${w.roadmapId}`, { slug: w.slug, roadmapId: w.roadmapId }, { intent: "add", title: "Pilot", description, phase: "design", parentId: "", dueDate: "" }),
    shown: fieldError("description"),
  },
  "item's blocked reason": {
    covers: ["itemForms.itemUpdateSchema.blockedReason"],
    limit: TEXT_LIMITS.blockedReason,
    message: roadmapMessages.blockedReasonTooLong,
    send: (blockedReason, w) => postForm("orgs.$slug.roadmaps.$roadmapId_.items.$itemId.tsx", `/orgs/${w.slug}/roadmaps/${w.roadmapId}/items/${w.itemId}`, { slug: w.slug, roadmapId: w.roadmapId, itemId: w.itemId }, { intent: "update", status: "blocked", blockedReason, ownerId: "", dueDate: "" }),
    shown: fieldError("blockedReason"),
  },
  "item's note": {
    covers: ["itemForms.noteSchema.body"],
    limit: TEXT_LIMITS.note,
    message: roadmapMessages.noteTooLong,
    send: (body, w) => postForm("orgs.$slug.roadmaps.$roadmapId_.items.$itemId.tsx", `/orgs/${w.slug}/roadmaps/${w.roadmapId}/items/${w.itemId}`, { slug: w.slug, roadmapId: w.roadmapId, itemId: w.itemId }, { intent: "note", kind: "comment", body }),
    shown: fieldError("body"),
  },
  "milestone's evidence through the API": {
    covers: ["api.patch /api/v1/roadmaps/{roadmapId}/milestones/{milestoneId} body.evidence"],
    limit: TEXT_LIMITS.note,
    message: roadmapMessages.evidenceTooLong,
    send: (evidence, w) => postJson("api.v1.roadmaps_.$roadmapId_.milestones.$milestoneId.ts", `/api/v1/roadmaps/${w.roadmapId}/milestones/${w.milestoneId}`, { roadmapId: w.roadmapId, milestoneId: w.milestoneId }, { status: "done", evidence }, "PATCH", w.adminToken),
    shown: apiField("evidence"),
  },
  "milestone's blocked reason through the API": {
    covers: ["api.patch /api/v1/roadmaps/{roadmapId}/milestones/{milestoneId} body.blockedReason"],
    limit: TEXT_LIMITS.blockedReason,
    message: roadmapMessages.blockedReasonTooLong,
    send: (blockedReason, w) => postJson("api.v1.roadmaps_.$roadmapId_.milestones.$milestoneId.ts", `/api/v1/roadmaps/${w.roadmapId}/milestones/${w.milestoneId}`, { roadmapId: w.roadmapId, milestoneId: w.milestoneId }, { status: "blocked", blockedReason }, "PATCH", w.adminToken),
    shown: apiField("blockedReason"),
  },
};

describe("the maximum of every stored text", () => {
  it("every string of every input schema has a maximum and a case here, unless it is no stored text", () => {
    const strings = schemaStrings();
    const covered = new Set(Object.values(CASES).flatMap((c) => c.covers));
    const unbounded = [...strings].filter(([path, max]) => max === null && !(path in NOT_STORED_TEXT)).map(([path]) => path);
    const uncovered = [...strings.keys()].filter((path) => !(path in NOT_STORED_TEXT) && !covered.has(path));
    expect({ unbounded, uncovered }).toEqual({ unbounded: [], uncovered: [] });
    // Each case's limit is the schema's own, and stale names fail too.
    for (const { covers, limit } of Object.values(CASES)) for (const path of covers) expect([path, strings.get(path)]).toEqual([path, limit]);
  });

  for (const [name, { limit, message, send, shown, shape }] of Object.entries(CASES)) {
    it(`${name}: ${limit + 1} characters answer 400 with "${message}" and store nothing`, async () => {
      const value = overLong(limit, shape);
      expect(value).toHaveLength(limit + 1);
      const before = await snapshotTables();
      const result = await send(value, await world());
      expect(result.status).toBe(400);
      expect(shown(result)).toBe(message);
      expect(await snapshotTables()).toEqual(before);
    });
  }
});

// Bad input, at random: every route module that exports an action and every /api/v1 route gets
// malformed bodies, query strings and ids (wrong types, huge strings, unicode edge cases,
// missing and extra fields, unknown ids, SQL-looking text, wrong content types, broken JSON)
// from a signed-in owner or an admin token, so the input reaches parsing. Every generated
// request breaks at least one thing the route needs, so every answer must be a 4xx (a few
// routes that read no input are listed with what they answer instead), never a 5xx or a
// thrown error, and afterwards every table holds exactly the rows it held before.
//
// Reproduce a failure with the seed it prints: FUZZ_SEED=<seed> npx vitest run test/integration/fuzz.test.ts
import { readdirSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client.ts";
import { insertOrganization } from "#db/queries/organizations.ts";
import { listItems } from "#db/queries/roadmaps.ts";
import type { AnswerSave } from "#app/domain/assessments.ts";
import { TEXT_LIMITS } from "#app/domain/input-limits.ts";
import { offerSchema } from "#app/domain/engagement-forms.ts";
import { newApiTokenSchema, platformPoolSchema } from "#app/domain/organizations.ts";
import { gateCriterionSchema, itemStatusSchema, moveItemSchema, noteSchema } from "#app/domain/roadmap/item-forms.ts";
import { INDUSTRIES, REGIONS, SIZE_BANDS } from "#app/domain/organization-options.ts";
import { RESPONDENT_FUNCTIONS } from "#app/domain/respondents.ts";
import { ROLES } from "#app/domain/roles.ts";
import { ITEM_STATUSES } from "#app/domain/roadmap/tracking.ts";
import { PHASES } from "#app/domain/roadmap/library.ts";
import { createApiToken } from "#app/services/api.server.ts";
import { closeAssessment, createAssessment, inviteRespondents, openAssessment } from "#app/services/assessments.server.ts";
import { offerEngagement } from "#app/services/engagements.server.ts";
import { requireRespondent, saveAnswers, submitAnswers } from "#app/services/respondents.server.ts";
import { acceptRoadmap } from "#app/services/roadmap-plans.server.ts";
import { addMember, createOrganization, createUser, loadQuestionnaires, membershipOf, sessionCookie, sharedWorld, testContext } from "#test/factories.ts";
import { snapshotTables } from "#test/table-snapshot.ts";

const SEED = Number(process.env.FUZZ_SEED ?? 20260107);
/** Cases per route; with 32 routes this is well over 5,000 requests. */
const RUNS = 160;
const API_REQUESTS_PER_TOKEN = 100; // below the token rate limit of 120 a minute

type Handler = (args: { request: Request; params: Record<string, string>; context: ReturnType<typeof testContext> }) => Promise<unknown>;
type RouteModule = { loader?: Handler; action?: Handler };
type Body =
  | { kind: "form"; fields: [string, string][]; encoding: "urlencoded" | "multipart" }
  | { kind: "raw"; text: string; contentType: string | null }
  | { kind: "none" };
interface Input {
  params?: Record<string, string>;
  body?: Body;
  query?: [string, string][];
  cookie?: "owner" | "none" | string;
  ip?: string;
}
interface Spec {
  /** The route module's file under app/routes. */
  file: string;
  method: "POST" | "PATCH" | "GET";
  /** Which credentials carry the request: the owner's session, an admin token of the company or of the consultancy. */
  auth: "session" | "company-token" | "consultancy-token";
  input: (w: World) => fc.Arbitrary<Input>;
  /** Statuses the route may answer; 4xx unless the route reads no input. */
  allowed?: (status: number, input: Input) => boolean;
}

const ROUTES_DIR = "app/routes";
const ACTION_FILES = readdirSync(ROUTES_DIR).filter((file) => /export (async )?(function|const) action\b/.test(readFileSync(`${ROUTES_DIR}/${file}`, "utf8")));
const API_FILES = readdirSync(ROUTES_DIR).filter((file) => file.startsWith("api.v1."));

const load = (file: string) => import(`../../app/routes/${file}`) as Promise<RouteModule>;

// ---------------------------------------------------------------- generators

const SQL_LIKE = ["' OR '1'='1", "'; DROP TABLE users; --", "1; select pg_sleep(5)--", '" OR ""="', "') or ('a'='a", "%' --", "$1", "\\'; --", "1 UNION SELECT password_hash FROM users"];
const UNICODE = [
  "\uD800", // lone high surrogate
  "\uDFFF", // lone low surrogate
  "a\uD83D",
  "\u202Eevil\u202C", // right-to-left override
  "שלום עולם",
  "مرحبا",
  "\u200B\u200C\u200D\u2060", // zero-width characters
  "\uFEFF",
  "👩‍👩‍👧‍👦🏳️‍🌈",
  "Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇",
  "\u2028\u2029",
  "𝕏𝔂𝔃",
  "\u0000",
  "a\u0000b",
];
const ODD = ["", " ", "\t\n", "null", "undefined", "true", "false", "[]", "{}", "NaN", "-1", "0", "1e309", "0x10", "9".repeat(40), "[object Object]", "__proto__", "constructor"];

/** A string at least 100,000 characters long. */
const huge = fc.tuple(fc.integer({ min: 100_000, max: 120_000 }), fc.constantFrom("a", "é", "😀", "\u0000", "' OR 1=1 --", "\uD800")).map(([n, c]) => c.repeat(Math.ceil(n / c.length)));
const junk: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 20 }) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 20 }) },
  { weight: 2, arbitrary: fc.constantFrom(...SQL_LIKE) },
  { weight: 3, arbitrary: fc.constantFrom(...UNICODE) },
  { weight: 2, arbitrary: fc.constantFrom(...ODD) },
  { weight: 1, arbitrary: fc.uuid() },
  { weight: 1, arbitrary: fc.integer().map(String) },
  { weight: 1, arbitrary: huge },
);
/** Ids that name nothing: uuid-shaped but unknown, or not a uuid at all. */
const unknownId = fc.oneof(fc.uuid(), fc.constant("00000000-0000-0000-0000-000000000000"), fc.uuid().map((u) => u.toUpperCase()), fc.uuid().map((u) => `${u}x`), junk);
/** A required text field that fails: missing, empty, blank or far too long. */
const badText = (max: number) =>
  fc.oneof(fc.constant(undefined), fc.constantFrom("", " ", "\t\n  "), fc.string({ minLength: max + 1, maxLength: max + 40 }).filter((s) => s.trim().length > max), huge);
/** A choice from a list that fails: missing, or anything not on the list. */
const badChoice = (options: readonly string[]) => fc.oneof(fc.constant(undefined), junk.filter((s) => !options.includes(s.trim()) && !options.includes(s.trim().toLowerCase())));
const goodText = fc.oneof(fc.string({ minLength: 1, maxLength: 30 }).filter((s) => s.trim().length > 0 && !s.includes("\u0000")), fc.constantFrom(...UNICODE.filter((u) => !u.includes("\u0000"))));
const extraFields = fc.array(fc.tuple(junk.map((k) => k.slice(0, 50)), junk), { maxLength: 3 });
const ip = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255)).map(([a, b, c]) => `10.${a}.${b}.${c}`);
const badEmail = fc.oneof(fc.constant(undefined), fc.constantFrom("", " ", "@", "a@", "@b.c", "a@@b.c"), junk.map((s) => s.replace(/@/g, "")), huge);

type FieldSpec = { good: fc.Arbitrary<string | undefined>; bad: fc.Arbitrary<string | undefined> };
/**
 * Form fields of which at least one is broken: each field named in `mustBreak` is bad or good,
 * at least one of them bad; the others get good values; extra unknown fields are added.
 */
function brokenFields(fields: Record<string, FieldSpec>, fixed: Record<string, string> = {}, mustBreak = Object.keys(fields)): fc.Arbitrary<[string, string][]> {
  const names = Object.keys(fields);
  return fc
    .record({
      broken: fc.subarray(mustBreak, { minLength: 1 }),
      good: fc.record(Object.fromEntries(names.map((n) => [n, fields[n]!.good]))),
      bad: fc.record(Object.fromEntries(names.map((n) => [n, fields[n]!.bad]))),
      extra: extraFields,
    })
    .map(({ broken, good, bad, extra }) => {
      const out: [string, string][] = Object.entries(fixed);
      for (const n of names) {
        const value = broken.includes(n) ? bad[n] : good[n];
        if (value !== undefined) out.push([n, value]);
      }
      const taken = new Set(out.map(([k]) => k));
      return [...out, ...extra.filter(([k]) => !taken.has(k))];
    });
}

/** A form body in either encoding, or the same fields in a content type a form action cannot read. */
function formBody(fields: fc.Arbitrary<[string, string][]>): fc.Arbitrary<Body> {
  return fc.oneof(
    { weight: 6, arbitrary: fields.map((f): Body => ({ kind: "form", fields: f, encoding: "urlencoded" })) },
    { weight: 2, arbitrary: fields.map((f): Body => ({ kind: "form", fields: f, encoding: "multipart" })) },
    { weight: 2, arbitrary: fc.tuple(fields, fc.constantFrom("application/json", "text/plain", null, "multipart/form-data", "multipart/form-data; boundary=x")).map(([f, contentType]): Body => ({ kind: "raw", text: JSON.stringify(Object.fromEntries(f)), contentType })) },
    { weight: 1, arbitrary: junk.map((text): Body => ({ kind: "raw", text, contentType: "multipart/form-data; boundary=----x" })) },
  );
}

/** Any body at all, for routes that read no field of it. */
const anyFormBody = formBody(fc.array(fc.tuple(junk.map((k) => k.slice(0, 50)), junk), { maxLength: 4 }));

/** JSON bodies that are no valid input: broken JSON text, wrong content types, or a value from `value`. */
function jsonBody(value: fc.Arbitrary<unknown>, contentType = true): fc.Arbitrary<Body> {
  const jsonTypes = ["application/json", "application/json; charset=utf-8"];
  return fc.oneof(
    { weight: 6, arbitrary: fc.tuple(value, fc.constantFrom(...jsonTypes)).map(([v, t]): Body => ({ kind: "raw", text: JSON.stringify(v) ?? "", contentType: t })) },
    { weight: 2, arbitrary: fc.tuple(fc.oneof(junk, fc.constantFrom("{", '{"status":', "[1,2", "{'a':1}", '{"a":1}}', "nul", "\uFEFF{}", '{"saves":[{]}')), fc.constantFrom(...jsonTypes)).map(([text, t]): Body => ({ kind: "raw", text, contentType: t })) },
    ...(contentType ? [{ weight: 1, arbitrary: value.map((v): Body => ({ kind: "raw", text: JSON.stringify(v) ?? "", contentType: "text/plain" })) }] : []),
    { weight: 1, arbitrary: fc.constant<Body>({ kind: "none" }) },
  );
}

/** Any JSON value, including deep, huge and odd ones. */
const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  junk,
  fc.constantFrom(null, 0, -1, 1e308, true, [], {}, [[[[[[]]]]]]),
  fc.dictionary(junk.map((k) => k.slice(0, 40)), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
);

/** What a URL or cookie can carry of a string: lone surrogates become U+FFFD, as a browser would send them. */
const wellFormed = (s: string) => s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");

const query = (entries: fc.Arbitrary<[string, string][]>) => entries;

// ---------------------------------------------------------------- the world the requests hit

type TokenPool = "company-token" | "consultancy-token";

const world = sharedWorld(async () => {
  await loadQuestionnaires();
  const owner = await createUser({ name: "Fuzz Owner" });
  const company = await createOrganization(owner, "Fuzz Company");
  const consultancy = await insertOrganization(getDb(), { name: "Fuzz Advisors", slug: `fuzz-advisors-${Date.now().toString(36)}`, industry: "Professional services", sizeBand: "50–249", region: "Europe", kind: "consultancy" });
  await addMember(consultancy!, owner, "owner");
  const member = await membershipOf(owner, company);

  const closed = await createAssessment(member, { questionnaireId: "kam-maturity", version: "1.0.0", title: "Fuzz baseline", targetProfile: null });
  const [closedRespondent] = await inviteRespondents(member, closed.id, [{ name: "Closed Respondent", email: null, function: "sales" }]);
  await openAssessment(member, closed.id);
  const saves: AnswerSave[] = ["selection-criteria", "selection-review"].map((questionId, i) => ({ questionId, choice: "level", level: 3, comment: null, sequence: i + 1 }));
  await saveAnswers(await requireRespondent(closedRespondent!.token), saves);
  await closeAssessment(member, closed.id);
  const roadmap = await acceptRoadmap(member, closed.id, { startDate: "2026-01-05", capacity: 2, title: "Fuzz plan" });
  const items = (await listItems(getDb(), roadmap.id)).map((row) => row.item);

  const open = await createAssessment(member, { questionnaireId: "kam-maturity", version: "1.0.0", title: "Fuzz open", targetProfile: null });
  const [answering, submitted] = await inviteRespondents(member, open.id, [
    { name: "Answering Respondent", email: null, function: "sales" },
    { name: "Submitted Respondent", email: null, function: "marketing" },
  ]);
  await openAssessment(member, open.id);
  await submitAnswers(await requireRespondent(submitted!.token));
  const context = await requireRespondent(answering!.token);
  const questionsByDimension: Record<string, string[]> = {};
  for (const q of context.version.questions) (questionsByDimension[q.dimension] ??= []).push(q.id);

  // An offer of another company, so that accepting it meets a real token with a bad consultancy.
  const otherOwner = await createUser({ name: "Offering Owner" });
  const other = await createOrganization(otherOwner, "Offering Company");
  const { token: offerToken } = await offerEngagement(await membershipOf(otherOwner, other), "admin");

  const requests = RUNS * API_FILES.length;
  const needed = Math.ceil(requests / API_REQUESTS_PER_TOKEN) + 1;
  const consultancyMember = await membershipOf(owner, consultancy!);
  const tokenPools: Record<TokenPool, string[]> = { "company-token": [], "consultancy-token": [] };
  for (let i = 0; i < needed; i += 1) {
    tokenPools["company-token"].push((await createApiToken(member, { name: `Fuzz ${i}`, role: "admin" })).secret);
    tokenPools["consultancy-token"].push((await createApiToken(consultancyMember, { name: `Fuzz ${i}`, role: "admin" })).secret);
  }

  return {
    slug: company.slug,
    consultancySlug: consultancy!.slug,
    openAssessmentId: open.id,
    closedAssessmentId: closed.id,
    roadmapId: roadmap.id,
    itemId: items.find((i) => i.kind === "initiative")!.id,
    milestoneId: items.find((i) => i.kind === "milestone")!.id,
    respondentToken: answering!.token,
    submittedToken: submitted!.token,
    offerToken,
    questionsByDimension,
    questionIds: context.version.questions.map((q) => q.id),
    ownerCookie: await sessionCookie(owner),
    tokenPools,
  };
});

beforeAll(world.build);

type World = Awaited<ReturnType<typeof world>>;

// Counted over the whole file: the rate limit counts every use of a token, in every test.
const tokenUses: Record<string, number> = {};

/** A token of the pool that has been used less than the rate limit allows. */
function nextToken(w: World, pool: TokenPool) {
  for (const token of w.tokenPools[pool]) {
    tokenUses[token] ??= 0;
    if (tokenUses[token]! < API_REQUESTS_PER_TOKEN) {
      tokenUses[token]! += 1;
      return token;
    }
  }
  throw new Error(`The ${pool} pool is used up; create more tokens.`);
}

// ---------------------------------------------------------------- the routes

const companyParams = (w: World) => () => ({ slug: w.slug });
const statusIs4xx = (status: number) => status >= 400 && status < 500;
const bodyOnly = (body: fc.Arbitrary<Body>, params: () => Record<string, string>) => body.map((b): Input => ({ body: b, params: params() }));
/** Mostly the real ids, sometimes a param replaced by an unknown or malformed one. */
const withParams = (real: () => Record<string, string>, replaceable: string[]) =>
  fc.option(fc.tuple(fc.constantFrom(...replaceable), unknownId), { freq: 6 }).map((swap) => {
    const params = real();
    if (swap) params[swap[0]] = swap[1];
    return params;
  });

const SPECS: Spec[] = [
  {
    file: "a.$token.$dimension.tsx",
    method: "POST",
    auth: "session",
    input: (w) =>
      fc
        .constantFrom(...Object.keys(w.questionsByDimension))
        .chain((dimension) => {
          const questions = w.questionsByDimension[dimension]!;
          const levelValue = fc.constantFrom("1", "2", "3", "4", "5", "dont_know");
          const badAnswer = fc.oneof(junk, fc.constantFrom("0", "6", "3.0", " 3", "level", "not applicable", "DONT_KNOW", "-1")).filter((v) => !/^[1-5]$/.test(v) && v !== "dont_know" && v !== "not_applicable");
          return fc.record({
            dimension: fc.constant(dimension),
            broken: fc.constantFrom(...questions),
            bad: badAnswer,
            others: fc.array(fc.tuple(fc.constantFrom(...questions), levelValue, fc.option(junk)), { maxLength: 3 }),
            intent: fc.option(fc.constantFrom("next", "previous", "submit", "x"), { nil: undefined }),
            extra: extraFields,
          });
        })
        .chain(({ dimension, broken, bad, others, intent, extra }) => {
          // The broken answer comes first, so it is the value the page reads for its question.
          const fields: [string, string][] = [[`q.${broken}`, bad]];
          for (const [q, level, comment] of others) {
            if (q === broken) continue;
            fields.push([`q.${q}`, level]);
            if (comment !== null) fields.push([`c.${q}`, comment]);
          }
          if (intent) fields.push(["intent", intent]);
          return formBody(fc.constant([...fields, ...extra.filter(([k]) => !k.startsWith("q.") && !k.startsWith("c."))])).map((body): Input => ({ body, params: { token: w.respondentToken, dimension } }));
        }),
  },
  {
    file: "a.$token.answers.ts",
    method: "POST",
    auth: "session",
    input: (w) => {
      const question = fc.constantFrom(...w.questionIds);
      const goodSave = fc.record({ questionId: question, choice: fc.constant("level"), level: fc.integer({ min: 1, max: 5 }), comment: fc.option(goodText), sequence: fc.nat() });
      const badSave = fc.oneof(
        goodSave.chain((s) => unknownId.map((questionId) => ({ ...s, questionId }))),
        goodSave.map((s) => ({ ...s, level: null })),
        goodSave.map((s) => ({ ...s, choice: "dont_know" })),
        goodSave.chain((s) => fc.oneof(junk, fc.double(), fc.constant(0), fc.constant(6), fc.constant("3")).map((level) => ({ ...s, level }))),
        goodSave.chain((s) => junk.map((choice) => ({ ...s, choice }))),
        goodSave.chain((s) => fc.oneof(fc.integer({ max: -1 }), fc.double({ min: 0.1, max: 1e6, noInteger: true }), junk, fc.constant(2 ** 60)).map((sequence) => ({ ...s, sequence }))),
        goodSave.chain((s) => huge.map((comment) => ({ ...s, comment }))),
        goodSave.chain((s) => fc.constantFrom("questionId", "sequence", "choice").map((k) => Object.fromEntries(Object.entries(s).filter(([key]) => key !== k)))),
        goodSave.chain((s) => fc.tuple(junk, anyJson).map(([k, v]) => ({ ...s, [`extra${k.slice(0, 10)}`]: v }))),
        anyJson,
      );
      const batch = fc.oneof(
        fc.tuple(fc.array(goodSave, { maxLength: 3 }), badSave, fc.array(goodSave, { maxLength: 3 })).map(([a, b, c]) => ({ saves: [...a, b, ...c] })),
        fc.constant({ saves: [] }),
        goodSave.map((s) => ({ saves: Array.from({ length: 201 }, () => s) })),
        goodSave.map((s) => ({ saves: [s], extra: true })),
        goodSave.map((s) => [s]),
        anyJson.filter((v) => typeof v !== "object" || v === null || !("saves" in v)),
      );
      return jsonBody(batch, false).map((body): Input => ({ body, params: { token: w.respondentToken } }));
    },
  },
  {
    file: "a.$token.submit.tsx",
    method: "POST",
    auth: "session",
    // The form sends no field; what can be wrong is the link: an unknown one, or one already submitted.
    input: (w) => fc.record({ body: anyFormBody, token: fc.oneof(fc.constant(w.submittedToken), unknownId) }).map(({ body, token }): Input => ({ body, params: { token } })),
  },
  {
    file: "account.tsx",
    method: "POST",
    auth: "session",
    input: () =>
      fc.oneof(
        brokenFields({ name: { good: goodText, bad: badText(TEXT_LIMITS.personName) } }, { intent: "profile" }),
        brokenFields({ name: { good: goodText, bad: badText(TEXT_LIMITS.personName) } }),
        brokenFields({
          currentPassword: { good: goodText, bad: fc.constantFrom(undefined, "") },
          newPassword: { good: fc.string({ minLength: 12, maxLength: 60 }), bad: fc.oneof(fc.constant(undefined), fc.string({ maxLength: 11 }), fc.string({ minLength: TEXT_LIMITS.password + 1, maxLength: TEXT_LIMITS.password + 100 }), huge) },
          confirmPassword: { good: fc.constant(undefined), bad: fc.oneof(fc.constant(undefined), fc.string({ minLength: 13, maxLength: 20 }).map((s) => `${s}-differs`)) },
        }, { intent: "password" }, ["currentPassword", "newPassword", "confirmPassword"]).map((fields) => {
          // A good confirmation repeats the new password; a bad one was generated to differ or be missing.
          const next = fields.find(([k]) => k === "newPassword")?.[1];
          return fields.some(([k]) => k === "confirmPassword") || next === undefined ? fields : [...fields, ["confirmPassword", next] as [string, string]];
        }).filter((fields) => {
          const get = (k: string) => fields.find(([key]) => key === k)?.[1];
          const next = get("newPassword");
          return !(get("currentPassword") && next && next.length >= 12 && next.length <= 200 && get("confirmPassword") === next);
        }),
        brokenFields({
          newEmail: { good: fc.emailAddress(), bad: badEmail },
          currentPassword: { good: goodText, bad: fc.constantFrom(undefined, "") },
        }, { intent: "email" }),
      ).chain((f) => bodyOnly(formBody(fc.constant(f)), () => ({}))),
  },
  {
    file: "confirm-email.$token.tsx",
    method: "POST",
    auth: "session",
    // Confirming reads no field: only unknown and malformed link tokens can be wrong here.
    input: () => fc.record({ body: anyFormBody, token: unknownId }).map(({ body, token }): Input => ({ body, params: { token } })),
  },
  {
    file: "forgot-password.tsx",
    method: "POST",
    auth: "session",
    input: () =>
      fc.record({ fields: brokenFields({ email: { good: fc.emailAddress(), bad: badEmail } }), ip }).chain(({ fields, ip }) => formBody(fc.constant(fields)).map((body): Input => ({ body, ip, cookie: "none" }))),
  },
  {
    file: "reset-password.$token.tsx",
    method: "POST",
    auth: "session",
    // Either the new password is wrong, or it is right and the link names nothing.
    input: () => {
      const password = fc.string({ minLength: 12, maxLength: 60 });
      const broken = brokenFields({
        newPassword: { good: password, bad: fc.oneof(fc.constant(undefined), fc.string({ maxLength: 11 }), fc.string({ minLength: TEXT_LIMITS.password + 1, maxLength: TEXT_LIMITS.password + 60 }), huge) },
        confirmPassword: { good: fc.constant(undefined), bad: fc.oneof(fc.constant(undefined), fc.string({ maxLength: 20 }).map((s) => `${s}-differs`)) },
      });
      const fine = password.map((p): [string, string][] => [["newPassword", p], ["confirmPassword", p]]);
      return fc.record({ fields: fc.oneof(broken, fine), token: unknownId }).chain(({ fields, token }) => formBody(fc.constant(fields)).map((body): Input => ({ body, params: { token }, cookie: "none" })));
    },
  },
  {
    file: "engage.$token.tsx",
    method: "POST",
    auth: "session",
    input: (w) =>
      fc.record({
        token: fc.oneof(fc.constant(w.offerToken), unknownId),
        body: formBody(fc.tuple(fc.oneof(fc.constant(undefined), unknownId), extraFields).map(([id, extra]) => [...(id === undefined ? [] : [["consultancyId", id] as [string, string]]), ...extra.filter(([k]) => k !== "consultancyId")])),
      }).map(({ token, body }): Input => ({ body, params: { token } })),
  },
  {
    file: "invite.$token.tsx",
    method: "POST",
    auth: "session",
    // Accepting reads no field: only unknown and malformed invitation tokens can be wrong here.
    input: () => fc.record({ body: anyFormBody, token: unknownId }).map(({ body, token }): Input => ({ body, params: { token } })),
  },
  {
    file: "unsubscribe.$token.tsx",
    method: "POST",
    auth: "session",
    // One-click unsubscribe reads no field: only unknown and malformed tokens can be wrong here.
    input: () => fc.record({ body: anyFormBody, token: unknownId }).map(({ body, token }): Input => ({ body, params: { token }, cookie: "none" })),
  },
  {
    file: "signin.tsx",
    method: "POST",
    auth: "session",
    input: () =>
      fc.record({
        fields: brokenFields({
          email: { good: fc.emailAddress(), bad: fc.oneof(fc.constant(undefined), fc.constantFrom("", " ", "@", "a@", "@b.c", "a@@b.c"), junk.map((s) => s.replace(/@/g, "")), huge) },
          password: { good: goodText, bad: fc.constantFrom(undefined, "") },
          redirectTo: { good: fc.oneof(fc.constant(undefined), junk, fc.constantFrom("//evil.example", "javascript:alert(1)", "/orgs")), bad: fc.constant(undefined) },
        }, {}, ["email", "password"]),
        ip,
      }).chain(({ fields, ip }) => formBody(fc.constant(fields)).map((body): Input => ({ body, ip, cookie: "none" }))),
  },
  {
    file: "signout.tsx",
    method: "POST",
    auth: "session",
    // Signing out reads no field and answers a redirect to the sign-in page; a session that
    // does not exist stays that way, so the database is unchanged.
    input: () => fc.record({ body: anyFormBody, cookie: fc.oneof(fc.constant("none"), junk.map((j) => `kam_session=${encodeURIComponent(wellFormed(j))}`), junk.map((j) => encodeURIComponent(wellFormed(j)))) }).map(({ body, cookie }): Input => ({ body, cookie })),
    allowed: (status) => status === 302,
  },
  {
    file: "signup.tsx",
    method: "POST",
    auth: "session",
    input: () =>
      brokenFields({
        name: { good: goodText, bad: badText(TEXT_LIMITS.personName) },
        email: { good: fc.emailAddress(), bad: fc.oneof(fc.constant(undefined), fc.constantFrom("", "@", "a@"), junk.map((s) => s.replace(/@/g, ""))) },
        password: { good: fc.string({ minLength: 12, maxLength: 50 }), bad: fc.oneof(fc.constant(undefined), fc.string({ maxLength: 11 }), fc.string({ minLength: TEXT_LIMITS.password + 1, maxLength: TEXT_LIMITS.password + 60 }), huge) },
      }).chain((f) => formBody(fc.constant(f)).map((body): Input => ({ body, cookie: "none" }))),
  },
  {
    file: "orgs.new.tsx",
    method: "POST",
    auth: "session",
    input: () => bodyOnly(formBody(profileFields({ kind: { good: fc.constantFrom("company", "consultancy"), bad: badChoice(["company", "consultancy"]).filter((v) => v !== undefined) } })), () => ({})),
  },
  {
    file: "orgs.$slug.assessments.$assessmentId.tsx",
    method: "POST",
    auth: "session",
    // A pasted list whose every line is wrong adds no one and answers 200 with the wrong lines
    // listed, so the person can correct them; the database check below still holds.
    allowed: (status, input) => statusIs4xx(status) || (status === 200 && input.body?.kind === "form" && input.body.fields.some(([k, v]) => k === "intent" && v === "bulk")),
    input: (w) => {
      const respondent = { name: { good: goodText, bad: badText(TEXT_LIMITS.personName) }, email: { good: fc.oneof(fc.constant(""), fc.emailAddress()), bad: junk.filter((s) => s.trim() !== "" && !s.includes("@")) }, function: { good: fc.constantFrom(...RESPONDENT_FUNCTIONS), bad: badChoice(RESPONDENT_FUNCTIONS) } };
      const badLine = fc.oneof(
        junk.map((s) => s.replace(/[,;\t\r\n]/g, " ")).map((s) => `${s}x`),
        fc.tuple(goodText, fc.emailAddress(), junk).map(([n, e, f]) => `${n.replace(/[,;\t\r\n]/g, "")}x,${e},zz${f.replace(/[,;\t\r\n]/g, "")}`),
        fc.tuple(junk, junk).map(([a, b]) => `${a.replace(/[,;\t\r\n]/g, "")},${b.replace(/[,;\t\r\n]/g, "")}`),
      );
      const dimensions = Object.keys(w.questionsByDimension);
      const body = fc.oneof(
        brokenFields(respondent, { intent: "add" }),
        brokenFields({ userId: { good: fc.uuid(), bad: fc.oneof(fc.constant(undefined), fc.constant(""), unknownId) }, function: respondent.function }, { intent: "add-member" }, ["userId"]),
        brokenFields({ userId: { good: fc.uuid(), bad: fc.constant(undefined) }, function: respondent.function }, { intent: "add-member" }, ["function"]),
        brokenFields({ title: { good: goodText, bad: badText(TEXT_LIMITS.assessmentTitle) } }, { intent: "reassess" }),
        fc.tuple(fc.array(badLine, { minLength: 1, maxLength: 5 }), fc.constantFrom("\n", "\r\n")).map(([lines, eol]): [string, string][] => [["intent", "bulk"], ["lines", lines.join(eol)]]),
        fc.tuple(fc.constantFrom("renew", "revoke"), fc.option(unknownId, { nil: undefined }), extraFields).map(([intent, id, extra]): [string, string][] => [["intent", intent], ...(id === undefined ? [] : [["respondentId", id] as [string, string]]), ...extra]),
        fc.tuple(fc.subarray(dimensions, { minLength: 1 }), fc.oneof(junk, fc.constantFrom("0", "6", "2.5", "-3", "1e1", "Infinity")).filter((v) => v.trim() !== "" && !/^\s*[1-5]\s*$/.test(v) && !(Number.isInteger(Number(v.trim())) && Number(v.trim()) >= 1 && Number(v.trim()) <= 5))).map(([dims, bad]): [string, string][] => [["intent", "targets"], ...dims.map((d) => [`target.${d}`, bad] as [string, string])]),
        fc.tuple(junk.filter((i) => !["open", "close", "reopen", "add", "add-member", "reassess", "issue-links", "bulk", "renew", "revoke", "targets"].includes(i)), extraFields).map(([intent, extra]): [string, string][] => [["intent", intent], ...extra]),
      );
      return fc.record({ body: formBody(body), assessmentId: fc.constantFrom(w.openAssessmentId, w.closedAssessmentId), params: withParams(() => ({ slug: w.slug }), ["slug"]) }).map(({ body, assessmentId, params }): Input => ({ body, params: { assessmentId, ...params } }));
    },
  },
  {
    file: "orgs.$slug.assessments.new.tsx",
    method: "POST",
    auth: "session",
    input: (w) =>
      bodyOnly(
        formBody(
          brokenFields({
            title: { good: goodText, bad: badText(TEXT_LIMITS.assessmentTitle) },
            version: { good: fc.constant("kam-maturity@1.0.0"), bad: fc.oneof(fc.constant(undefined), junk, fc.constantFrom("kam-maturity@9.9.9", "nope@1.0.0", "kam-maturity", "kam-maturity@1.0", "KAM-MATURITY@1.0.0", "kam-maturity@1.0.0 ")) },
          }),
        ),
        companyParams(w),
      ),
  },
  {
    file: "orgs.$slug.clients.new.tsx",
    method: "POST",
    auth: "session",
    input: (w) => bodyOnly(formBody(profileFields()), () => ({ slug: w.consultancySlug })),
  },
  {
    file: "orgs.$slug.clients.end.tsx",
    method: "POST",
    auth: "session",
    input: (w) =>
      bodyOnly(
        formBody(brokenFields({ engagementId: { good: fc.constant(undefined), bad: fc.oneof(fc.constant(undefined), fc.constant(""), unknownId) } })),
        () => ({ slug: w.consultancySlug }),
      ),
  },
  {
    file: "orgs.$slug.consultancies.tsx",
    method: "POST",
    auth: "session",
    input: (w) =>
      bodyOnly(
        formBody(
          fc.oneof(
            brokenFields({ engagementId: { good: fc.constant(undefined), bad: fc.oneof(fc.constant(undefined), fc.constant(""), unknownId) } }, { intent: "end" }),
            brokenFields({ role: { good: fc.constant(undefined), bad: badChoice(offerSchema.shape.role.options) } }, { intent: "offer" }),
            brokenFields({ role: { good: fc.constant(undefined), bad: badChoice(offerSchema.shape.role.options) } }),
          ),
        ),
        companyParams(w),
      ),
  },
  {
    file: "orgs.$slug.members.tsx",
    method: "POST",
    auth: "session",
    input: (w) => {
      const role = { good: fc.constantFrom(...ROLES), bad: badChoice(ROLES) };
      const userId = { good: fc.uuid(), bad: fc.oneof(fc.constant(undefined), unknownId) };
      return bodyOnly(
        formBody(
          fc.oneof(
            brokenFields({ role }, { intent: "invite" }),
            brokenFields({ invitationId: { good: fc.uuid(), bad: fc.oneof(fc.constant(undefined), unknownId) } }, { intent: "revoke" }),
            brokenFields({ userId, role }, { intent: "role" }),
            brokenFields({ userId }, { intent: "remove" }),
            // The only owner cannot leave.
            extraFields.map((extra): [string, string][] => [["intent", "leave"], ...extra.filter(([k]) => k !== "intent")]),
            fc.tuple(fc.option(junk.filter((i) => !["invite", "revoke", "role", "remove", "leave"].includes(i)), { nil: undefined }), extraFields).map(([intent, extra]): [string, string][] => [...(intent === undefined ? [] : [["intent", intent] as [string, string]]), ...extra.filter(([k]) => k !== "intent")]),
          ),
        ),
        companyParams(w),
      );
    },
  },
  {
    file: "orgs.$slug.roadmaps.$roadmapId.tsx",
    method: "POST",
    auth: "session",
    input: (w) => {
      const dateBad = fc.oneof(junk.filter((s) => s !== ""), fc.constantFrom("2026-02-30", "2026-13-01", "26-01-01", "2026/01/05", "2025-01-01"));
      const body = fc.oneof(
        brokenFields({
          phase: { good: fc.constantFrom(...PHASES), bad: badChoice(PHASES) },
          criterion: { good: fc.constant(undefined), bad: fc.oneof(fc.constant(undefined), junk) },
          checked: { good: fc.constantFrom(...gateCriterionSchema.shape.checked.options), bad: badChoice(gateCriterionSchema.shape.checked.options) },
        }, { intent: "gate" }, ["criterion", "phase", "checked"]),
        brokenFields({
          title: { good: goodText, bad: badText(TEXT_LIMITS.itemTitle) },
          description: { good: fc.constant(""), bad: fc.string({ minLength: TEXT_LIMITS.itemDescription + 1, maxLength: TEXT_LIMITS.itemDescription + 100 }).filter((s) => s.trim().length > TEXT_LIMITS.itemDescription) },
          phase: { good: fc.constantFrom(...PHASES), bad: badChoice(PHASES) },
          parentId: { good: fc.constant(""), bad: unknownId.filter((s) => s.trim() !== "") },
          dueDate: { good: fc.constant(""), bad: dateBad },
        }, { intent: "add" }),
        brokenFields({
          itemId: { good: fc.constant(undefined), bad: fc.oneof(fc.constant(undefined), fc.constant(""), unknownId) },
          status: { good: fc.constantFrom(...itemStatusSchema.shape.status.options), bad: badChoice(itemStatusSchema.shape.status.options) },
        }, {}, ["itemId", "status"]).filter((f) => !f.some(([k, v]) => k === "itemId" && v === w.itemId)),
      );
      return fc.record({ body: formBody(body), params: withParams(() => ({ slug: w.slug, roadmapId: w.roadmapId }), ["roadmapId"]) }).map(({ body, params }): Input => ({ body, params }));
    },
  },
  {
    file: "orgs.$slug.roadmaps.$roadmapId_.calendar.tsx",
    method: "POST",
    auth: "session",
    input: (w) =>
      fc.record({
        body: formBody(brokenFields({ intent: { good: fc.constant(undefined), bad: badChoice(["issue", "revoke"]) } })),
        params: withParams(() => ({ slug: w.slug, roadmapId: w.roadmapId }), ["roadmapId"]),
      }).map(({ body, params }): Input => ({ body, params })),
  },
  {
    file: "orgs.$slug.roadmaps.$roadmapId_.items.$itemId.tsx",
    method: "POST",
    auth: "session",
    input: (w) => {
      const body = fc.oneof(
        brokenFields({ kind: { good: fc.constantFrom(...noteSchema.shape.kind.options), bad: badChoice(noteSchema.shape.kind.options) }, body: { good: goodText, bad: badText(TEXT_LIMITS.note) } }, { intent: "note" }),
        brokenFields({ direction: { good: fc.constant(undefined), bad: badChoice(moveItemSchema.shape.direction.options) } }, { intent: "move" }),
        fc.array(junk, { maxLength: 3 }).map((deps): [string, string][] => [["intent", "dependencies"], ...deps.map((d) => ["dependsOn", d] as [string, string])]),
        brokenFields({
          status: { good: fc.constantFrom(...ITEM_STATUSES), bad: badChoice(ITEM_STATUSES) },
          dueDate: { good: fc.constant(""), bad: fc.oneof(junk.filter((s) => s !== ""), fc.constantFrom("2026-02-30", "2026-1-1")) },
          blockedReason: { good: fc.constant("waiting"), bad: fc.string({ minLength: TEXT_LIMITS.blockedReason + 1, maxLength: TEXT_LIMITS.blockedReason + 100 }).filter((s) => s.trim().length > TEXT_LIMITS.blockedReason) },
        }, { intent: "update" }),
      );
      return fc.record({ body: formBody(body), params: withParams(() => ({ slug: w.slug, roadmapId: w.roadmapId, itemId: w.itemId }), ["roadmapId", "itemId"]) }).map(({ body, params }): Input => ({ body, params }));
    },
  },
  {
    file: "orgs.$slug.roadmaps.$roadmapId_.regenerate.tsx",
    method: "POST",
    auth: "session",
    input: (w) =>
      fc.record({
        body: formBody(brokenFields({ assessment: { good: fc.constant(undefined), bad: fc.oneof(fc.constant(undefined), unknownId, fc.constant(w.openAssessmentId), fc.constant(w.closedAssessmentId)) } })),
        params: withParams(() => ({ slug: w.slug, roadmapId: w.roadmapId }), ["roadmapId"]),
      }).map(({ body, params }): Input => ({ body, params })),
  },
  {
    file: "orgs.$slug.roadmaps.new.tsx",
    method: "POST",
    auth: "session",
    input: (w) =>
      bodyOnly(
        formBody(
          brokenFields({
            startDate: { good: fc.constant("2026-03-02"), bad: fc.oneof(fc.constant(undefined), junk, fc.constantFrom("2026-02-30", "2026-3-2", "tomorrow")) },
            capacity: { good: fc.constantFrom("1", "3", "10"), bad: fc.oneof(fc.constant(undefined), junk.filter((s) => { const n = Number(s); return !(Number.isInteger(n) && n >= 1 && n <= 10); }), fc.constantFrom("0", "11", "2.5", "1e3", "-1")) },
            assessment: { good: fc.constant(undefined), bad: fc.oneof(fc.constant(undefined), unknownId, fc.constant(w.openAssessmentId)) },
            title: { good: goodText, bad: badText(TEXT_LIMITS.roadmapTitle) },
          }, {}, ["startDate", "capacity", "assessment", "title"]),
        ),
        companyParams(w),
      ),
  },
  {
    file: "orgs.$slug.settings.tsx",
    method: "POST",
    auth: "session",
    input: (w) =>
      bodyOnly(
        formBody(
          fc.oneof(
            brokenFields({ name: { good: goodText, bad: badText(TEXT_LIMITS.apiTokenName) }, role: { good: fc.constantFrom(...newApiTokenSchema.shape.role.options), bad: badChoice(newApiTokenSchema.shape.role.options) } }, { intent: "create-token" }),
            brokenFields({ platformPool: { good: fc.constant(undefined), bad: badChoice(platformPoolSchema.shape.platformPool.options) } }, { intent: "platform-pool" }),
            brokenFields({ tokenId: { good: fc.constant(undefined), bad: fc.oneof(fc.constant(undefined), fc.constant(""), unknownId) } }, { intent: "revoke-token" }),
            profileFields({ slug: { good: fc.constant(undefined), bad: fc.oneof(fc.constant(undefined), junk.filter((s) => !/^[a-z0-9]/.test(s.trim().toLowerCase()) || s.trim().length > 60), fc.constantFrom("-x", "a b", "ä", "x".repeat(200))) } }),
          ),
        ),
        companyParams(w),
      ),
  },
  {
    file: "api.v1.roadmaps_.$roadmapId_.milestones.$milestoneId.ts",
    method: "PATCH",
    auth: "company-token",
    input: (w) => {
      const statuses = ["not_started", "in_progress", "done", "blocked"];
      const goodUpdate = fc.record({ status: fc.constantFrom("not_started", "in_progress", "done"), evidence: fc.option(goodText, { nil: undefined }) }, { requiredKeys: ["status"] });
      const badUpdate = fc.oneof(
        fc.constant({}),
        goodUpdate.chain((u) => badChoice(statuses).map((status) => ({ ...u, status }))),
        goodUpdate.chain((u) => fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string())).map((status) => ({ ...u, status }))),
        fc.constant({ status: "blocked" }),
        goodUpdate.map((u) => ({ ...u, status: "blocked", blockedReason: "x".repeat(TEXT_LIMITS.blockedReason + 1) })),
        goodUpdate.map((u) => ({ ...u, evidence: "" })),
        goodUpdate.chain((u) => huge.map((evidence) => ({ ...u, evidence }))),
        goodUpdate.chain((u) => fc.tuple(junk, anyJson).map(([k, v]) => ({ ...u, [`x${k.slice(0, 10)}`]: v }))),
        anyJson.filter((v) => typeof v !== "object" || v === null || Array.isArray(v)),
      );
      // Either the body is wrong, or the body is right and an id names nothing.
      return fc.oneof(
        fc.record({ body: jsonBody(badUpdate), params: withParams(() => ({ roadmapId: w.roadmapId, milestoneId: w.milestoneId }), ["roadmapId", "milestoneId"]) }),
        fc.record({
          body: goodUpdate.map((u): Body => ({ kind: "raw", text: JSON.stringify(u), contentType: "application/json" })),
          params: fc.oneof(
            unknownId.map((id) => ({ roadmapId: id, milestoneId: w.milestoneId })),
            unknownId.map((id) => ({ roadmapId: w.roadmapId, milestoneId: id })),
            fc.constant({ roadmapId: w.roadmapId, milestoneId: w.itemId }),
          ),
        }),
      ).map(({ body, params }): Input => ({ body, params }));
    },
  },
  apiList("api.v1.assessments.ts", "company-token"),
  apiList("api.v1.clients.ts", "consultancy-token"),
  apiList("api.v1.roadmaps.ts", "company-token"),
  {
    ...apiList("api.v1.assessments_.$assessmentId.respondents.ts", "company-token"),
    input: (w) => fc.oneof(listQueryInput(() => ({ assessmentId: w.openAssessmentId })), idInput("assessmentId")),
  },
  apiById("api.v1.assessments_.$assessmentId.answers.ts", "assessmentId"),
  apiById("api.v1.assessments_.$assessmentId.scorecard.ts", "assessmentId"),
  apiById("api.v1.roadmaps_.$roadmapId.ts", "roadmapId"),
  {
    file: "api.v1.benchmarks.ts",
    method: "GET",
    auth: "company-token",
    input: () =>
      fc.oneof(
        brokenFields({
          questionnaire: { good: fc.constant("kam-maturity"), bad: fc.oneof(fc.constant(undefined), fc.constant(""), junk.filter((s) => s !== "kam-maturity")) },
          version: { good: fc.constant("1.0.0"), bad: fc.oneof(fc.constant(undefined), fc.constant(""), junk.filter((s) => s !== "1.0.0")) },
          pool: { good: fc.constantFrom("platform", "consultancy", undefined), bad: badChoice(["platform", "consultancy"]).filter((v) => v !== undefined) },
          industry: { good: fc.constantFrom(...INDUSTRIES, undefined), bad: junk.filter((s) => s !== "" && !(INDUSTRIES as readonly string[]).includes(s)) },
          sizeBand: { good: fc.constant(undefined), bad: junk.filter((s) => s !== "" && !(SIZE_BANDS as readonly string[]).includes(s)) },
          region: { good: fc.constant(undefined), bad: junk.filter((s) => s !== "" && !(REGIONS as readonly string[]).includes(s)) },
        }, {}, ["questionnaire", "version", "pool", "industry", "sizeBand", "region"]),
      ).map((entries): Input => ({ query: entries })),
  },
  {
    file: "api.v1.questionnaires.ts",
    method: "GET",
    auth: "company-token",
    // Reads no input: any query string is ignored and the list is answered.
    input: () => query(extraFields).map((entries): Input => ({ query: entries })),
    allowed: (status) => status === 200,
  },
  {
    file: "api.v1.openapi[.json].ts",
    method: "GET",
    auth: "company-token",
    // The public description of the API: no input, always answered.
    input: () => query(extraFields).map((entries): Input => ({ query: entries })),
    allowed: (status) => status === 200,
  },
];

function profileFields(more: Record<string, FieldSpec> = {}) {
  return brokenFields({
    name: { good: goodText, bad: badText(TEXT_LIMITS.organizationName) },
    industry: { good: fc.constantFrom(...INDUSTRIES), bad: badChoice(INDUSTRIES) },
    sizeBand: { good: fc.constantFrom(...SIZE_BANDS), bad: badChoice(SIZE_BANDS) },
    region: { good: fc.constantFrom(...REGIONS), bad: badChoice(REGIONS) },
    ...more,
  });
}

function listQueryInput(params: () => Record<string, string>) {
  const cursorBad = fc.oneof(junk.filter((s) => s !== ""), fc.uuid().map((u) => Buffer.from(JSON.stringify([u])).toString("base64url")), anyJson.map((v) => Buffer.from(JSON.stringify(v) ?? "").toString("base64url")));
  return brokenFields({
    limit: { good: fc.constantFrom("1", "50", "100", undefined), bad: fc.oneof(junk.filter((s) => { const n = Number(s); return !(Number.isInteger(n) && n >= 1 && n <= 100); }), fc.constantFrom("0", "101", "1.5", "-5", "1e9")) },
    cursor: { good: fc.constant(undefined), bad: cursorBad },
  }).map((entries): Input => ({ query: entries, params: params() }));
}

function idInput(name: string) {
  return fc.record({ id: unknownId, query: extraFields }).map(({ id, query }): Input => ({ params: { [name]: id }, query }));
}

function apiList(file: string, auth: Spec["auth"]): Spec {
  return { file, method: "GET", auth, input: () => listQueryInput(() => ({})) };
}

function apiById(file: string, name: string): Spec {
  return { file, method: "GET", auth: "company-token", input: () => idInput(name) };
}

// ---------------------------------------------------------------- requests and the database

function buildRequest(spec: Spec, input: Input, w: World): Request {
  const params = input.params ?? {};
  const path = "/" + spec.file.replace(/\.tsx?$/, "").replace(/\[(.+?)\]/g, "$1").split(".").map((s) => s.replace(/_$/, "").replace(/^\$(\w+)$/, (_, n: string) => encodeURIComponent(wellFormed(params[n] ?? n)))).join("/");
  const url = new URL(`http://localhost${path}`);
  for (const [k, v] of input.query ?? []) url.searchParams.append(k, v);
  const headers = new Headers({ Origin: "http://localhost" });
  if (spec.auth === "session") {
    const cookie = input.cookie ?? "owner";
    if (cookie === "owner") headers.set("Cookie", w.ownerCookie);
    else if (cookie !== "none") headers.set("Cookie", cookie);
  } else {
    headers.set("Authorization", `Bearer ${nextToken(w, spec.auth)}`);
  }
  let body: BodyInit | undefined;
  const b = input.body ?? { kind: "none" };
  if (spec.method !== "GET" && b.kind === "form") {
    if (b.encoding === "urlencoded") body = new URLSearchParams(b.fields);
    else {
      const form = new FormData();
      for (const [k, v] of b.fields) form.append(k, v);
      body = form;
    }
  } else if (spec.method !== "GET" && b.kind === "raw") {
    body = b.text;
    // A string body defaults to text/plain; null means a body with no content type at all.
    if (b.contentType) headers.set("Content-Type", b.contentType);
    else body = new TextEncoder().encode(b.text);
  }
  return new Request(url, { method: spec.method, headers, body });
}

function describeInput(input: Input): string {
  const text = JSON.stringify(input, (_, v: unknown) => (typeof v === "string" && v.length > 200 ? `${v.slice(0, 60)}…(${v.length} chars)` : v));
  return text.length > 2000 ? `${text.slice(0, 2000)}…` : text;
}

const counts: Record<string, number> = {};
const statusesSeen: Record<string, Record<number, number>> = {};

describe("malformed input to every action and API route", () => {
  it("has a generator for every route module with an action and every API route", () => {
    const covered = new Set(SPECS.map((s) => s.file));
    expect(ACTION_FILES.length).toBeGreaterThanOrEqual(20);
    expect([...ACTION_FILES, ...API_FILES].filter((f) => !covered.has(f))).toEqual([]);
  });

  let before: Record<string, string>;
  it("snapshots the database", async () => {
    before = await snapshotTables();
    expect(Object.keys(before).length).toBeGreaterThan(10);
  });

  for (const spec of SPECS) {
    it(`${spec.method} ${spec.file}: ${RUNS} malformed requests, none answered 5xx`, { timeout: 120_000 }, async () => {
      const w = await world();
      const mod = await load(spec.file);
      const handler = spec.method === "GET" ? mod.loader! : mod.action!;
      const allowed = spec.allowed ?? statusIs4xx;
      const property = fc.asyncProperty(spec.input(w), async (input) => {
        const request = buildRequest(spec, input, w);
        const context = testContext(input.ip);
        let status: number;
        try {
          status = await statusOf(handler({ request, params: input.params ?? {}, context }));
        } catch (error) {
          throw new Error(`threw instead of answering: ${String(error)}\n${describeInput(input)}`, { cause: error });
        }
        counts[spec.file] = (counts[spec.file] ?? 0) + 1;
        const seen = (statusesSeen[spec.file] ??= {});
        seen[status] = (seen[status] ?? 0) + 1;
        if (!allowed(status, input)) throw new Error(`answered ${status}\n${describeInput(input)}`);
        if (spec.auth !== "session" && [401, 403, 429].includes(status)) throw new Error(`the token did not reach the route (${status})`);
      });
      const details = await fc.check(property, { numRuns: RUNS, seed: SEED, endOnFailure: true });
      if (details.failed) {
        throw new Error(`${spec.file} failed with seed ${details.seed} (rerun with FUZZ_SEED=${details.seed}), counterexample after ${details.numRuns} runs:\n${String(details.errorInstance)}`);
      }
    });
  }

  it("left every table as it was, and reached every route at least 100 times, 5,000 in all", async () => {
    expect(await snapshotTables()).toEqual(before);
    for (const spec of SPECS) expect(counts[spec.file] ?? 0, spec.file).toBeGreaterThanOrEqual(100);
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThanOrEqual(5000);
    console.info(`fuzz: ${total} requests over ${SPECS.length} routes, seed ${SEED}`, statusesSeen);
  });
});

/** The status a handler answered, returned or thrown; a thrown non-Response is a crash and rethrown. */
async function statusOf(result: Promise<unknown>): Promise<number> {
  let value: unknown;
  try {
    value = await result;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
  if (value instanceof Response) {
    await value.arrayBuffer();
    return value.status;
  }
  if (value && typeof value === "object" && "type" in value && value.type === "DataWithResponseInit") {
    return (value as unknown as { init: ResponseInit | null }).init?.status ?? 200;
  }
  return 200;
}

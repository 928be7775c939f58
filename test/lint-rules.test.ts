import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

describe("the domain purity lint rule", () => {
  const eslint = new ESLint();
  it.each([
    ['import { getDb } from "#db/client.ts";', true],
    ['import { users } from "../../db/schema/index.ts";', true],
    ['import { readFileSync } from "node:fs";', true],
    ['import { data } from "@remix-run/node";', true],
    ['import { env } from "#app/lib/env.server.ts";', true],
    ['import { ROLES } from "./roles.ts";', false],
    ['import { z } from "zod";', false],
  ])("%s restricted: %s", async (source, restricted) => {
    const [result] = await eslint.lintText(`${source}\nexport const used = 1;\n`, { filePath: "app/domain/probe.ts" });
    const hits = result!.messages.filter((m) => m.ruleId === "no-restricted-imports");
    expect(hits.length > 0).toBe(restricted);
  });
});

describe("the permission lint rule", () => {
  const eslint = new ESLint();
  it.each([
    ["app/routes/orgs.$slug.probe.tsx", 'export const used = roleAtLeast(membership.role, "admin");', true],
    ["app/routes/orgs.$slug.probe.tsx", 'export const used = requireMembership(request, { slug }, "program_lead");', true],
    ["app/routes/orgs.$slug.probe.tsx", 'export const used = can(membership, "roadmap.edit");', false],
    ["app/routes/orgs.$slug.probe.tsx", 'export const used = membership.role === "admin";', true],
    ["app/routes/orgs.$slug.probe.tsx", 'export const used = url.searchParams.get("owner");', false],
    ["app/services/probe.server.ts", 'export const used = membership.role === "owner";', true],
    ["app/services/probe.server.ts", 'export const used = authorize(membership, "benchmarks.pool");', false],
  ])("%s: %s restricted: %s", async (filePath, source, restricted) => {
    const [result] = await eslint.lintText(`${source}\n`, { filePath });
    const hits = result!.messages.filter((m) => m.ruleId === "no-restricted-syntax");
    expect(hits.length > 0).toBe(restricted);
  });
});

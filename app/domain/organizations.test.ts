import { describe, expect, it } from "vitest";
import { organizationSettingsSchema, slugify, uniqueSlugCandidates } from "./organizations.ts";

describe("slugify", () => {
  it.each([
    ["Acme Industrial GmbH", "acme-industrial-gmbh"],
    ["  Müller & Söhne  ", "muller-sohne"],
    ["Ørsted", "rsted"],
    ["AB", "org-ab"],
    ["!!!", "org-new"],
    ["Key Account Management Excellence Center of the North-East Region", "key-account-management-excellence-center"],
  ])("%s → %s", (name, slug) => {
    expect(slugify(name)).toBe(slug);
  });

  it("always yields a slug the settings form accepts", () => {
    for (const name of ["A", "Ünïcødé Ltd.", "x".repeat(90), "-lead-and-trail-", "12"]) {
      const result = organizationSettingsSchema.shape.slug.safeParse(slugify(name));
      expect(result.success, name).toBe(true);
    }
  });
});

describe("uniqueSlugCandidates", () => {
  it("tries the slug, then numbered variants", () => {
    expect(uniqueSlugCandidates("acme", 3)).toEqual(["acme", "acme-2", "acme-3"]);
  });
});

describe("slug rule", () => {
  it.each([
    ["demo", true],
    ["ab", false],
    ["a--b", false],
    ["-abc", false],
    ["abc-", false],
    ["Upper", true], // lowercased before the check
    ["has space", false],
  ])("%s valid: %s", (slug, valid) => {
    expect(organizationSettingsSchema.shape.slug.safeParse(slug).success).toBe(valid);
  });
});

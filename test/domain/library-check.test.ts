import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { formatSurveyError } from "#app/domain/questionnaire/check.ts";
import { PHASE_ELEMENTS } from "#app/domain/roadmap/library.ts";
import { findInitiativeLibrary, getInitiativeLibrary } from "#app/services/initiatives.server.ts";
import { loadSurveys, lockPublishedVersions, readLock } from "#app/services/surveys.server.ts";
import { FIXTURES } from "#test/surveys.ts";

const messagesFor = (caseName: string) => loadSurveys(path.join(FIXTURES, caseName)).errors.map(formatSurveyError);
const file = (caseName: string, folder = "fixture-q") => `test/fixtures/surveys/${caseName}/${folder}/initiatives/1.0.0.yaml`;

describe("surveys:check on broken initiative libraries", () => {
  it.each([
    ["library-schema", `${file("library-schema")}: initiatives[0]: unknown field "owner"`],
    ["library-schema", `${file("library-schema")}: initiatives[1].ownerRole: is required`],
    ["library-duplicate-id", `${file("library-duplicate-id")}: initiatives[5].id: duplicate initiative id "beta-2"`],
    ["library-duplicate-id", `${file("library-duplicate-id")}: initiatives[3].milestones[2].id: duplicate milestone id "done" in initiative "alpha-5"`],
    ["library-unknown-questionnaire", `${file("library-unknown-questionnaire")}: questionnaireVersion: questionnaire "fixture-q" has no version 2.0.0`],
    ["library-unknown-questionnaire", `${file("library-unknown-questionnaire", "other-q")}: questionnaire: unknown questionnaire "other-q"`],
    ["library-unknown-dimension", `${file("library-unknown-dimension")}: initiatives[7].dimension: unknown dimension "gamma"`],
    ["library-wrong-element", `${file("library-wrong-element")}: initiatives[1].element: "roll-out" is a key element of the implementation phase, not of the design phase`],
    ["library-wrong-element", `${file("library-wrong-element")}: initiatives[6].element: unknown key element "staffing"; the implementation phase has roll-out, monitoring-and-evaluation, coaching-and-support, quick-wins, continuous-improvement`],
    ["library-wrong-element", `${file("library-wrong-element")}: knowledge[2].element: "internal-pilots" is a key element of the design phase, not of the knowledge phase`],
    ["library-missing-knowledge", `${file("library-missing-knowledge")}: knowledge[2].element: the knowledge element "current-state-analysis" already has the initiative "current-state"; each needs exactly one`],
    ["library-missing-knowledge", `${file("library-missing-knowledge")}: knowledge: no initiative for the knowledge element "vision-and-goals"; each of the five needs exactly one`],
    ["library-unknown-dependency", `${file("library-unknown-dependency")}: initiatives[5].dependsOn[0]: unknown initiative "beta-1"`],
    ["library-cycle", `${file("library-cycle")}: initiatives[0].dependsOn: dependency cycle: alpha-2 → alpha-3 → beta-2 → alpha-2`],
    ["library-design-depends-on-implementation", `${file("library-design-depends-on-implementation")}: initiatives[5].dependsOn[1]: the design initiative "beta-3" cannot depend on the implementation initiative "alpha-4"; design comes first`],
    ["library-design-depends-on-implementation", `${file("library-design-depends-on-implementation")}: knowledge[4].dependsOn[0]: the knowledge initiative "roadmap" cannot depend on the design initiative "alpha-2"; knowledge comes first`],
    ["library-one-phase", `${file("library-one-phase")}: initiatives: dimension "beta" has no implementation initiative; every dimension needs initiatives in both the design and the implementation phase`],
    ["library-missing-step", `${file("library-missing-step")}: initiatives: dimension "alpha" has no initiative for level 4 (Managed)`],
    ["library-published-unlocked", `${file("library-published-unlocked")}: status: fixture-q/initiatives@1.0.0 is published but not in test/fixtures/surveys/library-published-unlocked/published.lock.json; run "npm run surveys:check -- --lock" to freeze it`],
    ["library-published-unlocked", `${file("library-published-unlocked")}: questionnaireVersion: a published library must serve a published questionnaire version, but fixture-q@1.0.0 is a draft`],
    ["library-published-deleted", `test/fixtures/surveys/library-published-deleted/published.lock.json: fixture-q/initiatives@0.9.0: the published initiative library fixture-q/initiatives@0.9.0 is missing; published versions are never deleted`],
  ])("%s: %s", (caseName, message) => {
    expect(messagesFor(caseName)).toContain(message);
  });

  it("each broken case reports only what it breaks", () => {
    expect(messagesFor("library-cycle")).toHaveLength(1);
    expect(messagesFor("library-unknown-dependency")).toHaveLength(1);
    expect(messagesFor("library-missing-step")).toHaveLength(1);
    expect(messagesFor("library-one-phase")).toHaveLength(1);
  });

  it("a published library whose content changed names the frozen version", () => {
    expect(messagesFor("library-published-changed")).toContainEqual(
      expect.stringMatching(/^test\/fixtures\/surveys\/library-published-changed\/fixture-q\/initiatives\/1\.0\.0\.yaml: fixture-q\/initiatives@1\.0\.0 is published and frozen, but its content changed/),
    );
  });

  it("accepts the valid library, and the questionnaire check does not read library files", () => {
    const { versions, libraries, errors } = loadSurveys(path.join(FIXTURES, "library-valid"));
    expect(errors.map(formatSurveyError)).toEqual([]);
    expect(versions.map((v) => v.file)).toEqual(["test/fixtures/surveys/library-valid/fixture-q/1.0.0.yaml"]);
    expect(libraries.map((l) => l.key)).toEqual(["fixture-q/initiatives@1.0.0"]);
  });

  it("--lock freezes a newly published library, and the check then passes", () => {
    const copy = mkdtempSync(path.join(tmpdir(), "kam-library-"));
    cpSync(path.join(FIXTURES, "library-valid"), copy, { recursive: true });
    for (const target of [path.join(copy, "fixture-q", "1.0.0.yaml"), path.join(copy, "fixture-q", "initiatives", "1.0.0.yaml")]) {
      writeFileSync(target, readFileSync(target, "utf8").replace("status: draft", "status: published"));
    }
    expect(lockPublishedVersions(copy)).toEqual(["fixture-q@1.0.0", "fixture-q/initiatives@1.0.0"]);
    expect(Object.keys(readLock(copy)).sort()).toEqual(["fixture-q/initiatives@1.0.0", "fixture-q@1.0.0"]);
    expect(loadSurveys(copy).errors).toEqual([]);
    expect(lockPublishedVersions(copy)).toEqual([]);
  });
});

describe("getInitiativeLibrary", () => {
  it("returns the library that serves a questionnaire version, or null", () => {
    const dir = path.join(FIXTURES, "library-valid");
    expect(getInitiativeLibrary("fixture-q", "1.0.0", dir)?.library).toBe("fixture-q-initiatives");
    expect(getInitiativeLibrary("fixture-q", "9.9.9", dir)).toBeNull();
    expect(findInitiativeLibrary("fixture-q-initiatives", "1.0.0", dir)?.initiatives).toHaveLength(8);
    expect(getInitiativeLibrary("kam-maturity", "1.0.0")?.version).toBe("1.0.0");
    expect(getInitiativeLibrary("kam-readiness", "1.0.0")).toBeNull();
  });

  it("reads the files once per process", () => {
    expect(getInitiativeLibrary("kam-maturity", "1.0.0")).toBe(getInitiativeLibrary("kam-maturity", "1.0.0"));
  });
});

describe("the shipped initiative library", () => {
  // Expectations come from the questionnaire file itself, not from the checker.
  const questionnaire = parse(readFileSync("surveys/kam-maturity/1.0.0.yaml", "utf8")) as { dimensions: { id: string }[] };
  const { libraries, errors } = loadSurveys();
  const library = libraries.find((l) => l.file.endsWith("kam-maturity/initiatives/1.0.0.yaml"))!.library;

  it("passes the check, is published and locked", () => {
    expect(errors.map(formatSurveyError)).toEqual([]);
    expect(library.status).toBe("published");
    expect(readLock()["kam-maturity/initiatives@1.0.0"]).toMatch(/^[0-9a-f]{64}$/);
    expect([library.questionnaire, library.questionnaireVersion]).toEqual(["kam-maturity", "1.0.0"]);
  });

  it("has one knowledge initiative per knowledge element; the current-state analysis comes first", () => {
    expect(library.knowledge.map((k) => k.element).sort()).toEqual(Object.keys(PHASE_ELEMENTS.knowledge).sort());
    const analysis = library.knowledge.find((k) => k.element === "current-state-analysis")!;
    expect(analysis.milestones[0]!.title).toMatch(/current KAM state/i);
  });

  it("covers every dimension at every step up in both phases, and each step adds up to about one level", () => {
    expect(questionnaire.dimensions).toHaveLength(11);
    for (const { id } of questionnaire.dimensions) {
      const own = library.initiatives.filter((i) => i.dimension === id);
      expect(new Set(own.map((i) => i.phase)), id).toEqual(new Set(["design", "implementation"]));
      for (const level of [2, 3, 4, 5]) {
        const step = own.filter((i) => i.level === level);
        expect(step.length, `${id} level ${level}`).toBeGreaterThan(0);
        const effect = step.reduce((sum, i) => sum + i.effect, 0);
        expect(effect, `${id} level ${level}`).toBeGreaterThanOrEqual(0.8);
        expect(effect, `${id} level ${level}`).toBeLessThanOrEqual(1.2);
      }
    }
    expect(library.initiatives.length).toBeGreaterThanOrEqual(50);
    expect(library.initiatives.length).toBeLessThanOrEqual(66);
  });

  it("uses every key element of the design and implementation phases, and the gates name the phase outputs", () => {
    for (const phase of ["design", "implementation"] as const) {
      const used = new Set(library.initiatives.filter((i) => i.phase === phase).map((i) => i.element));
      expect([...used].sort(), phase).toEqual(Object.keys(PHASE_ELEMENTS[phase]).sort());
    }
    expect(library.gates.design.map((g) => g.id)).toContain("pilot-evaluated");
    expect(library.gates.knowledge.map((g) => g.id)).toEqual(["case-for-change", "vision-and-goals", "approved-plan"]);
  });

  it("a step's later initiatives build on the step below, and every implementation initiative on a design one", () => {
    const byId = new Map(library.initiatives.map((i) => [i.id, i]));
    const reaches = (from: string, target: (id: string) => boolean, seen = new Set<string>()): boolean =>
      (byId.get(from)?.dependsOn ?? []).some((d) => !seen.has(d) && (seen.add(d), target(d) || reaches(d, target, seen)));
    for (const initiative of library.initiatives) {
      if (initiative.phase === "implementation") {
        const sameDimensionDesign = (id: string) => byId.get(id)?.dimension === initiative.dimension && byId.get(id)?.phase === "design";
        if (initiative.level > 2) expect(reaches(initiative.id, sameDimensionDesign), initiative.id).toBe(true);
      }
      if (initiative.level >= 4) {
        const lowerStep = (id: string) => byId.get(id)?.dimension === initiative.dimension && byId.get(id)!.level === initiative.level - 1;
        expect(reaches(initiative.id, lowerStep), initiative.id).toBe(true);
      }
    }
  });

  it("editing one word of the published library makes the check fail", () => {
    const copy = mkdtempSync(path.join(tmpdir(), "kam-surveys-"));
    cpSync("surveys", copy, { recursive: true });
    const target = path.join(copy, "kam-maturity", "initiatives", "1.0.0.yaml");
    const text = readFileSync(target, "utf8");
    expect(text).toContain("Agree one official key account list");
    writeFileSync(target, text.replace("Agree one official key account list", "Agree one official key accounts list"));
    const messages = loadSurveys(copy).errors.map(formatSurveyError);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/kam-maturity\/initiatives\/1\.0\.0\.yaml: kam-maturity\/initiatives@1\.0\.0 is published and frozen, but its content changed/);
  });
});

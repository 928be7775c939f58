import {
  checkCitations,
  isLibraryLockKey,
  parseContentFile,
  type CheckedVersion,
  type PublishedLock,
  type SurveyError,
  type SurveyFile,
} from "../questionnaire/check.ts";
import { contentHash } from "../questionnaire/hash.ts";
import { textIn } from "../questionnaire/schema.ts";
import { initiativeLibrarySchema, PHASE_ELEMENTS, PHASES, type InitiativeLibrary, type Phase } from "./library.ts";

/** Libraries live in `<questionnaire>/initiatives/<version>.yaml` below surveys/. */
export const LIBRARY_FOLDER = "initiatives";

/** The steps up a dimension can take; every dimension needs an initiative for each. */
export const STEPS = [2, 3, 4, 5] as const;

export interface CheckedLibrary {
  file: string;
  /** The lock key, "<questionnaire>/initiatives@<version>". */
  key: string;
  hash: string;
  library: InitiativeLibrary;
}

/** The lock key of a library file, from its path: "surveys/kam-maturity/initiatives/1.0.0.yaml" gives "kam-maturity/initiatives@1.0.0". */
export function libraryLockKey(path: string): string {
  const [folder, sub, name] = path.split("/").slice(-3);
  return `${folder}/${sub}@${(name ?? "").replace(/\.ya?ml$/, "")}`;
}

function phaseOfElement(element: string): Phase | undefined {
  return PHASES.find((phase) => element in PHASE_ELEMENTS[phase]);
}

function describeWrongElement(element: string, phase: Phase): string {
  const owner = phaseOfElement(element);
  if (owner) return `"${element}" is a key element of the ${owner} phase, not of the ${phase} phase`;
  return `unknown key element "${element}"; the ${phase} phase has ${Object.keys(PHASE_ELEMENTS[phase]).join(", ")}`;
}

interface Node {
  id: string;
  phase: Phase;
  at: string;
  dependsOn: string[];
}

/** Every dependency cycle once, each as the ids along it, starting from the first one met. */
function findCycles(nodes: Map<string, Node>): string[][] {
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const seen = new Set<string>();
  const visit = (id: string) => {
    state.set(id, "open");
    stack.push(id);
    for (const next of nodes.get(id)?.dependsOn ?? []) {
      if (!nodes.has(next)) continue;
      if (state.get(next) === "open") {
        const cycle = stack.slice(stack.indexOf(next));
        const key = [...cycle].sort().join(" ");
        if (!seen.has(key)) {
          seen.add(key);
          cycles.push(cycle);
        }
      } else if (!state.has(next)) {
        visit(next);
      }
    }
    stack.pop();
    state.set(id, "done");
  };
  for (const id of nodes.keys()) if (!state.has(id)) visit(id);
  return cycles;
}

/** Rules inside one library: names match the path, ids are unique, references resolve, coverage is complete. */
function checkLibrary({ file, library }: CheckedLibrary, questionnaires: CheckedVersion[], errors: SurveyError[]) {
  const add = (at: string, message: string) => errors.push({ file, at, message });
  const [folder, , name] = file.split("/").slice(-3);
  if (folder !== library.questionnaire) add("questionnaire", `is "${library.questionnaire}" but the folder is "${folder}"`);
  if (name !== `${library.version}.yaml`) add("version", `is "${library.version}" but the file is "${name}"`);
  checkCitations(library, add);

  // The questionnaire version whose dimensions the initiatives serve.
  const target = questionnaires.find(
    ({ version }) => version.questionnaire === library.questionnaire && version.version === library.questionnaireVersion,
  )?.version;
  if (!questionnaires.some(({ version }) => version.questionnaire === library.questionnaire)) {
    add("questionnaire", `unknown questionnaire "${library.questionnaire}"`);
  } else if (!target) {
    add("questionnaireVersion", `questionnaire "${library.questionnaire}" has no version ${library.questionnaireVersion}`);
  } else if (library.status !== "draft" && target.status === "draft") {
    add("questionnaireVersion", `a ${library.status} library must serve a published questionnaire version, but ${library.questionnaire}@${library.questionnaireVersion} is a draft`);
  }

  // Ids: unique across knowledge items and initiatives (dependencies may point at either), milestones unique within each.
  const nodes = new Map<string, Node>();
  const items = [
    ...library.knowledge.map((item, i) => ({ item, at: `knowledge[${i}]`, phase: "knowledge" as Phase })),
    ...library.initiatives.map((item, i) => ({ item, at: `initiatives[${i}]`, phase: item.phase as Phase })),
  ];
  for (const { item, at, phase } of items) {
    if (nodes.has(item.id)) add(`${at}.id`, `duplicate initiative id "${item.id}"`);
    else nodes.set(item.id, { id: item.id, phase, at, dependsOn: item.dependsOn });
    const milestoneIds = new Set<string>();
    item.milestones.forEach((milestone, j) => {
      if (milestoneIds.has(milestone.id)) add(`${at}.milestones[${j}].id`, `duplicate milestone id "${milestone.id}" in initiative "${item.id}"`);
      milestoneIds.add(milestone.id);
    });
  }

  // Key elements: each item's element belongs to its phase; the knowledge phase has one item per element.
  const knowledgeByElement = new Map<string, string>();
  library.knowledge.forEach((item, i) => {
    if (!(item.element in PHASE_ELEMENTS.knowledge)) {
      add(`knowledge[${i}].element`, describeWrongElement(item.element, "knowledge"));
      return;
    }
    const other = knowledgeByElement.get(item.element);
    if (other) add(`knowledge[${i}].element`, `the knowledge element "${item.element}" already has the initiative "${other}"; each needs exactly one`);
    else knowledgeByElement.set(item.element, item.id);
  });
  for (const element of Object.keys(PHASE_ELEMENTS.knowledge)) {
    if (!knowledgeByElement.has(element)) add("knowledge", `no initiative for the knowledge element "${element}"; each of the five needs exactly one`);
  }
  library.initiatives.forEach((item, i) => {
    if (!(item.element in PHASE_ELEMENTS[item.phase])) add(`initiatives[${i}].element`, describeWrongElement(item.element, item.phase));
  });

  // Dependencies: they resolve, never point to a later phase, and form no cycle.
  const phaseOrder = (phase: Phase) => PHASES.indexOf(phase);
  for (const { item, at, phase } of items) {
    item.dependsOn.forEach((dependency, j) => {
      const other = nodes.get(dependency);
      if (!other) add(`${at}.dependsOn[${j}]`, `unknown initiative "${dependency}"`);
      else if (phaseOrder(other.phase) > phaseOrder(phase)) {
        add(`${at}.dependsOn[${j}]`, `the ${phase} initiative "${item.id}" cannot depend on the ${other.phase} initiative "${dependency}"; ${phase} comes first`);
      }
    });
  }
  for (const cycle of findCycles(nodes)) {
    add(`${nodes.get(cycle[0]!)!.at}.dependsOn`, `dependency cycle: ${[...cycle, cycle[0]].join(" → ")}`);
  }

  // Coverage: every dimension has initiatives in both phases and for every step up.
  if (!target) return;
  const dimensionIds = new Set(target.dimensions.map((d) => d.id));
  library.initiatives.forEach((item, i) => {
    if (!dimensionIds.has(item.dimension)) add(`initiatives[${i}].dimension`, `unknown dimension "${item.dimension}"`);
  });
  for (const dimension of target.dimensions) {
    const own = library.initiatives.filter((item) => item.dimension === dimension.id);
    for (const phase of ["design", "implementation"] as const) {
      if (!own.some((item) => item.phase === phase)) {
        add("initiatives", `dimension "${dimension.id}" has no ${phase} initiative; every dimension needs initiatives in both the design and the implementation phase`);
      }
    }
    for (const level of STEPS) {
      if (!own.some((item) => item.level === level)) {
        add("initiatives", `dimension "${dimension.id}" has no initiative for level ${level} (${textIn(target.levels[level])})`);
      }
    }
  }
}

/**
 * Checks every initiative library against the questionnaire versions already checked:
 * schema, ids, key elements, dependencies, coverage and the published-hash lock.
 */
export function checkInitiativeLibraries(
  files: SurveyFile[],
  questionnaires: CheckedVersion[],
  lock: PublishedLock,
  lockFile = "surveys/published.lock.json",
) {
  const errors: SurveyError[] = [];
  const libraries: CheckedLibrary[] = [];
  for (const file of files) {
    const parsed = parseContentFile(file, initiativeLibrarySchema, errors);
    if (parsed) libraries.push({ file: file.path, key: libraryLockKey(file.path), hash: contentHash(parsed.raw), library: parsed.data });
  }
  libraries.forEach((library) => checkLibrary(library, questionnaires, errors));

  for (const { file, key, hash, library } of libraries) {
    const locked = lock[key];
    if (library.status === "draft") {
      if (locked) errors.push({ file, at: "status", message: `${key} was published (it is in published.lock.json) and cannot go back to draft` });
      continue;
    }
    if (!locked) {
      errors.push({ file, at: "status", message: `${key} is ${library.status} but not in ${lockFile}; run "npm run surveys:check -- --lock" to freeze it` });
    } else if (locked !== hash) {
      errors.push({ file, at: "", message: `${key} is published and frozen, but its content changed (hash ${hash.slice(0, 12)}…, locked ${locked.slice(0, 12)}…). Undo the change and add a new version instead` });
    }
  }
  // Keys from the paths, so a file that fails to parse is not also reported as missing.
  const keys = new Set(files.map((file) => libraryLockKey(file.path)));
  for (const key of Object.keys(lock)) {
    if (isLibraryLockKey(key) && !keys.has(key)) {
      errors.push({ file: lockFile, at: key, message: `the published initiative library ${key} is missing; published versions are never deleted` });
    }
  }
  return { libraries, errors };
}

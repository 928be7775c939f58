import type { Phase } from "./library.ts";

export const PHASE_LABELS: Record<Phase, string> = {
  knowledge: "Knowledge",
  design: "Design",
  implementation: "Implementation",
};

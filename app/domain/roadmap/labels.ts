import type { Phase } from "./phases.ts";

export const PHASE_LABELS: Record<Phase, string> = {
  knowledge: "Knowledge",
  design: "Design",
  implementation: "Implementation",
};

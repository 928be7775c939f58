export const RESPONDENT_FUNCTIONS = [
  "sales",
  "kam",
  "marketing",
  "service",
  "product",
  "finance",
  "leadership",
  "other",
] as const;
export type RespondentFunction = (typeof RESPONDENT_FUNCTIONS)[number];

export const RESPONDENT_FUNCTION_LABELS: Record<RespondentFunction, string> = {
  sales: "Sales",
  kam: "Key account management",
  marketing: "Marketing",
  service: "Customer service / success",
  product: "Product",
  finance: "Finance",
  leadership: "Leadership",
  other: "Other",
};

export const RESPONDENT_FUNCTION_SHORT_LABELS: Record<RespondentFunction, string> = {
  sales: "Sales",
  kam: "KAM",
  marketing: "Marketing",
  service: "Service",
  product: "Product",
  finance: "Finance",
  leadership: "Leadership",
  other: "Other",
};

/** What the start page assumes a question takes to read and answer, comments aside. */
export const SECONDS_PER_QUESTION = 20;

/** How long answering takes, in whole minutes rounded up to five (at least five). */
export function answeringMinutes(questionCount: number): number {
  return Math.max(5, Math.ceil((questionCount * SECONDS_PER_QUESTION) / 60 / 5) * 5);
}

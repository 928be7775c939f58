// Kept apart from the zod schemas so that forms can list the options without loading zod.
export const INDUSTRIES = [
  "Manufacturing",
  "Chemicals and materials",
  "Technology and software",
  "Healthcare and life sciences",
  "Logistics and transport",
  "Energy and utilities",
  "Financial services",
  "Professional services",
  "Consumer goods",
  "Other",
] as const;

export const SIZE_BANDS = ["1–49", "50–249", "250–999", "1,000–4,999", "5,000+"] as const;

export const REGIONS = [
  "Europe",
  "North America",
  "Latin America",
  "Asia-Pacific",
  "Middle East and Africa",
  "Global",
] as const;

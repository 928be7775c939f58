// What bench/generate.ts puts in every data set and the load benches rely on.
export const BENCH = {
  email: "bench@example.com",
  password: "bench-password-1",
  consultancySlug: "bench-consultancy",
  clientSlug: "bench-client-000",
  /** Clients of the bench consultancy, each with two closed assessments. */
  clients: 200,
  openTitle: "Bench autosave",
  openRespondents: 200,
  respondentToken: (n: number) => `bench-respondent-${n}`,
  /** The API allows 120 requests a minute per token: the statistics bench rotates through these. */
  apiTokens: 400,
  apiToken: (n: number) => `kam_bench_${n}`,
  roadmapTitle: "Bench roadmap",
  roadmapCapacity: 4,
} as const;

export const SCALES = {
  "1k": { name: "1k", assessments: 1_000 },
  "10k": { name: "10k", assessments: 10_000 },
  "100k": { name: "100k", assessments: 100_000 },
} as const;

export type Scale = (typeof SCALES)[keyof typeof SCALES];

/** `--scale 1k|10k|100k` from the command line; full scale (100k) when absent. */
export function scaleOf(argv: readonly string[]): Scale {
  const at = argv.indexOf("--scale");
  const name = at >= 0 ? argv[at + 1] : "100k";
  if (!name || !(name in SCALES)) throw new Error(`--scale takes ${Object.keys(SCALES).join(", ")}`);
  return SCALES[name as keyof typeof SCALES];
}

/** A small seeded generator (mulberry32): the same seed gives the same values, so runs repeat. */
export function seeded(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

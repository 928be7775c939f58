export const benchmarkMessages = {
  tooFew: (needed: number, counted: number) => `needs ${needed} independent organizations in this segment; ${counted} so far`,
  complementary: "hidden so that a smaller group cannot be worked out by comparing it with another segment",
  notRequestable: "this segment cannot be requested",
  pools: { platform: "platform pool", consultancy: "pool of your consultancy's clients" },
  consultantsOnly: "The pool of a consultancy's clients is open to that consultancy only.",
  samplePools: { platform: "platform pool of sample data", consultancy: "pool of your consultancy's clients (sample data)" },
  allOrganizations: "all organizations",
  employees: (band: string) => `${band} employees`,
  seriesLabel: (pool: string, segment: string) => `Benchmark median (${pool}, ${segment})`,
  notBenchmarked: "Draft assessments are not benchmarked: the benchmark shows once answers come in.",
  optIn: {
    joined: "This organization's closed results are now part of the platform pool.",
    left: "This organization's results were removed from the platform pool.",
    invalid: "Choose whether to join or leave the platform pool.",
  },
} as const;

import { Form } from "@remix-run/react";
import type { BenchmarkPoolKind } from "#app/domain/benchmark-view.ts";
import { ANY, type SegmentFilter } from "#app/domain/benchmarks.ts";
import { INDUSTRIES, REGIONS, SIZE_BANDS } from "#app/domain/organization-options.ts";

const POOL_CHOICES: Record<BenchmarkPoolKind, string> = { platform: "Platform pool", consultancy: "Your consultancy's clients" };

const FIELDS = [
  { name: "industry", label: "Industry", any: "Any industry", options: INDUSTRIES },
  { name: "sizeBand", label: "Size (employees)", any: "Any size", options: SIZE_BANDS },
  { name: "region", label: "Region", any: "Any region", options: REGIONS },
] as const;

/**
 * The benchmark segment: a GET form, so a segment is a link and works without JavaScript.
 * "Any" is sent as an empty value and read back as "any".
 */
export function BenchmarkSegmentForm({ filter, pool, pools }: { filter: SegmentFilter; pool: BenchmarkPoolKind; pools: readonly BenchmarkPoolKind[] }) {
  return (
    <Form method="get" className="inline-form filters" preventScrollReset>
      {pools.length > 1 ? (
        <label>
          Pool
          <select name="pool" defaultValue={pool}>
            {pools.map((kind) => (
              <option key={kind} value={kind}>
                {POOL_CHOICES[kind]}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {FIELDS.map((field) => (
        <label key={field.name}>
          {field.label}
          <select name={field.name} defaultValue={filter[field.name] === ANY ? "" : filter[field.name]}>
            <option value="">{field.any}</option>
            {field.options.map((option) => (
              <option key={option} value={option}>
                {option}
              </option>
            ))}
          </select>
        </label>
      ))}
      <button type="submit" className="button button-secondary">
        Show benchmark
      </button>
    </Form>
  );
}

import { INDUSTRIES, REGIONS, SIZE_BANDS } from "#app/domain/organization-options.ts";
import { Field, SelectField, type FormState } from "./form.tsx";

/** The profile fields shared by the create and settings forms. */
export function OrganizationFields({
  state,
  defaults,
}: {
  state?: FormState;
  defaults?: { name: string; industry: string; sizeBand: string; region: string };
}) {
  return (
    <>
      <Field label="Organization name" name="name" required defaultValue={defaults?.name} state={state} />
      <SelectField label="Industry" name="industry" options={INDUSTRIES} placeholder="Choose an industry" defaultValue={defaults?.industry} state={state} />
      <SelectField label="Size (employees)" name="sizeBand" options={SIZE_BANDS} placeholder="Choose a size band" defaultValue={defaults?.sizeBand} state={state} />
      <SelectField label="Region" name="region" options={REGIONS} placeholder="Choose a region" defaultValue={defaults?.region} state={state} />
    </>
  );
}

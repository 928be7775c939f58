import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { can } from "#app/domain/permissions.ts";
import { ROLE_LABELS } from "#app/domain/roles.ts";
import { API_TOKEN_ROLES } from "#app/domain/api/tokens.ts";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { newApiTokenSchema, organizationSettingsSchema, platformPoolSchema, revokeApiTokenSchema } from "#app/domain/organizations.ts";
import { CopyField } from "#app/components/copy-field.tsx";
import { Field, FormMessage, SelectField, SubmitButton, type FormState } from "#app/components/form.tsx";
import { OrganizationFields } from "#app/components/organization-fields.tsx";
import { ScrollTable } from "#app/components/scroll-table.tsx";
import { dispatchForm, parseForm, readForm } from "#app/lib/forms.server.ts";
import { requireMembership } from "#app/services/access.server.ts";
import { createApiToken, listOrganizationApiTokens, revokeApiToken } from "#app/services/api.server.ts";
import { setPlatformPoolOptIn } from "#app/services/benchmarks.server.ts";
import { updateOrganizationSettings, updateTimeZone } from "#app/services/organizations.server.ts";
import { REASSESSMENT_CADENCES, reassessmentCadenceSchema, timeZoneSchema } from "#app/domain/reminders.ts";
import { campaignMessages } from "#app/messages/campaign.ts";
import { saveReassessmentCadence } from "#app/services/campaign.server.ts";
import { updatePrivacySettings } from "#app/services/privacy.server.ts";
import { privacySettingsSchema } from "#app/domain/privacy-settings.ts";
import { MINIMUM_GROUP_SIZE_CEILING, MINIMUM_GROUP_SIZE_FLOOR } from "#app/domain/privacy.ts";
import { benchmarkMessages } from "#app/messages/benchmarks.ts";
import { MIN_GROUP } from "#app/domain/benchmarks.ts";
import { formatDateTime } from "#app/domain/format.ts";

export const meta: MetaFunction = () => [{ title: "Organization settings · KAM Navigator" }];


const TOKEN_ROLE_OPTIONS = API_TOKEN_ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const membership = await requireMembership(request, { slug: params.slug ?? "" }, "settings.manage");
  const { name, slug, industry, sizeBand, region } = membership.organization;
  const saved = new URL(request.url).searchParams.has("saved");
  // A token outlives an engagement, so consultants neither see nor create the client's tokens.
  const tokens = !can(membership, "apiTokens.manage") ? null : (await listOrganizationApiTokens(membership)).map((t) => ({
    id: t.id,
    name: t.name,
    role: t.role,
    createdByName: t.createdByName,
    createdAt: t.createdAt.toISOString(),
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    revokedAt: t.revokedAt?.toISOString() ?? null,
  }));
  const platformPool = { optedIn: membership.organization.benchmarkOptIn, canChange: can(membership, "benchmarks.pool") };
  const privacy = {
    minimumGroupSize: membership.organization.minimumGroupSize,
    stablePseudonyms: membership.organization.stablePseudonyms,
    canChange: can(membership, "privacy.manage"),
  };
  const cadence = {
    value: membership.organization.reassessmentMonths,
    options: [{ value: "", label: "Never" }, ...REASSESSMENT_CADENCES.map((months) => ({ value: String(months), label: `${months} months after the last closed assessment` }))],
  };
  const timeZone = { value: membership.organization.timeZone, options: ["UTC", ...Intl.supportedValuesOf("timeZone").filter((zone) => zone !== "UTC")] };
  return { organization: { name, slug, industry, sizeBand, region }, saved, tokens, platformPool, privacy, timeZone, cadence };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const membership = await requireMembership(request, { slug: params.slug ?? "" }, "settings.manage");
  const formData = await readForm(request);
  return dispatchForm(
    formData,
    {
      "create-token": async () => {
        const values = parseForm(newApiTokenSchema, formData);
        const { token, secret } = await createApiToken(membership, values);
        return { ok: true as const, intent: "create-token", secret, name: token.name, message: undefined };
      },
      "platform-pool": async () => {
        const { platformPool } = parseForm(platformPoolSchema, formData);
        await setPlatformPoolOptIn(membership, platformPool === "join");
        const message = platformPool === "join" ? benchmarkMessages.optIn.joined : benchmarkMessages.optIn.left;
        return { ok: true as const, intent: "platform-pool", secret: undefined, name: undefined, message };
      },
      privacy: async () => {
        await updatePrivacySettings(membership, parseForm(privacySettingsSchema, formData));
        return { ok: true as const, intent: "privacy", secret: undefined, name: undefined, message: "Privacy settings saved; every result is shown under them from now on." };
      },
      "revoke-token": async () => {
        const { tokenId } = parseForm(revokeApiTokenSchema, formData);
        await revokeApiToken(membership, tokenId);
        return { ok: true as const, intent: "revoke-token", secret: undefined, name: undefined, message: "The token is revoked; requests with it are refused from now on." };
      },
      "time-zone": async () => {
        await updateTimeZone(membership, parseForm(timeZoneSchema, formData).timeZone);
        return { ok: true as const, intent: "time-zone", secret: undefined, name: undefined, message: "The time zone is saved." };
      },
      cadence: async () => {
        await saveReassessmentCadence(membership, parseForm(reassessmentCadenceSchema, formData).reassessmentMonths);
        return { ok: true as const, intent: "cadence", secret: undefined, name: undefined, message: campaignMessages.cadenceSaved };
      },
      profile: async () => {
        const values = parseForm(organizationSettingsSchema, formData);
        await updateOrganizationSettings(membership, values);
        return redirect(`/orgs/${values.slug}/settings?saved=1`);
      },
    },
    { whenMissing: "profile" },
  );
}

const when = (iso: string | null) => (iso ? <time dateTime={iso}>{formatDateTime(iso)} UTC</time> : "Never");

export default function OrganizationSettings() {
  const { organization, saved, tokens, platformPool, privacy, timeZone, cadence } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  const failed = state && !state.ok ? (state as FormState) : undefined;
  const settingsState = failed && !failed.values?.intent ? failed : undefined;
  const poolState = failed && failed.values?.intent === "platform-pool" ? failed : undefined;
  const privacyState = failed && failed.values?.intent === "privacy" ? failed : undefined;
  const zoneState = failed && failed.values?.intent === "time-zone" ? failed : undefined;
  const cadenceState = failed && failed.values?.intent === "cadence" ? failed : undefined;
  const ownCards = ["platform-pool", "privacy", "time-zone", "cadence"];
  const tokenState = failed && failed.values?.intent && !ownCards.includes(failed.values.intent) ? failed : undefined;
  const privacyDone = state && state.ok && state.intent === "privacy" ? state : undefined;
  const zoneDone = state && state.ok && state.intent === "time-zone" ? state : undefined;
  const cadenceDone = state && state.ok && state.intent === "cadence" ? state : undefined;
  const done = state && state.ok && !ownCards.includes(state.intent) ? state : undefined;
  const poolDone = state && state.ok && state.intent === "platform-pool" ? state : undefined;
  return (
    <>
      <section className="card narrow-card" aria-labelledby="settings-heading">
        <h2 id="settings-heading">Settings</h2>
        <FormMessage state={settingsState} success={!state && saved ? "Settings saved." : undefined} />
        <Form method="post" noValidate>
          <OrganizationFields state={settingsState} defaults={organization} />
          <Field
            label="Web address"
            name="slug"
            defaultValue={organization.slug}
            hint="Pages of this organization live under /orgs/<address>. Old links stop working when it changes."
            required
            state={settingsState}
          />
          <SubmitButton pendingText="Saving…">Save settings</SubmitButton>
        </Form>
      </section>

      <RespondentPrivacy {...privacy} state={privacyState} success={privacyDone?.message} />

      <section className="card narrow-card" aria-labelledby="time-zone-heading">
        <h2 id="time-zone-heading">Time zone</h2>
        <p className="muted">Due dates end at midnight here, and reminders go out on weekdays here.</p>
        <FormMessage state={zoneState} success={zoneDone?.message} />
        <Form method="post" noValidate>
          <SelectField label="Time zone" name="timeZone" defaultValue={timeZone.value} options={timeZone.options.map((zone) => ({ value: zone, label: zone }))} state={zoneState} />
          <SubmitButton intent="time-zone" pendingText="Saving…">Save time zone</SubmitButton>
        </Form>
      </section>

      <section className="card narrow-card" aria-labelledby="cadence-heading">
        <h2 id="cadence-heading">Measure again</h2>
        <p className="muted">Owners, admins and program leads get a mail when the newest closed assessment is this old, with a link that starts the re-assessment.</p>
        <FormMessage state={cadenceState} success={cadenceDone?.message} />
        <Form method="post" noValidate>
          <SelectField
            label="Remind to measure again"
            name="reassessmentMonths"
            defaultValue={cadence.value === null ? "" : String(cadence.value)}
            options={cadence.options}
            state={cadenceState}
          />
          <SubmitButton intent="cadence" pendingText="Saving…">Save</SubmitButton>
        </Form>
      </section>

      <PlatformPool {...platformPool} state={poolState} success={poolDone?.message} />

      {tokens === null ? (
        <section className="card" aria-labelledby="api-tokens-heading">
          <h2 id="api-tokens-heading">API tokens</h2>
          <p className="muted">Only {organization.name}&apos;s own admins see and create its API tokens.</p>
        </section>
      ) : (
        <ApiTokens tokens={tokens} state={tokenState} done={done} />
      )}
    </>
  );
}

type TokenView = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["tokens"]>[number];

function ApiTokens({ tokens, state: tokenState, done }: { tokens: TokenView[]; state?: FormState; done?: { secret?: string; name?: string; message?: string } }) {
  return (
    <section className="card" aria-labelledby="api-tokens-heading">
      <h2 id="api-tokens-heading">API tokens</h2>
      <p className="muted">
        Other systems read this organization&apos;s data through the API at <code>/api/v1</code> with a token, sent as{" "}
        <code>Authorization: Bearer &lt;token&gt;</code>. The API is described at <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>.
      </p>
      <p className="muted">
        A viewer token reads assessments, scorecards, respondents and roadmaps; an admin token also reads raw answers
        (respondents numbered, not named) and updates milestones.
      </p>
      <FormMessage state={tokenState} success={done?.message} />
      <Form method="post" className="inline-form" noValidate>
        <Field label="Token name" name="name" hint="Which system will use it, such as “CRM sync”." required state={tokenState} />
        <SelectField label="Role" name="role" options={TOKEN_ROLE_OPTIONS} defaultValue={TOKEN_ROLE_OPTIONS[0]!.value} state={tokenState} />
        <SubmitButton intent="create-token" pendingText="Creating token…">
          Create token
        </SubmitButton>
      </Form>
      {done?.secret ? (
        <div role="status">
          <CopyField label={`New token “${done.name}”: copy it now, it is shown only once`} value={done.secret} copyLabel="Copy token" />
        </div>
      ) : null}

      <h3 id="api-token-list-heading">Tokens</h3>
      {tokens.length === 0 ? (
        <p className="muted">No tokens yet.</p>
      ) : (
        <ScrollTable labelledBy="api-token-list-heading">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">Created</th>
              <th scope="col">Last used</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((token) => (
              <tr key={token.id}>
                <td data-label="Name">{token.name}</td>
                <td data-label="Role">{ROLE_LABELS[token.role]}</td>
                <td data-label="Created">
                  {when(token.createdAt)} by {token.createdByName}
                </td>
                <td data-label="Last used">{when(token.lastUsedAt)}</td>
                <td data-label="Actions">
                  {token.revokedAt ? (
                    <span className="muted">Revoked {when(token.revokedAt)}</span>
                  ) : (
                    <Form method="post">
                      <input type="hidden" name="tokenId" value={token.id} />
                      <button
                        type="submit"
                        name="intent"
                        value="revoke-token"
                        className="button button-small button-danger"
                        aria-label={`Revoke ${token.name}`}
                      >
                        Revoke
                      </button>
                    </Form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      )}
    </section>
  );
}

/** The owner's consent to the platform benchmark pool, with what it shares said plainly. */
function PlatformPool({ optedIn, canChange, state, success }: { optedIn: boolean; canChange: boolean; state?: FormState; success?: string }) {
  return (
  <section className="card narrow-card" aria-labelledby="platform-pool-heading">
    <h2 id="platform-pool-heading">Platform benchmark pool</h2>
    <p>
      The platform pool lets organizations compare their results with others of their industry, size and region. Whether this organization&apos;s
      results take part is the owner&apos;s choice.
    </p>
    <ul>
      <li>
        <strong>Shared:</strong> the dimension scores and the maturity index of this organization&apos;s latest closed assessment, with its industry,
        size band and region.
      </li>
      <li>
        <strong>Never shared:</strong> the organization&apos;s name, answers, comments or who responded.
      </li>
      <li>Statistics are shown only over {MIN_GROUP} or more organizations, never for a smaller group.</li>
      <li>Leaving removes this organization&apos;s scores from the pool at once.</li>
    </ul>
    <FormMessage state={state} success={success} />
    <p>
      {optedIn ? "This organization is in the platform pool." : "This organization is not in the platform pool."}
      {canChange ? null : " Only an owner can change this."}
    </p>
    {canChange ? (
      <Form method="post" noValidate>
        <input type="hidden" name="platformPool" value={optedIn ? "leave" : "join"} />
        <SubmitButton intent="platform-pool" pendingText="Saving…" className={optedIn ? "button button-secondary" : "button"}>
          {optedIn ? "Leave the platform pool" : "Join the platform pool"}
        </SubmitButton>
      </Form>
    ) : null}
  </section>
  );
}

function RespondentPrivacy({ minimumGroupSize, stablePseudonyms, canChange, state, success }: { minimumGroupSize: number; stablePseudonyms: boolean; canChange: boolean; state?: FormState; success?: string }) {
  return (
    <section className="card narrow-card" aria-labelledby="privacy-heading">
      <h2 id="privacy-heading">Respondent privacy</h2>
      <p>
        Respondents are promised that only combined results are shown. No score, answer distribution or comment is shown for fewer respondents than the
        minimum group size, smaller functions are combined into &quot;Other functions&quot;, and a group is also hidden where it could be worked out from the
        total. The minimum is {MINIMUM_GROUP_SIZE_FLOOR} or more.
      </p>
      <FormMessage state={state} success={success} />
      {canChange ? (
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="privacy" />
          <Field
            label="Minimum group size"
            name="minimumGroupSize"
            type="number"
            inputMode="numeric"
            min={MINIMUM_GROUP_SIZE_FLOOR}
            max={MINIMUM_GROUP_SIZE_CEILING}
            defaultValue={String(minimumGroupSize)}
            hint={`From ${MINIMUM_GROUP_SIZE_FLOOR} to ${MINIMUM_GROUP_SIZE_CEILING} respondents. Raising it hides more; closed assessments are scored again under the new size.`}
            required
            state={state}
          />
          <p>
            <label>
              <input type="checkbox" name="stablePseudonyms" defaultChecked={stablePseudonyms} /> Keep respondent codes from one raw-answer export to the next
            </label>
          </p>
          <p className="muted small">
            By default every export draws new codes (R1, R2, …), so two exports cannot be matched row by row. Stable codes (R-…) let you join exports of one
            assessment; they never follow the respondent list and differ between assessments.
          </p>
          <SubmitButton pendingText="Saving…">Save privacy settings</SubmitButton>
        </Form>
      ) : (
        <p className="muted">
          The minimum group size is {minimumGroupSize}. Only the organization&apos;s own admins change it: it is their promise to their respondents.
        </p>
      )}
    </section>
  );
}

import { useNavigation } from "@remix-run/react";
import { useId } from "react";

export interface FormState {
  ok?: boolean;
  formError?: string;
  fieldErrors?: Record<string, string>;
  values?: Record<string, string>;
}

interface FieldProps extends React.InputHTMLAttributes<HTMLInputElement> {
  label: string;
  name: string;
  hint?: string;
  state?: FormState;
}

/** A labelled input with its hint and its error announced to screen readers. */
export function Field({ label, name, hint, state, defaultValue, ...input }: FieldProps) {
  const id = useId();
  const error = state?.fieldErrors?.[name];
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(" ");
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <input
        id={id}
        name={name}
        defaultValue={state?.values?.[name] ?? defaultValue}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        {...input}
      />
      <FieldError id={`${id}-error`} error={error} />
    </div>
  );
}

interface SelectFieldProps extends React.SelectHTMLAttributes<HTMLSelectElement> {
  label: string;
  name: string;
  options: readonly (string | { value: string; label: string })[];
  state?: FormState;
  placeholder?: string;
}

export function SelectField({ label, name, options, state, defaultValue, placeholder, ...select }: SelectFieldProps) {
  const id = useId();
  const error = state?.fieldErrors?.[name];
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        name={name}
        defaultValue={state?.values?.[name] ?? defaultValue ?? ""}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        {...select}
      >
        {placeholder ? (
          <option value="" disabled>
            {placeholder}
          </option>
        ) : null}
        {options.map((option) => {
          const { value, label: text } = typeof option === "string" ? { value: option, label: option } : option;
          return (
            <option key={value} value={value}>
              {text}
            </option>
          );
        })}
      </select>
      <FieldError id={`${id}-error`} error={error} />
    </div>
  );
}

function FieldError({ id, error }: { id: string; error?: string }) {
  return error ? (
    <p className="field-error" id={id}>
      {error}
    </p>
  ) : null;
}

/** The form-level message: an error in an alert, a success in a status region. */
export function FormMessage({ state, success }: { state?: FormState; success?: string }) {
  if (state?.formError) {
    return (
      <div className="banner banner-error" role="alert">
        {state.formError}
      </div>
    );
  }
  if (success) {
    return (
      <div className="banner banner-success" role="status">
        {success}
      </div>
    );
  }
  return null;
}

/** A submit button that says what it is doing while its form is on its way. */
export function SubmitButton({
  children,
  pendingText,
  intent,
  className = "button",
}: {
  children: React.ReactNode;
  pendingText: string;
  intent?: string;
  className?: string;
}) {
  const navigation = useNavigation();
  const pending =
    navigation.state === "submitting" &&
    (intent === undefined || navigation.formData?.get("intent") === intent);
  return (
    <button type="submit" className={className} name={intent ? "intent" : undefined} value={intent} disabled={pending}>
      {pending ? pendingText : children}
    </button>
  );
}

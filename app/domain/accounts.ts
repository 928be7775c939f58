import { z } from "zod";
import { authMessages } from "../messages/auth.ts";
import { TEXT_LIMITS } from "./input-limits.ts";

const name = z
  .string({ error: authMessages.nameRequired })
  .trim()
  .min(1, authMessages.nameRequired)
  .max(TEXT_LIMITS.personName, authMessages.nameTooLong);

const email = z
  .string({ error: authMessages.emailInvalid })
  .trim()
  .toLowerCase()
  .max(TEXT_LIMITS.email, authMessages.emailTooLong)
  .pipe(z.email({ error: authMessages.emailInvalid }));

export const newPassword = z
  .string({ error: authMessages.passwordTooShort })
  .min(12, authMessages.passwordTooShort)
  .max(TEXT_LIMITS.password, authMessages.passwordTooLong);

/** A password to check, not to set: only the upper bound of a new one applies. */
const givenPassword = z
  .string({ error: authMessages.passwordRequired })
  .min(1, authMessages.passwordRequired)
  .max(TEXT_LIMITS.password, authMessages.passwordTooLong);

export const signUpSchema = z.object({ name, email, password: newPassword });

export const signInSchema = z.object({
  email,
  password: givenPassword,
});

export const profileSchema = z.object({ name });

/** The new password typed twice: the second must repeat the first. */
const repeatedPassword = {
  confirmPassword: z.string({ error: authMessages.passwordsDiffer }).max(TEXT_LIMITS.password, authMessages.passwordsDiffer),
};
const repeats = (value: { newPassword: string; confirmPassword: string }) => value.newPassword === value.confirmPassword;
const repeatsMessage = { path: ["confirmPassword"], message: authMessages.passwordsDiffer };

export const changePasswordSchema = z
  .object({ currentPassword: givenPassword, newPassword, ...repeatedPassword })
  .refine(repeats, repeatsMessage);

export const forgotPasswordSchema = z.object({ email });

/** A new password set from a reset link: the same rules as at sign-up, typed twice. */
export const resetPasswordSchema = z.object({ newPassword, ...repeatedPassword }).refine(repeats, repeatsMessage);

/** A new address for the account, with the current password (counted like the password change's). */
export const changeEmailSchema = z.object({ newEmail: email, currentPassword: givenPassword });

import { z } from "zod";
import { authMessages } from "../messages/auth.ts";

const name = z
  .string({ error: authMessages.nameRequired })
  .trim()
  .min(1, authMessages.nameRequired)
  .max(100, authMessages.nameTooLong);

const email = z
  .string({ error: authMessages.emailInvalid })
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: authMessages.emailInvalid }));

export const newPassword = z
  .string({ error: authMessages.passwordTooShort })
  .min(12, authMessages.passwordTooShort)
  .max(200, authMessages.passwordTooLong);

export const signUpSchema = z.object({ name, email, password: newPassword });

export const signInSchema = z.object({
  email,
  password: z.string({ error: authMessages.passwordRequired }).min(1, authMessages.passwordRequired),
});

export const profileSchema = z.object({ name });

export const changePasswordSchema = z
  .object({
    currentPassword: z
      .string({ error: authMessages.passwordRequired })
      .min(1, authMessages.passwordRequired),
    newPassword,
    confirmPassword: z.string({ error: authMessages.passwordsDiffer }),
  })
  .refine((value) => value.newPassword === value.confirmPassword, {
    path: ["confirmPassword"],
    message: authMessages.passwordsDiffer,
  });

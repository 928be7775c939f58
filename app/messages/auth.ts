// User-facing text for accounts and sign-in; one module per feature so it can be translated.
import { formatLimit, TEXT_LIMITS } from "../domain/input-limits.ts";

export const authMessages = {
  nameRequired: "Enter your name.",
  nameTooLong: `Use at most ${formatLimit(TEXT_LIMITS.personName)} characters for your name.`,
  emailInvalid: "Enter a valid email address, like name@company.com.",
  emailTooLong: `Use an email address of at most ${formatLimit(TEXT_LIMITS.email)} characters.`,
  passwordTooShort: "Use at least 12 characters for your password.",
  passwordTooLong: `Use at most ${formatLimit(TEXT_LIMITS.password)} characters for your password.`,
  passwordRequired: "Enter your password.",
  passwordsDiffer: "The two new passwords are not the same.",
  emailTaken: "An account with this email already exists. Sign in instead.",
  wrongCredentials: "The email or password is not correct.",
  wrongCurrentPassword: "Your current password is not correct.",
  rateLimited:
    "Too many failed sign-in attempts. For your security, sign-in is paused for 15 minutes.",
  passwordCheckRateLimited:
    "Too many wrong current passwords. For your security, changing the password is paused for 15 minutes.",
  signUpRateLimited: "Too many accounts were created from this network in the last hour. Please try again later.",
  redirectInvalid:
    "The address to return to after signing in holds a character no web address holds (such as a tab or a line break). Open the page you wanted again.",
  profileSaved: "Your name is saved.",
  passwordChanged: "Your password is changed. You were signed out on all other devices.",
} as const;

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
  wrongCredentials: "The email or password is not correct.",
  wrongCurrentPassword: "Your current password is not correct.",
  rateLimited:
    "Too many failed sign-in attempts. For your security, sign-in is paused for 15 minutes.",
  passwordCheckRateLimited:
    "Too many wrong current passwords. For your security, changing the password is paused for 15 minutes.",
  signUpRateLimited: "Too many sign-ups from this network or for this address in the last hour. Please try again later.",
  // The same answer whether or not the address has an account, so that sign-up reveals nobody.
  signUpCheckEmail:
    "Check your email: we sent a mail about your account to the address you gave. To start now, sign in with the password you chose.",
  forgotPasswordLink: "Forgot your password?",
  // The same answer whether or not the address has an account, so that the form reveals nobody.
  resetSent:
    "If an account exists for that address, we sent it a link to choose a new password. Check your email: the link works once, for one hour.",
  resetRateLimited: "Too many password resets were asked for this address or from this network in the last hour. Please try again later.",
  resetLinkUnknown: "This link to choose a new password does not exist. Check that you copied the whole address from the mail, or ask for a new link.",
  resetLinkGone: "This link to choose a new password was used already, was replaced by a newer one or has expired (it works for one hour). Ask for a new link.",
  askForNewResetLink: "Ask for a new link",
  confirmationLinkUnknown: "This confirmation link does not exist. Check that you copied the whole address from the mail.",
  confirmationLinkGone:
    "This confirmation link was used already, was replaced by a newer one or has expired (it works for one day). You can ask for a new one on your account page.",
  confirmationRateLimited: "Too many confirmation mails were sent for your account in the last hour. Please try again later.",
  confirmationBanner: (email: string) => `Confirm your address: we sent a link to ${email}.`,
  confirmationResent: (email: string) => `We sent the confirmation link again to ${email}.`,
  emailConfirmed: (email: string) => `Your address ${email} is confirmed.`,
  emailChanged: (email: string) => `Your account's address is now ${email}. Sign in with it from now on.`,
  sameEmail: "This is your current address already. Enter the new one.",
  emailChangeRequested: (newEmail: string, currentEmail: string) =>
    `We sent a link to ${newEmail}. Your address changes when you follow it; until then you sign in with ${currentEmail}.`,
  emailTakenMeanwhile: "Another account uses this address now, so your address stays as it is. Ask for the change again with a different address.",
  redirectInvalid:
    "The address to return to after signing in holds a character no web address holds (such as a tab or a line break). Open the page you wanted again.",
  profileSaved: "Your name is saved.",
  passwordChanged: "Your password is changed. You were signed out on all other devices.",
  passwordReset: "Your new password is set. You were signed out on all other devices.",
} as const;

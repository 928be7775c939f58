import { hmac } from "@oslojs/crypto/hmac";
import { SHA256, sha256 } from "@oslojs/crypto/sha2";
import { constantTimeEqual } from "@oslojs/crypto/subtle";
import { encodeBase32LowerCaseNoPadding, encodeBase32UpperCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";

/** A random secret of `bytes` bytes, base32 encoded (32 bytes = 256 bits). */
export function generateSecret(bytes = 32): string {
  const buffer = new Uint8Array(bytes);
  crypto.getRandomValues(buffer);
  return encodeBase32LowerCaseNoPadding(buffer);
}

export function hashSecret(secret: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(secret)));
}

export function secretMatchesHash(secret: string, expectedHash: string): boolean {
  const actual = new TextEncoder().encode(hashSecret(secret));
  const expected = new TextEncoder().encode(expectedHash);
  return actual.length === expected.length && constantTimeEqual(actual, expected);
}

/** A number in [0, 1) from the system's secure random source, for draws nobody may predict. */
export function secureRandom(): number {
  const buffer = new Uint32Array(1);
  crypto.getRandomValues(buffer);
  return buffer[0]! / 2 ** 32;
}

/** A code for `subject` derived from `key` (HMAC-SHA-256, base32): the same every time, unguessable without the key. */
export function stablePseudonym(key: string, subject: string): string {
  const encoder = new TextEncoder();
  return encodeBase32UpperCaseNoPadding(hmac(SHA256, encoder.encode(key), encoder.encode(subject)));
}

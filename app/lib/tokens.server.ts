import { sha256 } from "@oslojs/crypto/sha2";
import { constantTimeEqual } from "@oslojs/crypto/subtle";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";

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

/**
 * Independent benchmark contributors (docs/decisions/0015-independent-benchmark-contributors.md):
 * organizations controlled by the same people count once in a benchmark, so that one person
 * cannot fill a segment with organizations of their own and read a victim's scores off it.
 */

/** Someone who controls an organization: one of its owners or admins. */
export interface Controller {
  userId: string;
  /** The part of the person's email address after the last "@", lower case. */
  emailDomain: string;
}

/**
 * Mail services where anyone can get an address: sharing one says nothing about who runs an
 * organization, so these domains never join organizations.
 */
export const PUBLIC_MAIL_DOMAINS: ReadonlySet<string> = new Set([
  "gmail.com",
  "googlemail.com",
  "outlook.com",
  "hotmail.com",
  "live.com",
  "yahoo.com",
  "icloud.com",
  "me.com",
  "aol.com",
  "gmx.de",
  "gmx.net",
  "web.de",
  "proton.me",
  "protonmail.com",
  "qq.com",
  "163.com",
  "126.com",
  "yandex.ru",
  "mail.ru",
]);

/**
 * Names reserved for examples and tests (RFC 2606, RFC 6761): no organization's mail is there,
 * so like public mail they join nobody. Test accounts and the demo use them.
 */
const RESERVED_DOMAINS = ["example.com", "example.net", "example.org"];
const RESERVED_TOP_LEVEL = ["example", "test", "invalid", "localhost"];

const normalizeDomain = (domain: string) => domain.trim().toLowerCase().replace(/\.$/, "");

/** Whether an email domain points to one organization, so that two people on it are taken to work together. */
export function identifiesOrganization(domain: string): boolean {
  const name = normalizeDomain(domain);
  if (name === "" || !name.includes(".") || PUBLIC_MAIL_DOMAINS.has(name)) return false;
  const reserved = RESERVED_DOMAINS.some((d) => name === d || name.endsWith(`.${d}`)) || RESERVED_TOP_LEVEL.some((tld) => name.endsWith(`.${tld}`));
  return !reserved;
}

/** The keys that join organizations: each controller's user id, and their email domain where it identifies an organization. */
export function controlKeys(controllers: readonly Controller[]): string[] {
  const keys = new Set<string>();
  for (const { userId, emailDomain } of controllers) {
    keys.add(`user:${userId}`);
    const domain = normalizeDomain(emailDomain);
    if (identifiesOrganization(domain)) keys.add(`domain:${domain}`);
  }
  return [...keys];
}

export interface ControlledOrganization {
  organizationId: string;
  controllers?: readonly Controller[];
  /** When the organization was created, in milliseconds; the earliest one speaks for its group. */
  createdAt?: number;
}

/**
 * Groups organizations into independent contributors: two organizations are in one group when
 * they share a control key, directly or through a chain of others (the connected components,
 * by union–find). Each group is represented by its earliest-created organization (ties by id),
 * so an organization added later to a group never displaces the one that already counts.
 * Returns, for every organization, the id of the organization that represents its group.
 */
export function contributorOf<T extends ControlledOrganization>(organizations: readonly T[]): Map<string, string> {
  const parent = organizations.map((_, i) => i);
  const root = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const firstWithKey = new Map<string, number>();
  organizations.forEach((organization, i) => {
    for (const key of controlKeys(organization.controllers ?? [])) {
      const other = firstWithKey.get(key);
      if (other === undefined) firstWithKey.set(key, i);
      else parent[root(i)] = root(other);
    }
  });
  const representative = new Map<number, number>();
  organizations.forEach((organization, i) => {
    const r = root(i);
    const current = representative.get(r);
    if (current === undefined || isEarlier(organization, organizations[current]!)) representative.set(r, i);
  });
  return new Map(organizations.map((organization, i) => [organization.organizationId, organizations[representative.get(root(i))!]!.organizationId]));
}

function isEarlier(a: ControlledOrganization, b: ControlledOrganization): boolean {
  const byTime = (a.createdAt ?? 0) - (b.createdAt ?? 0);
  return byTime < 0 || (byTime === 0 && a.organizationId < b.organizationId);
}

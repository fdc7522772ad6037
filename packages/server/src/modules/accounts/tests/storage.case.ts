import assert from "node:assert/strict";
import { createHash, randomUUID } from "node:crypto";
import { describe, it } from "node:test";
import type { NewAccessToken } from "../index.js";
import type { GetStorage } from "../../../../test/support/contract.js";
import { newOrg, tick } from "../../../../test/support/fixtures.js";

type S = ReturnType<GetStorage>;

async function newUser(s: S, email = `${randomUUID()}@example.com`) {
  return s.accounts.createUser({ id: randomUUID(), email, createdAt: tick() });
}

function token(extra: Partial<NewAccessToken> = {}): NewAccessToken {
  return {
    id: randomUUID(),
    kind: "organization",
    tokenHash: createHash("sha256").update(randomUUID()).digest("hex"),
    organizationId: null,
    userId: null,
    scopes: ["customers:read", "customers:write"],
    expiresAt: null,
    createdAt: tick(),
    ...extra,
  };
}

export function authCases(get: GetStorage): void {
  describe("auth store", () => {
    it("creates and reads organizations with defaults; counts live ones", async () => {
      const s = get();
      const before = await s.accounts.countOrganizations();
      const createdAt = new Date("2024-02-03T04:05:06.789Z");
      const id = randomUUID();
      const org = await s.accounts.createOrganization({ id, name: "Acme", slug: `acme-${id}`, createdAt });
      assert.deepEqual(org, { id, name: "Acme", slug: `acme-${id}`, createdAt, deletedAt: null, apiAccess: true });
      assert.deepEqual(await s.accounts.getOrganization(id), org);
      assert.equal(await s.accounts.getOrganization(randomUUID()), undefined);
      const gone = await newOrg(s, { deletedAt: tick(), apiAccess: false });
      assert.ok(gone.deletedAt instanceof Date);
      assert.equal(gone.apiAccess, false);
      assert.deepEqual(await s.accounts.getOrganization(gone.id), gone);
      assert.equal(await s.accounts.countOrganizations(), before + 1);
    });

    it("rejects a duplicate organization slug", async () => {
      const s = get();
      const org = await newOrg(s);
      await assert.rejects(
        s.accounts.createOrganization({ id: randomUUID(), name: "x", slug: org.slug, createdAt: tick() }),
        (e) => e instanceof Error,
      );
    });

    it("creates and reads users; emails are unique case-insensitively", async () => {
      const s = get();
      const email = `Person.${randomUUID()}@Example.com`;
      const user = await newUser(s, email);
      assert.equal(user.email, email);
      assert.deepEqual(await s.accounts.getUser(user.id), user);
      assert.equal(await s.accounts.getUser(randomUUID()), undefined);
      await assert.rejects(newUser(s, email.toUpperCase()), (e) => e instanceof Error);
      assert.deepEqual(await s.accounts.findUserByEmail(email.toLowerCase()), user);
      assert.equal(await s.accounts.findUserByEmail(`other.${email}`), undefined);
    });

    it("memberships: upsert with new role, only live orgs with API access, in join order", async () => {
      const s = get();
      const user = await newUser(s);
      const [a, b] = [await newOrg(s), await newOrg(s)];
      const deleted = await newOrg(s, { deletedAt: tick() });
      const noApi = await newOrg(s, { apiAccess: false });
      assert.deepEqual(await s.accounts.listMemberships(user.id), []);
      await s.accounts.addMember(a.id, user.id, "member");
      await s.accounts.addMember(b.id, user.id, "owner");
      await s.accounts.addMember(deleted.id, user.id, "owner");
      await s.accounts.addMember(noApi.id, user.id, "owner");
      await s.accounts.addMember(a.id, user.id, "admin");
      const got = await s.accounts.listMemberships(user.id);
      assert.deepEqual(new Set(got.map((m) => `${m.organizationId}:${m.role}`)), new Set([`${a.id}:admin`, `${b.id}:owner`]));
      assert.equal(got.length, 2);
      const other = await newUser(s);
      assert.deepEqual(await s.accounts.listMemberships(other.id), []);
    });

    it("tokens: stored and found by hash, expired and revoked ones included", async () => {
      const s = get();
      const org = await newOrg(s);
      const user = await newUser(s);
      const orgToken = token({ organizationId: org.id, expiresAt: new Date("2000-01-01T00:00:00.001Z") });
      const personal = token({ kind: "personal", userId: user.id, scopes: [] });
      const revokedAt = new Date("2024-03-04T05:06:07.089Z");
      const revoked = { ...token({ organizationId: org.id }), revokedAt };
      assert.deepEqual(await s.accounts.createToken(orgToken), { ...orgToken, revokedAt: null });
      assert.deepEqual(await s.accounts.createToken(personal), { ...personal, revokedAt: null });
      assert.deepEqual(await s.accounts.createToken(revoked), revoked);
      assert.deepEqual(await s.accounts.findTokenByHash(orgToken.tokenHash), { ...orgToken, revokedAt: null });
      assert.deepEqual(await s.accounts.findTokenByHash(personal.tokenHash), { ...personal, revokedAt: null });
      assert.deepEqual(await s.accounts.findTokenByHash(revoked.tokenHash), revoked);
      assert.equal(await s.accounts.findTokenByHash("0".repeat(64)), undefined);
      await assert.rejects(s.accounts.createToken(token({ tokenHash: orgToken.tokenHash, organizationId: org.id })), (e) => e instanceof Error);
    });
  });
}

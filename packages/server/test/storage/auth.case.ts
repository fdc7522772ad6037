import assert from "node:assert/strict";
import { createHash, randomUUID } from "node:crypto";
import { describe, it } from "node:test";
import type { NewAccessToken } from "../../src/storage/types.js";
import type { GetStorage } from "./contract.case.js";
import { newOrg, tick } from "./fixtures.js";

type S = ReturnType<GetStorage>;

async function newUser(s: S, email = `${randomUUID()}@example.com`) {
  return s.auth.createUser({ id: randomUUID(), email, createdAt: tick() });
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
      const before = await s.auth.countOrganizations();
      const createdAt = new Date("2024-02-03T04:05:06.789Z");
      const id = randomUUID();
      const org = await s.auth.createOrganization({ id, name: "Acme", slug: `acme-${id}`, createdAt });
      assert.deepEqual(org, { id, name: "Acme", slug: `acme-${id}`, createdAt, deletedAt: null, apiAccess: true });
      assert.deepEqual(await s.auth.getOrganization(id), org);
      assert.equal(await s.auth.getOrganization(randomUUID()), undefined);
      const gone = await newOrg(s, { deletedAt: tick(), apiAccess: false });
      assert.ok(gone.deletedAt instanceof Date);
      assert.equal(gone.apiAccess, false);
      assert.deepEqual(await s.auth.getOrganization(gone.id), gone);
      assert.equal(await s.auth.countOrganizations(), before + 1);
    });

    it("rejects a duplicate organization slug", async () => {
      const s = get();
      const org = await newOrg(s);
      await assert.rejects(
        s.auth.createOrganization({ id: randomUUID(), name: "x", slug: org.slug, createdAt: tick() }),
        (e) => e instanceof Error,
      );
    });

    it("creates and reads users; emails are unique case-insensitively", async () => {
      const s = get();
      const email = `Person.${randomUUID()}@Example.com`;
      const user = await newUser(s, email);
      assert.equal(user.email, email);
      assert.deepEqual(await s.auth.getUser(user.id), user);
      assert.equal(await s.auth.getUser(randomUUID()), undefined);
      await assert.rejects(newUser(s, email.toUpperCase()), (e) => e instanceof Error);
      assert.deepEqual(await s.auth.findUserByEmail(email.toLowerCase()), user);
      assert.equal(await s.auth.findUserByEmail(`other.${email}`), undefined);
    });

    it("memberships: upsert with new role, only live orgs with API access, in join order", async () => {
      const s = get();
      const user = await newUser(s);
      const [a, b] = [await newOrg(s), await newOrg(s)];
      const deleted = await newOrg(s, { deletedAt: tick() });
      const noApi = await newOrg(s, { apiAccess: false });
      assert.deepEqual(await s.auth.listMemberships(user.id), []);
      await s.auth.addMember(a.id, user.id, "member");
      await s.auth.addMember(b.id, user.id, "owner");
      await s.auth.addMember(deleted.id, user.id, "owner");
      await s.auth.addMember(noApi.id, user.id, "owner");
      await s.auth.addMember(a.id, user.id, "admin");
      const got = await s.auth.listMemberships(user.id);
      assert.deepEqual(new Set(got.map((m) => `${m.organizationId}:${m.role}`)), new Set([`${a.id}:admin`, `${b.id}:owner`]));
      assert.equal(got.length, 2);
      const other = await newUser(s);
      assert.deepEqual(await s.auth.listMemberships(other.id), []);
    });

    it("tokens: stored and found by hash, expired and revoked ones included", async () => {
      const s = get();
      const org = await newOrg(s);
      const user = await newUser(s);
      const orgToken = token({ organizationId: org.id, expiresAt: new Date("2000-01-01T00:00:00.001Z") });
      const personal = token({ kind: "personal", userId: user.id, scopes: [] });
      const revokedAt = new Date("2024-03-04T05:06:07.089Z");
      const revoked = { ...token({ organizationId: org.id }), revokedAt };
      assert.deepEqual(await s.auth.createToken(orgToken), { ...orgToken, revokedAt: null });
      assert.deepEqual(await s.auth.createToken(personal), { ...personal, revokedAt: null });
      assert.deepEqual(await s.auth.createToken(revoked), revoked);
      assert.deepEqual(await s.auth.findTokenByHash(orgToken.tokenHash), { ...orgToken, revokedAt: null });
      assert.deepEqual(await s.auth.findTokenByHash(personal.tokenHash), { ...personal, revokedAt: null });
      assert.deepEqual(await s.auth.findTokenByHash(revoked.tokenHash), revoked);
      assert.equal(await s.auth.findTokenByHash("0".repeat(64)), undefined);
      await assert.rejects(s.auth.createToken(token({ tokenHash: orgToken.tokenHash, organizationId: org.id })), (e) => e instanceof Error);
    });
  });
}

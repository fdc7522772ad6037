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
      const revoked = { ...token({ organizationId: org.id }), revokedAt, hint: null, lastUsedAt: null };
      const fresh = { revokedAt: null, hint: null, lastUsedAt: null };
      assert.deepEqual(await s.accounts.createToken(orgToken), { ...orgToken, ...fresh });
      assert.deepEqual(await s.accounts.createToken(personal), { ...personal, ...fresh });
      assert.deepEqual(await s.accounts.createToken(revoked), revoked);
      assert.deepEqual(await s.accounts.findTokenByHash(orgToken.tokenHash), { ...orgToken, ...fresh });
      assert.deepEqual(await s.accounts.findTokenByHash(personal.tokenHash), { ...personal, ...fresh });
      assert.deepEqual(await s.accounts.findTokenByHash(revoked.tokenHash), revoked);
      assert.equal(await s.accounts.findTokenByHash("0".repeat(64)), undefined);
      await assert.rejects(
        s.accounts.createToken(token({ tokenHash: orgToken.tokenHash, organizationId: org.id })),
        (e) => e instanceof Error,
      );
    });

    it("lists and soft-deletes organizations; finds them by slug, deleted ones too", async () => {
      const s = get();
      const a = await newOrg(s);
      const b = await newOrg(s);
      const listed = (await s.accounts.listOrganizations()).map((o) => o.id);
      assert.ok(listed.includes(a.id) && listed.includes(b.id));
      assert.ok(listed.indexOf(a.id) < listed.indexOf(b.id), "oldest first");
      const at = new Date("2025-01-02T03:04:05.678Z");
      assert.equal(await s.accounts.deleteOrganization(a.id, at), true);
      assert.equal(await s.accounts.deleteOrganization(a.id, tick()), false, "already deleted");
      assert.equal(await s.accounts.deleteOrganization(randomUUID(), tick()), false);
      assert.deepEqual((await s.accounts.getOrganization(a.id))?.deletedAt, at);
      assert.ok(!(await s.accounts.listOrganizations()).some((o) => o.id === a.id));
      assert.equal((await s.accounts.findOrganizationBySlug(a.slug))?.id, a.id);
      assert.equal((await s.accounts.findOrganizationBySlug(b.slug))?.id, b.id);
      assert.equal(await s.accounts.findOrganizationBySlug(`none-${randomUUID()}`), undefined);
    });

    it("lists users oldest first; removes memberships", async () => {
      const s = get();
      const [u1, u2] = [await newUser(s), await newUser(s)];
      const users = (await s.accounts.listUsers()).map((u) => u.id);
      assert.ok(users.indexOf(u1.id) >= 0 && users.indexOf(u1.id) < users.indexOf(u2.id));
      const org = await newOrg(s);
      await s.accounts.addMember(org.id, u1.id, "admin");
      assert.equal(await s.accounts.removeMember(org.id, u1.id, tick()), true);
      assert.equal(await s.accounts.removeMember(org.id, u1.id, tick()), false, "no longer a member");
      assert.equal(await s.accounts.removeMember(org.id, u2.id, tick()), false, "never a member");
      assert.deepEqual(await s.accounts.listMemberships(u1.id), []);
      await s.accounts.addMember(org.id, u1.id, "member");
      assert.deepEqual(
        await s.accounts.listMemberships(u1.id),
        [{ organizationId: org.id, role: "member" }],
        "a removed member can be added again",
      );
    });

    it("tokens: listed per owner with hints, revoked once, last use only moves forward", async () => {
      const s = get();
      const [org, other] = [await newOrg(s), await newOrg(s)];
      const user = await newUser(s);
      const first = await s.accounts.createToken(token({ organizationId: org.id, hint: "polar_oat_AbCd" }));
      const second = await s.accounts.createToken(token({ organizationId: org.id }));
      await s.accounts.createToken(token({ organizationId: other.id }));
      const personal = await s.accounts.createToken(token({ kind: "personal", userId: user.id }));
      assert.equal(first.hint, "polar_oat_AbCd");
      assert.deepEqual(await s.accounts.listTokens({ organizationId: org.id }), [first, second]);
      assert.deepEqual(await s.accounts.listTokens({ userId: user.id }), [personal]);
      assert.deepEqual(await s.accounts.listTokens({ organizationId: randomUUID() }), []);
      assert.deepEqual(await s.accounts.getToken(first.id), first);
      assert.equal(await s.accounts.getToken(randomUUID()), undefined);

      const revokedAt = new Date("2025-05-06T07:08:09.123Z");
      assert.deepEqual(await s.accounts.revokeToken(first.id, revokedAt), { ...first, revokedAt });
      assert.deepEqual(await s.accounts.revokeToken(first.id, tick()), { ...first, revokedAt }, "a second revocation keeps the first time");
      assert.equal(await s.accounts.revokeToken(randomUUID(), tick()), undefined);

      const later = new Date("2025-06-01T00:00:00.500Z");
      const earlier = new Date("2025-05-01T00:00:00.250Z");
      await s.accounts.recordTokenUse(second.tokenHash, later);
      await s.accounts.recordTokenUse(second.tokenHash, earlier);
      await s.accounts.recordTokenUse("0".repeat(64), later);
      assert.deepEqual((await s.accounts.getToken(second.id))?.lastUsedAt, later);
      assert.equal((await s.accounts.getToken(personal.id))?.lastUsedAt, null);
    });
  });
}

// The accounts tables (organizations, users, memberships, access tokens), per
// backend. Step names are shared with the other modules' steps and run in name
// order; never edit a shipped step, add a new one. PostgreSQL identifier
// columns use COLLATE "C" so ordering is bytewise and identical to SQLite.
import type { ModuleMigrations } from "../../platform/storage/migrations.js";

/**
 * What `tokens list` shows about a token without revealing it: a display hint
 * (the prefix and the first four random characters, e.g. `polar_oat_AbCd`; 24
 * of 256 bits, useless for guessing) and when it was last used. Tokens issued
 * before this step have no hint.
 */
const TOKEN_DETAILS = (timeType: string) => [
  `alter table access_tokens add column hint text`,
  `alter table access_tokens add column last_used_at ${timeType}`,
  `create index access_tokens_organization on access_tokens (organization_id)`,
  `create index access_tokens_user on access_tokens (user_id)`,
];

export const accountsMigrations: ModuleMigrations = {
  sqlite: {
    "0001_initial": [
      `create table organizations (
        id text primary key,
        name text not null,
        slug text not null unique,
        created_at integer not null,
        deleted_at integer,
        api_access integer not null default 1
      )`,
      `create table users (
        id text primary key,
        email text not null,
        email_key text not null,
        created_at integer not null
      )`,
      `create unique index users_email_key on users (email_key)`,
      `create table memberships (
        organization_id text not null references organizations (id),
        user_id text not null references users (id),
        role text not null,
        created_at integer not null,
        deleted_at integer,
        primary key (organization_id, user_id)
      )`,
      `create index memberships_user on memberships (user_id)`,
      `create table access_tokens (
        id text primary key,
        kind text not null check (kind in ('organization', 'personal')),
        token_hash text not null unique,
        organization_id text references organizations (id),
        user_id text references users (id),
        scopes text not null,
        expires_at integer,
        revoked_at integer,
        created_at integer not null
      )`,
    ],
    "0002_accounts_token_details": TOKEN_DETAILS("integer"),
  },
  postgres: {
    "0001_initial": [
      `create table organizations (
        id text collate "C" primary key,
        name text not null,
        slug text not null unique,
        created_at timestamptz not null,
        deleted_at timestamptz,
        api_access boolean not null default true
      )`,
      `create table users (
        id text collate "C" primary key,
        email text not null,
        email_key text collate "C" not null,
        created_at timestamptz not null
      )`,
      `create unique index users_email_key on users (email_key)`,
      `create table memberships (
        organization_id text collate "C" not null references organizations (id),
        user_id text collate "C" not null references users (id),
        role text not null,
        created_at timestamptz not null,
        deleted_at timestamptz,
        primary key (organization_id, user_id)
      )`,
      `create index memberships_user on memberships (user_id)`,
      `create table access_tokens (
        id text collate "C" primary key,
        kind text not null check (kind in ('organization', 'personal')),
        token_hash text not null unique,
        organization_id text collate "C" references organizations (id),
        user_id text collate "C" references users (id),
        scopes jsonb not null,
        expires_at timestamptz,
        revoked_at timestamptz,
        created_at timestamptz not null
      )`,
    ],
    "0002_accounts_token_details": TOKEN_DETAILS("timestamptz"),
  },
};

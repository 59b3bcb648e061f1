import type { Kysely } from 'kysely';
import { executeScript } from '../script.js';

/**
 * Sign-in across units (docs/decisions/0002-usernames-across-units.md). Frozen once landed.
 *
 * - login_names: the deployment's directory of sign-in names, lower-cased, each naming the one
 *   account it signs in. A username is unique across the whole deployment (case-insensitively),
 *   so a unit can never create a name that another unit's user signs in with. The primary key
 *   makes that atomic; the trigger on users fills it, so no code path that creates accounts
 *   (the accounts page, first-run setup, the demo, a later bulk import) can forget it. A global
 *   table like tenants: a Citus reference table.
 * - Names that several accounts already shared before this migration are kept, with no account
 *   (tenant_id and user_id null): those accounts sign in with their unit's code, as before, and
 *   no new account can take the name.
 * - login_throttle replaces login_failures: one row per key (an account or an address) counted
 *   with one atomic upsert per sign-in attempt, so concurrent attempts cannot all read "not
 *   blocked" before any failure is written (modules/auth/service.ts).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    create table login_names (
      name text primary key,
      tenant_id bigint references tenants (id),
      user_id bigint,
      check ((tenant_id is null) = (user_id is null))
    );
    insert into login_names (name, tenant_id, user_id)
      select lower(username),
        case when count(*) = 1 then min(tenant_id) end,
        case when count(*) = 1 then min(id) end
      from users group by lower(username);

    create function login_names_claim() returns trigger language plpgsql as $$
    begin
      if tg_op = 'UPDATE' then
        if lower(new.username) = lower(old.username) then return new; end if;
        delete from login_names where name = lower(old.username) and tenant_id = old.tenant_id and user_id = old.id;
      end if;
      insert into login_names (name, tenant_id, user_id) values (lower(new.username), new.tenant_id, new.id);
      return new;
    end $$;
    create trigger users_login_name after insert or update of username on users
      for each row execute function login_names_claim();

    create table login_throttle (
      key text primary key,
      attempts integer not null,
      window_start timestamptz not null,
      lockouts integer not null default 0,
      blocked_until timestamptz,
      updated_at timestamptz not null default now()
    );
    create index login_throttle_updated on login_throttle (updated_at);
    drop table login_failures;
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    create table if not exists login_failures (
      id bigint generated always as identity primary key,
      key text not null,
      at timestamptz not null default now()
    );
    create index if not exists login_failures_key_at on login_failures (key, at);
    drop table if exists login_throttle;
    drop trigger if exists users_login_name on users;
    drop function if exists login_names_claim;
    drop table if exists login_names;
  `,
  );
}

import { sql } from "drizzle-orm";
import type { Db } from "./client";
import { applyPeerMinOrganisations, CURRENT_PEER_VALUES_SQL, PEER_VALUES_SQL, peerMinOrganisations } from "./peer-cohorts";

/**
 * Row-level security for every table that has an org_id column, found in the catalogue so a new
 * tenant table is covered without anyone remembering to add a policy. Idempotent; run after every
 * migration. FORCE makes the policies apply to the table owner too.
 *
 * A transaction names its tenant with set_config('app.org_id', …, true); an empty or missing
 * setting matches no row. Members may also read their own memberships and organisations (the org
 * switcher needs that before a tenant is chosen).
 */
export async function applySecurity(db: Db, options: { appRole: string | null; peerMinOrgs?: number }): Promise<void> {
  await applyPeerMinOrganisations(db, options.peerMinOrgs ?? peerMinOrganisations());
  for (const statement of `${FUNCTIONS_SQL}\n${PEER_VALUES_SQL}\n${CURRENT_PEER_VALUES_SQL}`.split(/;\s*\n\s*\n/)) {
    if (statement.trim()) await db.execute(sql.raw(statement.replace(/;\s*$/, "")));
  }
  const tables = await db.execute<{ table_name: string }>(sql`
    select c.table_name from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = 'public' and c.column_name = 'org_id' and t.table_type = 'BASE TABLE'
    order by c.table_name`);
  for (const { table_name: table } of rowsOf<{ table_name: string }>(tables)) {
    const t = sql.identifier(table);
    await db.execute(sql`alter table ${t} enable row level security`);
    await db.execute(sql`alter table ${t} force row level security`);
    await db.execute(sql`drop policy if exists tenant_isolation on ${t}`);
    await db.execute(
      sql`create policy tenant_isolation on ${t} using (org_id = koubei_current_org()) with check (org_id = koubei_current_org())`,
    );
  }
  await db.execute(sql`drop policy if exists own_memberships on memberships`);
  await db.execute(sql`create policy own_memberships on memberships for select using (user_id = koubei_current_user())`);
  // The directory (ADR 0012): a published card holds only the fields its owner chose, so any
  // organisation may read the cards; tenant_isolation above keeps every write to the owner.
  for (const table of ["directory_cards", "directory_card_days"]) {
    const t = sql.identifier(table);
    await db.execute(sql`drop policy if exists directory_read on ${t}`);
    await db.execute(sql`create policy directory_read on ${t} for select using (koubei_current_org() is not null)`);
  }
  await db.execute(sql`drop policy if exists member_organisations on organisations`);
  await db.execute(sql`create policy member_organisations on organisations for select
    using (org_id in (select m.org_id from memberships m where m.user_id = koubei_current_user()))`);

  if (options.appRole) {
    const role = sql.identifier(options.appRole);
    await db.execute(sql`grant usage on schema public to ${role}`);
    await db.execute(sql`grant select, insert, update, delete on all tables in schema public to ${role}`);
    await db.execute(sql`grant usage, select on all sequences in schema public to ${role}`);
    await db.execute(sql`grant execute on all functions in schema public to ${role}`);
  }
}

export async function ensurePgliteAppRole(db: Db, role: string): Promise<void> {
  const found = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from pg_roles where rolname = ${role}`));
  if (!found[0]?.n) await db.execute(sql`create role ${sql.identifier(role)} nologin nosuperuser nobypassrls`);
}

export function rowsOf<T>(result: unknown): T[] {
  // postgres-js returns an array; PGlite returns { rows }.
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

/**
 * The only functions that read across tenants. SECURITY DEFINER runs them as the schema owner
 * (who must be a superuser or have BYPASSRLS); each returns the least it can: org ids for system
 * jobs, an org id for an invitation token or an API key's hash, the organisations that watch the directory, ids of imports whose process died, anonymous peer
 * values for cohorts (peer-cohorts.ts).
 */
const FUNCTIONS_SQL = `
create or replace function koubei_current_org() returns uuid language sql stable as
$$ select nullif(current_setting('app.org_id', true), '')::uuid $$;

create or replace function koubei_current_user() returns uuid language sql stable as
$$ select nullif(current_setting('app.user_id', true), '')::uuid $$;

create or replace function koubei_find_orgs(p_ref text) returns table(org_id uuid, name text)
language sql stable security definer set search_path = public as
$$ select o.org_id, o.name from organisations o
   where o.org_id::text = lower(p_ref) or o.name = p_ref order by o.created_at $$;

create or replace function koubei_org_ids() returns setof uuid
language sql stable security definer set search_path = public as
$$ select o.org_id from organisations o order by o.created_at $$;

create or replace function koubei_invitation_org(p_token_hash text) returns uuid
language sql stable security definer set search_path = public as
$$ select i.org_id from invitations i where i.token_hash = p_token_hash limit 1 $$;

create or replace function koubei_api_key_org(p_secret_hash text) returns uuid
language sql stable security definer set search_path = public as
$$ select k.org_id from api_keys k where k.secret_hash = p_secret_hash and k.revoked_at is null limit 1 $$;

create or replace function koubei_orgs_with_saved_searches() returns setof uuid
language sql stable security definer set search_path = public as
$$ select distinct s.org_id from saved_searches s $$;

create or replace function koubei_stale_imports(p_stale_seconds int) returns table(org_id uuid, id uuid)
language sql stable security definer set search_path = public as
$$ select i.org_id, i.id from imports i
   where i.status = 'running'
     and coalesce(i.heartbeat_at, i.started_at, i.updated_at) < now() - make_interval(secs => p_stale_seconds) $$;
`;

/**
 * Bump when the policies or grants that applySecurity writes change without a migration: a
 * database set up before then is set up again (setup-fingerprint.ts). Its SQL texts count by themselves.
 */
const SECURITY_REVISION = 1;

/** Everything the security setup applies that is not a migration, as text for the setup fingerprint. */
export const SECURITY_SETUP_TEXT = `revision ${SECURITY_REVISION}\n${FUNCTIONS_SQL}\n${PEER_VALUES_SQL}\n${CURRENT_PEER_VALUES_SQL}`;

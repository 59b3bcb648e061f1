/**
 * Kysely queries for the dues ledger (党费收缴台账): month closes, payments, voluntary extras,
 * corrections and statements (all append-only entries), and the yearly ledger and collection
 * reports read from them.
 */
import type { DataScope } from '@hongyi/core';
import { type Insertable, type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import { countUpTo } from '../../lib/paging.js';
import { inIds, subtree } from '../../lib/scope.js';
import { type Db, monthDate, monthKey, orgPathCondition } from './repository.js';
import { idNumberHash, openRow } from '../../db/sealed.js';

// ---------------------------------------------------------------------------------------
// Entries

/** Ledger entries with who recorded them and the effective amount after corrections. */
function entriesQuery(db: Db, tenantId: number) {
  return db
    .selectFrom('dues_entries as e')
    .innerJoin('members as m', (j) => j.onRef('m.tenant_id', '=', 'e.tenant_id').onRef('m.id', '=', 'e.member_id'))
    .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'e.tenant_id').onRef('o.id', '=', 'e.org_id'))
    .select([
      'e.id',
      'e.member_id',
      'm.name as member_name',
      'e.org_id',
      'o.name as org_name',
      'e.month',
      'e.kind',
      'e.affects',
      'e.amount_cents',
      'e.method',
      'e.paid_on',
      'e.corrects_id',
      'e.to_centre',
      'e.reference',
      'e.note',
      'e.recorded_by_name',
      'e.recorded_at',
      sql<number>`(e.amount_cents + coalesce((select sum(c.amount_cents) from dues_entries c where c.tenant_id = e.tenant_id and c.corrects_id = e.id), 0))::int8`.as(
        'effective_cents',
      ),
    ])
    .where('e.tenant_id', '=', tenantId);
}

type EntryRow = Awaited<ReturnType<ReturnType<typeof entriesQuery>['execute']>>[number];

function entryOf(r: EntryRow) {
  return {
    id: r.id,
    memberId: r.member_id,
    memberName: r.member_name,
    orgId: r.org_id,
    orgName: r.org_name,
    month: monthKey(r.month),
    kind: r.kind,
    affects: r.affects,
    amountCents: r.amount_cents,
    effectiveCents: r.kind === 'correction' ? r.amount_cents : Number(r.effective_cents),
    method: r.method,
    paidOn: r.paid_on,
    correctsId: r.corrects_id,
    toCentre: r.to_centre,
    reference: r.reference,
    note: r.note,
    recordedBy: r.recorded_by_name,
    recordedAt: new Date(r.recorded_at).toISOString(),
  };
}

export type Entry = ReturnType<typeof entryOf>;

/** A member's latest entries, newest first. */
export async function memberEntries(db: Db, tenantId: number, memberId: number, limit: number): Promise<Entry[]> {
  return (await entriesQuery(db, tenantId).where('e.member_id', '=', memberId).orderBy('e.id', 'desc').limit(limit).execute()).map(entryOf);
}

export interface EntryFilters {
  month?: string | undefined;
  memberId?: number | undefined;
  kind?: 'due' | 'payment' | 'voluntary' | 'correction' | undefined;
}

/**
 * A page of the entries in scope (and in an org subtree), newest month first. The ledger only
 * grows (a month's dues for every member): the total counts as far as a list can be paged.
 */
export async function entriesPage(db: Db, tenantId: number, scope: DataScope, orgPath: string | null, f: EntryFilters, page: { limit: number; offset: number }) {
  let q = entriesQuery(db, tenantId).where(subtree(scope, 'o.path', 'e.member_id')).where(orgPathCondition('o.path', orgPath));
  if (f.month) q = q.where('e.month', '=', monthDate(f.month));
  if (f.memberId) q = q.where('e.member_id', '=', f.memberId);
  if (f.kind) q = q.where('e.kind', '=', f.kind);
  const total = await countUpTo(db as Kysely<DB>, q);
  const rows = await q.orderBy('e.month', 'desc').orderBy('e.id', 'desc').limit(page.limit).offset(page.offset).execute();
  return { items: rows.map(entryOf), total };
}

export type NewEntry = Omit<Insertable<DB['dues_entries']>, 'tenant_id'>;

export async function insertEntries(db: Db, tenantId: number, entries: NewEntry[]) {
  if (entries.length === 0) return [];
  return db.insertInto('dues_entries').values(entries.map((e) => ({ ...e, tenant_id: tenantId }))).returning(['id', 'month', 'amount_cents']).execute();
}

/**
 * Records the unit's charged months as paid in full on the 15th of each month, in one statement
 * (a unit's past collection entered at once: the demo's ledger): every 'due' entry gets its
 * payment, except a member's months from the one they stopped paying (`stoppedFrom`, member id →
 * first unpaid month 'YYYY-MM-01'); the `cash` members paid in cash, the others by transfer.
 */
export async function payChargedMonths(db: Db, tenantId: number, o: { stoppedFrom: ReadonlyMap<number, string>; cash: readonly number[]; name: string }): Promise<void> {
  await sql`
    insert into dues_entries (tenant_id, member_id, org_id, month, kind, affects, amount_cents, method, paid_on, recorded_by_name, recorded_at)
    select e.tenant_id, e.member_id, e.org_id, e.month, 'payment', 'paid', e.amount_cents,
      case when e.member_id = any(string_to_array(${o.cash.join(',')}, ',')::bigint[]) then 'cash' else 'transfer' end,
      (e.month + interval '14 days')::date, ${o.name}, (e.month + interval '14 days')::timestamptz
    from dues_entries e
    left join (
      select unnest(string_to_array(${[...o.stoppedFrom.keys()].join(',')}, ',')::bigint[]) as member_id,
             unnest(string_to_array(${[...o.stoppedFrom.values()].join(',')}, ',')::date[]) as from_month
    ) u on u.member_id = e.member_id
    where e.tenant_id = ${tenantId} and e.kind = 'due' and (u.from_month is null or e.month < u.from_month)
  `.execute(db);
}

/** What is due and paid per month ('YYYY-MM') for a member, and whether the month has a due entry. */
export async function outstandingByMonth(db: Db, tenantId: number, memberId: number, months: readonly string[]) {
  const rows = await db
    .selectFrom('dues_entries')
    .select([
      'month',
      sql<number>`sum(case when affects = 'due' then amount_cents else 0 end)::int8`.as('due'),
      sql<number>`sum(case when affects = 'paid' then amount_cents else 0 end)::int8`.as('paid'),
      sql<number>`count(*) filter (where kind = 'due')::int8`.as('due_entries'),
    ])
    .where('tenant_id', '=', tenantId)
    .where('member_id', '=', memberId)
    .where('month', 'in', months.map(monthDate))
    .groupBy('month')
    .execute();
  return new Map(rows.map((r) => [monthKey(r.month), { due: Number(r.due), paid: Number(r.paid), hasDue: Number(r.due_entries) > 0 }]));
}

/** Locks the member's ledger for the transaction, so two collectors cannot pay the same month twice. */
export async function lockMember(db: Db, tenantId: number, memberId: number): Promise<void> {
  await sql`select id from members where tenant_id = ${tenantId} and id = ${memberId} for update`.execute(db);
}

/** An entry, locked for the transaction (a correction refers to it), with what corrections have added to it. */
export async function entryForCorrection(db: Db, tenantId: number, entryId: number) {
  const original = await sql<{ id: number; member_id: number; org_id: number; month: string; kind: string; affects: 'due' | 'paid' | 'voluntary'; to_centre: boolean; amount_cents: number }>`
    select id, member_id, org_id, month, kind, affects, to_centre, amount_cents from dues_entries
    where tenant_id = ${tenantId} and id = ${entryId} for update
  `.execute(db);
  const entry = original.rows[0];
  if (!entry) return undefined;
  const corrections = await db
    .selectFrom('dues_entries')
    .select(sql<number>`coalesce(sum(amount_cents), 0)::int8`.as('sum'))
    .where('tenant_id', '=', tenantId)
    .where('corrects_id', '=', entryId)
    .executeTakeFirstOrThrow();
  return { ...entry, member_id: Number(entry.member_id), org_id: Number(entry.org_id), correctedCents: Number(corrections.sum) };
}

/** Members in scope with these ID numbers (a statement names members by name and ID number). */
export async function membersByIdNumber(db: Db, tenantId: number, scope: DataScope, idNumbers: readonly string[]) {
  if (idNumbers.length === 0) return [];
  const rows = await db
    .selectFrom('members as m')
    .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'm.tenant_id').onRef('o.id', '=', 'm.org_id'))
    .select(['m.id', 'm.name', 'm.id_number_enc', 'm.org_id'])
    .where('m.tenant_id', '=', tenantId)
    .where('m.id_number_hash', 'in', idNumbers.map(idNumberHash))
    .where(subtree(scope, 'o.path', 'm.id'))
    .execute();
  return rows.map(openRow);
}

// ---------------------------------------------------------------------------------------
// Month close

/**
 * Charges a month to every active member of an org subtree who has none yet, in one statement:
 * members who joined after the month owe nothing for it; the amount is the fixed one for the
 * fixed categories, the farmer's own (else the fixed one), else the base in force (the latest
 * 核定 of that year or, until re-assessed, of an earlier year); a member whose category needs a
 * base and has none is skipped. The entries' recorded_at is the transaction's now(), as is the
 * close's closed_at: the list of closes counts a branch's share of a 党委-wide close by it. (A
 * close recorded after the fact, the demo's earlier months, names its time as `by.at`, and the
 * close the same.)
 */
export async function chargeMonth(db: Db, tenantId: number, orgPath: string, month: string, fixedCents: number, by: { userId: number | null; name: string; at?: string }) {
  const first = monthDate(month);
  const year = Number(month.slice(0, 4));
  const result = await sql<{ n: number; total: number | null }>`
    with candidates as (
      select m.tenant_id, m.id as member_id, m.org_id, m.dues_category, m.dues_farmer_cents, b.id as base_id, b.monthly_cents
      from members m
      join orgs o on o.tenant_id = m.tenant_id and o.id = m.org_id
      left join lateral (
        select b.id, b.monthly_cents from dues_bases b
        where b.tenant_id = m.tenant_id and b.member_id = m.id and b.year <= ${year}
        order by b.year desc, b.id desc limit 1
      ) b on true
      where m.tenant_id = ${tenantId} and m.status = 'active'
        and ${orgPathCondition('o.path', orgPath)}
        and (m.joined_on is null or m.joined_on < (${first}::date + interval '1 month'))
    ), inserted as (
      insert into dues_entries (tenant_id, member_id, org_id, month, kind, affects, amount_cents, base_id, recorded_by, recorded_by_name, recorded_at)
      select tenant_id, member_id, org_id, ${first}::date, 'due', 'due',
        case when dues_category in ('student', 'unemployed', 'low_income') then ${fixedCents}::int
             when dues_category = 'farmer' then coalesce(dues_farmer_cents, ${fixedCents}::int)
             else monthly_cents end,
        base_id, ${by.userId}, ${by.name}, coalesce(${by.at ?? null}::timestamptz, now())
      from candidates
      where dues_category not in ('employed', 'retired') or base_id is not null
      on conflict (tenant_id, member_id, month) where kind = 'due' do nothing
      returning amount_cents
    )
    select count(*)::int8 as n, sum(amount_cents)::int8 as total from inserted
  `.execute(db);
  return { created: Number(result.rows[0]?.n ?? 0), dueCents: Number(result.rows[0]?.total ?? 0) };
}

/** Active members of an org subtree, members by the month, whose category needs a base and who have none for its year. */
export async function membersWithoutBase(db: Db, tenantId: number, orgPath: string, month: string) {
  const first = monthDate(month);
  const year = Number(month.slice(0, 4));
  const missing = await sql<{ id: number; name: string }>`
    select m.id, m.name from members m join orgs o on o.tenant_id = m.tenant_id and o.id = m.org_id
    where m.tenant_id = ${tenantId} and m.status = 'active' and ${orgPathCondition('o.path', orgPath)}
      and m.dues_category in ('employed', 'retired')
      and (m.joined_on is null or m.joined_on < (${first}::date + interval '1 month'))
      and not exists (select 1 from dues_bases b where b.tenant_id = m.tenant_id and b.member_id = m.id and b.year <= ${year})
    order by m.id
  `.execute(db);
  return missing.rows.map((r) => ({ id: Number(r.id), name: r.name }));
}

export async function insertMonthClose(db: Db, tenantId: number, close: { month: string; orgId: number; memberCount: number; dueCents: number; userId: number | null; name: string; at?: string }): Promise<number> {
  const row = await db
    .insertInto('dues_month_closes')
    .values({
      tenant_id: tenantId,
      month: monthDate(close.month),
      org_id: close.orgId,
      member_count: close.memberCount,
      due_cents: close.dueCents,
      closed_by: close.userId,
      closed_by_name: close.name,
      ...(close.at ? { closed_at: close.at } : {}),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Month closes a scope sees, newest first, with the members and amounts due each one added.
 * A branch also sees the closes of the orgs above it that covered its members; their figures
 * are counted from the ledger within the branch's scope, never the whole close's (a close's
 * entries carry its closed_at as recorded_at: one transaction, one now()).
 */
export async function monthCloses(db: Db, tenantId: number, scope: DataScope, page: { limit: number; offset: number }) {
  if (scope.kind === 'self') return { items: [], total: 0 };
  const visible =
    scope.kind === 'subtree'
      ? sql<boolean>`(${subtree(scope, 'o.path')} or ${sql.join(
          scope.paths.map((p) => sql`${p} like o.path || '%'`),
          sql` or `,
        )})`
      : sql<boolean>`true`;
  const base = db
    .selectFrom('dues_month_closes as c')
    .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'c.tenant_id').onRef('o.id', '=', 'c.org_id'))
    .where('c.tenant_id', '=', tenantId)
    .where(visible);
  const { total } = await base.select(sql<number>`count(*)`.as('total')).executeTakeFirstOrThrow();
  const rows = await base
    .select(['c.id', 'c.month', 'c.org_id', 'o.name', 'c.member_count', 'c.due_cents', 'c.closed_by_name', 'c.closed_at'])
    .orderBy('c.month', 'desc')
    .orderBy('c.id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  // Within a subtree, each close counts only the entries it made for members in the scope.
  const own = new Map<number, { n: number; cents: number }>();
  if (scope.kind === 'subtree' && rows.length > 0) {
    const shares = await db
      .selectFrom('dues_month_closes as c')
      .innerJoin('dues_entries as e', (j) =>
        j.onRef('e.tenant_id', '=', 'c.tenant_id').onRef('e.month', '=', 'c.month').onRef('e.recorded_at', '=', 'c.closed_at').on('e.kind', '=', 'due'),
      )
      .innerJoin('orgs as eo', (j) => j.onRef('eo.tenant_id', '=', 'e.tenant_id').onRef('eo.id', '=', 'e.org_id'))
      .select(['c.id', sql<number>`count(*)::int8`.as('n'), sql<number>`sum(e.amount_cents)::int8`.as('cents')])
      .where('c.tenant_id', '=', tenantId)
      .where(inIds('c.id', rows.map((x) => x.id)))
      .where(subtree(scope, 'eo.path'))
      .groupBy('c.id')
      .execute();
    for (const x of shares) own.set(x.id, { n: Number(x.n), cents: Number(x.cents) });
  }
  return {
    items: rows.map((x) => ({
      id: x.id,
      month: monthKey(x.month),
      orgId: x.org_id,
      orgName: x.name,
      memberCount: scope.kind === 'subtree' ? (own.get(x.id)?.n ?? 0) : x.member_count,
      dueCents: scope.kind === 'subtree' ? (own.get(x.id)?.cents ?? 0) : Number(x.due_cents),
      closedBy: x.closed_by_name,
      closedAt: new Date(x.closed_at).toISOString(),
    })),
    total: Number(total),
  };
}


// ---------------------------------------------------------------------------------------
// Yearly ledger and collection reports

/**
 * Per member, what was due, paid and paid voluntarily (and of that, to the Centre) from one
 * month to another, with the base in force for the year. Entries count towards the branch they
 * were recorded in, so a member who moved during the year appears in both branches' ledgers
 * with the months each collected.
 */
export async function ledgerRows(db: Db, tenantId: number, scope: DataScope, orgPath: string | null, year: number) {
  const rows = await db
    .selectFrom('dues_entries as e')
    .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'e.tenant_id').onRef('o.id', '=', 'e.org_id'))
    .innerJoin('members as m', (j) => j.onRef('m.tenant_id', '=', 'e.tenant_id').onRef('m.id', '=', 'e.member_id'))
    .select([
      'e.member_id as id',
      'm.name',
      sql<string>`min(o.path)`.as('path'),
      sql<string>`min(o.name)`.as('org_name'),
      sql<number>`sum(case when e.affects = 'due' then e.amount_cents else 0 end)::int8`.as('due'),
      sql<number>`sum(case when e.affects = 'paid' then e.amount_cents else 0 end)::int8`.as('paid'),
      sql<number>`sum(case when e.affects = 'voluntary' then e.amount_cents else 0 end)::int8`.as('voluntary'),
      sql<number>`sum(case when e.affects = 'voluntary' and e.to_centre then e.amount_cents else 0 end)::int8`.as('to_centre'),
    ])
    .where('e.tenant_id', '=', tenantId)
    .where('e.month', '>=', `${year}-01-01`)
    .where('e.month', '<=', `${year}-12-01`)
    .where(subtree(scope, 'o.path', 'e.member_id'))
    .where(orgPathCondition('o.path', orgPath))
    .groupBy(['e.member_id', 'm.name'])
    .orderBy(sql`min(o.path)`)
    .orderBy('e.member_id')
    .execute();
  const ids = rows.map((x) => x.id);
  const bases =
    ids.length > 0
      ? await db
          .selectFrom('dues_bases')
          .select(['member_id', 'base_cents', 'rate_basis_points', 'monthly_cents', 'category'])
          .distinctOn('member_id')
          .where('tenant_id', '=', tenantId)
          .where(inIds('member_id', ids))
          .where('year', '<=', year)
          .orderBy('member_id')
          .orderBy('year', 'desc')
          .orderBy('id', 'desc')
          .execute()
      : [];
  const baseOf = new Map(bases.map((b) => [b.member_id, b]));
  return rows.map((x, i) => {
    const b = baseOf.get(x.id);
    return {
      id: x.id,
      no: i + 1,
      name: x.name,
      orgName: x.org_name,
      category: b?.category ?? null,
      baseCents: b?.base_cents ?? null,
      rateBasisPoints: b?.rate_basis_points ?? null,
      monthlyCents: b?.monthly_cents ?? null,
      yearDueCents: Number(x.due),
      yearPaidCents: Number(x.paid),
      voluntaryCents: Number(x.voluntary),
      toCentreCents: Number(x.to_centre),
    };
  });
}

export type LedgerRow = Awaited<ReturnType<typeof ledgerRows>>[number];

/** The period's dues charged and paid over the scope, as two sums (the overview's collection rate). */
export async function collectionTotal(db: Db, tenantId: number, scope: DataScope, from: string, to: string): Promise<{ dueCents: number; paidCents: number }> {
  let row: { due: string; paid: string };
  if (scope.kind === 'self') {
    // One's own ledger.
    row = await db
      .selectFrom('dues_entries as e')
      .select([sql<string>`coalesce(sum(e.amount_cents) filter (where e.affects = 'due'), 0)`.as('due'), sql<string>`coalesce(sum(e.amount_cents) filter (where e.affects = 'paid'), 0)`.as('paid')])
      .where('e.tenant_id', '=', tenantId)
      .where('e.month', '>=', monthDate(from))
      .where('e.month', '<=', monthDate(to))
      .where(subtree(scope, 'e.org_id', 'e.member_id'))
      .executeTakeFirstOrThrow();
  } else {
    // The unit or a subtree: the sums kept per collecting org and month (migration
    // 2026-12-06T0570), a few rows per branch instead of every entry of the year.
    let q = db
      .selectFrom('dues_month_totals as e')
      .select([sql<string>`coalesce(sum(e.due_cents), 0)`.as('due'), sql<string>`coalesce(sum(e.paid_cents), 0)`.as('paid')])
      .where('e.tenant_id', '=', tenantId)
      .where('e.month', '>=', monthDate(from))
      .where('e.month', '<=', monthDate(to));
    if (scope.kind === 'subtree') q = q.innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'e.tenant_id').onRef('o.id', '=', 'e.org_id')).where(subtree(scope, 'o.path'));
    row = await q.executeTakeFirstOrThrow();
  }
  return { dueCents: Number(row.due), paidCents: Number(row.paid) };
}

/**
 * Per org in scope, from one month ('YYYY-MM') to another: members charged, due, paid, voluntary
 * extras kept and handed to the Centre. With `paidBy` ('YYYY-MM-DD'), only payments made on or
 * before that day count as paid (the collection as it stood then).
 */
export async function collectionRows(db: Db, tenantId: number, scope: DataScope, from: string, to: string, paidBy?: string) {
  // Summed per member and org first (a hash aggregate of a few thousand groups), then per org: a
  // count(distinct member) over the year's ~100,000 entries of a 5,000-member unit sorted them all
  // on disk (350 ms on PostgreSQL; 100 ms this way).
  const perMember = db
    .selectFrom('dues_entries as e')
    .innerJoin('orgs as o', (j) => j.onRef('o.tenant_id', '=', 'e.tenant_id').onRef('o.id', '=', 'e.org_id'))
    .select([
      'e.org_id',
      sql<boolean>`bool_or(e.kind = 'due')`.as('has_due'),
      sql<number>`sum(case when e.affects = 'due' then e.amount_cents else 0 end)`.as('due'),
      sql<number>`sum(case when e.affects = 'paid' then e.amount_cents else 0 end)`.as('paid'),
      sql<number>`sum(case when e.affects = 'voluntary' and not e.to_centre then e.amount_cents else 0 end)`.as('voluntary'),
      sql<number>`sum(case when e.affects = 'voluntary' and e.to_centre then e.amount_cents else 0 end)`.as('to_centre'),
    ])
    .where('e.tenant_id', '=', tenantId)
    .where('e.month', '>=', monthDate(from))
    .where('e.month', '<=', monthDate(to))
    .$if(paidBy !== undefined, (q) => q.where((eb) => eb.or([eb('e.affects', '!=', 'paid'), eb('e.paid_on', 'is', null), eb('e.paid_on', '<=', paidBy!)])))
    .where(subtree(scope, 'o.path', 'e.member_id'))
    .groupBy(['e.org_id', 'e.member_id']);
  const rows = await db
    .selectFrom(perMember.as('m'))
    .innerJoin('orgs as o', (j) => j.on('o.tenant_id', '=', tenantId).onRef('o.id', '=', 'm.org_id'))
    .leftJoin('orgs as p', (j) => j.onRef('p.tenant_id', '=', 'o.tenant_id').onRef('p.id', '=', 'o.parent_id'))
    .select([
      'o.id',
      'o.name',
      'o.path',
      'p.name as parent_name',
      sql<number>`count(*) filter (where m.has_due)::int8`.as('members'),
      sql<number>`sum(m.due)::int8`.as('due'),
      sql<number>`sum(m.paid)::int8`.as('paid'),
      sql<number>`sum(m.voluntary)::int8`.as('voluntary'),
      sql<number>`sum(m.to_centre)::int8`.as('to_centre'),
    ])
    .groupBy(['o.id', 'o.name', 'o.path', 'p.name'])
    .orderBy('o.path')
    .execute();
  return rows.map((x) => ({
    id: x.id,
    orgName: x.name,
    parentName: x.parent_name,
    memberCount: Number(x.members),
    dueCents: Number(x.due),
    paidCents: Number(x.paid),
    voluntaryCents: Number(x.voluntary),
    toCentreCents: Number(x.to_centre),
  }));
}

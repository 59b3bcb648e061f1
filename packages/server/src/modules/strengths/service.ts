/**
 * 七个有力 (rules.md; core strengths.ts): the checklist of an org for a year, each item with the
 * records that evidence it and its gaps, and the 党委's side-by-side view of its branches. Both
 * read the records of other modules and store nothing, so a meeting or a service event recorded
 * once shows here at once.
 *
 * Who reads: honours.read (the organisation office, branch secretaries, 纪检, 院领导), since the
 * checklist is the model-branch standard of 创建. A record's details are shown only to a caller
 * who may read that kind of record in that org (a 院领导 has no orglife.read: they see the
 * numbers of meetings, not the meetings). The side-by-side view is the 党委's; a secretary sees
 * their own branches in it, and the others' numbers only when the unit turns `secretariesCompare` on.
 */
import {
  DEVELOPMENT_STEPS,
  type EvidenceCount,
  type Language,
  type Permission,
  SEVEN_STRENGTHS,
  type SevenStrength,
  STRENGTH_SOURCES,
  type StrengthSource,
  type StrengthsSettings,
  itemState,
  ruleMet,
  strengthsPeriod,
} from '@hongyi/core';
import type { Ctx } from '../../lib/context.js';
import { type SheetColumn, workbookBuffer } from '../../lib/excel.js';
import { covers, requireInScope } from '../../lib/scope.js';
import { notFound } from '../../plugins/errors.js';
import { KIND_NAMES as MEETING_NAMES } from '../orglife/schemas.js';
import { STEP_NAMES } from '../development/labels.js';
import { loadSettings, saveSettings } from '../settings/service.js';
import { type EvidenceRecord, type KindCount, branchesUnder, countsOf, findOrg, recordsOf, rootOrg } from './repository.js';

/** What a caller needs to read the records of each source. */
const SOURCE_PERMISSION: Record<StrengthSource, Permission> = {
  orglife: 'orglife.read',
  service: 'service.read',
  project: 'projects.read',
  honour: 'honours.read',
  development: 'development.read',
  // A study is a branch meeting's record: whoever reads organisational life reads it.
  learning: 'orglife.read',
};

export async function strengthsSettings(ctx: Ctx) {
  return loadSettings(ctx.db, ctx.tenantId, 'strengths');
}

export async function saveStrengthsSettings(ctx: Ctx, value: StrengthsSettings, version: number) {
  return ctx.db.transaction().execute((trx) => saveSettings(trx, ctx.auditor, 'strengths', value, version, { summary: '修改“七个有力”依据设置', language: ctx.language }));
}

function periodOf(ctx: Ctx, year: number | undefined) {
  const y = year ?? Number(ctx.today.slice(0, 4));
  return { year: y, ...strengthsPeriod(y, ctx.today) };
}

/** A rule's records: those of its source whose kind it names (any kind when it names none). */
function matching(records: readonly EvidenceRecord[], kinds: readonly string[]): EvidenceRecord[] {
  if (kinds.length === 0) return [...records];
  return records.filter((r) => r.kinds.some((k) => kinds.includes(k)));
}

/** The org asked for, or the caller's own: a secretary's first branch, the unit's root for the office. */
async function orgToRead(ctx: Ctx, orgId: number | undefined) {
  const scope = ctx.scope('honours.read');
  const id = orgId ?? (scope.kind === 'subtree' ? scope.orgIds[0] : undefined);
  const org = id !== undefined ? await findOrg(ctx.db, ctx.tenantId, id) : await rootOrg(ctx.db, ctx.tenantId);
  return requireInScope(scope, org ? { ...org, orgPath: org.path } : null, notFound('ORG_NOT_FOUND', id ?? 0));
}

function mayReadRecords(ctx: Ctx, source: StrengthSource, orgPath: string): boolean {
  const permission = SOURCE_PERMISSION[source];
  return ctx.can(permission) && covers(ctx.scope(permission), orgPath);
}

/** The checklist of one org (its subtree) for a year: per item, per rule, the count, the records the caller may see, the gaps. */
export async function checklist(ctx: Ctx, orgId: number | undefined, year: number | undefined) {
  const org = await orgToRead(ctx, orgId);
  const period = periodOf(ctx, year);
  const settings = (await strengthsSettings(ctx)).value;
  const used = new Set(settings.items.flatMap((i) => i.rules.map((r) => r.source)));
  const records = new Map<StrengthSource, EvidenceRecord[]>();
  for (const source of STRENGTH_SOURCES) {
    if (used.has(source)) records.set(source, await recordsOf(ctx.db, ctx.tenantId, source, org.path, period));
  }
  const items = orderedItems(settings).map((item) => {
    const rules = item.rules.map((rule) => {
      const found = matching(records.get(rule.source) ?? [], rule.kinds);
      const visible = mayReadRecords(ctx, rule.source, org.path);
      return {
        source: rule.source,
        kinds: rule.kinds,
        ...ruleMet(rule, found.length),
        visible,
        records: visible ? found.map(({ source: _s, ...r }) => r) : [],
      };
    });
    return { key: item.key, ...itemState(rules), rules };
  });
  return { orgId: org.id, orgName: org.name, year: period.year, from: period.from, to: period.to, running: period.running, items };
}

/** The settings' items in the standard's order. */
function orderedItems(settings: StrengthsSettings) {
  const order = new Map<SevenStrength, number>(SEVEN_STRENGTHS.map((k, i) => [k, i]));
  return [...settings.items].sort((a, b) => (order.get(a.key) ?? 0) - (order.get(b.key) ?? 0));
}

/**
 * The side-by-side view: every branch under an org (the unit's root by default), per item
 * evidenced or not, with each rule's numbers. Counted in SQL per org and kind, then summed over
 * each branch's subtree (a joint branch may hold party groups' orgs under it).
 */
export async function compare(ctx: Ctx, orgId: number | undefined, year: number | undefined) {
  const scope = ctx.scope('honours.read');
  const settings = (await strengthsSettings(ctx)).value;
  // A secretary sees their own branches only, unless the unit opens the 党委's view to them (numbers only, never records).
  const limited = scope.kind !== 'tenant' && !settings.secretariesCompare;
  const org = orgId === undefined ? await rootOrg(ctx.db, ctx.tenantId) : await findOrg(ctx.db, ctx.tenantId, orgId);
  if (!org) throw notFound('ORG_NOT_FOUND', orgId ?? 0);
  const period = periodOf(ctx, year);
  const branches = (await branchesUnder(ctx.db, ctx.tenantId, org.path, period)).filter((b) => !limited || covers(scope, b.path));
  const used = new Set(settings.items.flatMap((i) => i.rules.map((r) => r.source)));
  // For each source: the counts per org (by path) and kind.
  const counts = new Map<StrengthSource, KindCount[]>();
  for (const source of STRENGTH_SOURCES) {
    if (used.has(source)) counts.set(source, await countsOf(ctx.db, ctx.tenantId, source, org.path, period));
  }
  const items = orderedItems(settings);
  const rows = branches.map((branch) => ({
    orgId: branch.id,
    orgName: branch.name,
    items: items.map((item) => {
      const rules: EvidenceCount[] = item.rules.map((rule) => {
        const found = (counts.get(rule.source) ?? [])
          .filter((c) => c.orgPath.startsWith(branch.path) && (rule.kinds.length === 0 || rule.kinds.includes(c.kind)))
          .reduce((sum, c) => sum + c.n, 0);
        return ruleMet(rule, found);
      });
      return { key: item.key, ...itemState(rules), rules };
    }),
  }));
  return {
    orgId: org.id,
    orgName: org.name,
    year: period.year,
    running: period.running,
    limited,
    columns: items.map((item) => ({ key: item.key, rules: item.rules.map((r) => ({ source: r.source, kinds: r.kinds, min: r.min, required: r.required })) })),
    rows,
  };
}

const ITEM_NAMES: Record<Language, Record<SevenStrength, string>> = {
  'zh-CN': {
    educate_members: '教育党员有力',
    manage_members: '管理党员有力',
    supervise_members: '监督党员有力',
    organise_people: '组织师生有力',
    publicise_to_people: '宣传师生有力',
    unite_people: '凝聚师生有力',
    serve_people: '服务师生有力',
  },
  'en-US': {
    educate_members: 'Educating members',
    manage_members: 'Managing members',
    supervise_members: 'Supervising members',
    organise_people: 'Organising staff and students',
    publicise_to_people: 'Informing staff and students',
    unite_people: 'Uniting staff and students',
    serve_people: 'Serving staff and students',
  },
};

const SOURCE_NAMES: Record<Language, Record<StrengthSource, string>> = {
  'zh-CN': { orglife: '组织生活', service: '服务活动', project: '一线项目', honour: '荣誉', development: '发展党员', learning: '学习' },
  'en-US': { orglife: 'Organisational life', service: 'Service events', project: 'Front-line projects', honour: 'Honours', development: 'Development', learning: 'Learning' },
};

const PROJECT_STAGE_NAMES: Record<Language, Record<string, string>> = {
  'zh-CN': { approved: '已立项', midterm: '中期检查', accepted: '已验收' },
  'en-US': { approved: 'approved', midterm: 'mid-term checked', accepted: 'accepted' },
};

/** What a rule counts, in words: "党课", "义诊、志愿服务", "荣誉" (any kind). */
export function ruleLabel(source: StrengthSource, kinds: readonly string[], language: Language): string {
  if (kinds.length === 0) return SOURCE_NAMES[language][source];
  const name = (kind: string) => {
    if (source === 'orglife') {
      const n = MEETING_NAMES[kind as keyof typeof MEETING_NAMES];
      return n ? (language === 'zh-CN' ? n.zh : n.en) : kind;
    }
    if (source === 'development') {
      const step = DEVELOPMENT_STEPS.find((s) => s.key === kind);
      return step ? (STEP_NAMES[language][step.step - 1] ?? kind) : kind;
    }
    if (source === 'project') return `${SOURCE_NAMES[language].project}（${PROJECT_STAGE_NAMES[language][kind] ?? kind}）`;
    return kind;
  };
  return kinds.map(name).join(language === 'zh-CN' ? '、' : ', ');
}

/** The side-by-side view as a sheet: a row per branch, a column per item, the gaps in words (numbers, never a score). */
export async function compareWorkbook(ctx: Ctx, orgId: number | undefined, year: number | undefined) {
  const view = await compare(ctx, orgId, year);
  const zh = ctx.language === 'zh-CN';
  type Row = (typeof view.rows)[number];
  const cell = (row: Row, index: number) => {
    const item = row.items[index];
    const column = view.columns[index];
    if (!item || !column) return '';
    const parts = item.rules.map((r, i) => {
      const rule = column.rules[i];
      const label = rule ? ruleLabel(rule.source, rule.kinds, ctx.language) : '';
      return `${label} ${r.found}/${r.needed}${r.required ? '' : zh ? '（可选）' : ' (optional)'}`;
    });
    return `${item.met ? (zh ? '有据' : 'Evidenced') : zh ? `缺口 ${item.gaps}` : `${item.gaps} gap(s)`}：${parts.join(zh ? '；' : '; ')}`;
  };
  const columns: SheetColumn<Row>[] = [
    { header: zh ? '党支部' : 'Branch', width: 30, value: (r) => r.orgName },
    ...view.columns.map((c, index) => ({ header: ITEM_NAMES[ctx.language][c.key], width: 36, value: (r: Row) => cell(r, index) })),
  ];
  const sheet = zh ? '七个有力' : 'Seven strengths';
  const buffer = await workbookBuffer(sheet, columns, view.rows, { sensitive: ctx.sensitive });
  return { name: `${view.orgName}${sheet}-${view.year}.xlsx`, buffer };
}

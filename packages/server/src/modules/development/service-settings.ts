/**
 * The unit's 公示 length (a rule setting in the unit settings store) and the holiday calendar
 * the working-day rules count with: one global table (not per unit) that the operating unit's
 * system administrator keeps; every change audited.
 */
import { type RuleSettings, resolveRuleSettings } from '@hongyi/core';
import type { Ctx } from '../../lib/context.js';
import { writeAudit } from '../../plugins/audit.js';
import { AppError, notFound } from '../../plugins/errors.js';
import { loadSettings, saveSettings } from '../settings/service.js';
import { type HolidayRow, deleteHoliday, holidayOn, holidaysOfYear, replaceYear, upsertHoliday } from './repository-holidays.js';

export async function developmentSettings(ctx: Ctx) {
  const { value, version } = await loadSettings(ctx.db, ctx.tenantId, 'rules');
  return { version, publicNotice: resolveRuleSettings(value.overrides).publicNotice };
}

/** Changes the 公示 length; it shares the version of the unit's rule settings, whose other overrides stay as they are. */
export async function saveDevelopmentSettings(ctx: Ctx, version: number, publicNotice: RuleSettings['publicNotice']) {
  await ctx.db.transaction().execute(async (trx) => {
    const { value } = await loadSettings(trx, ctx.tenantId, 'rules');
    await saveSettings(trx, ctx.auditor, 'rules', { ...value, overrides: { ...value.overrides, publicNotice } }, version, {
      summary: `修改公示期限：${publicNotice.days} ${publicNotice.unit}`,
      language: ctx.language,
    });
  });
  return developmentSettings(ctx);
}

export async function holidays(ctx: Ctx, year: number) {
  return { items: await holidaysOfYear(ctx.db, year) };
}

/** Replaces a year's schedule; every day must lie in the year, once. */
export async function replaceHolidayYear(ctx: Ctx, year: number, days: HolidayRow[]) {
  const wrong = days.map((d, i) => ({ d, i })).filter(({ d }) => !d.day.startsWith(`${year}-`));
  if (wrong.length) throw new AppError(400, 'VALIDATION_FAILED', {}, wrong.map(({ d, i }) => ({ path: `body.days[${i}].day`, message: `${d.day} ∉ ${year}` })));
  const seen = new Set<string>();
  const dup = days.map((d, i) => ({ d, i })).filter(({ d }) => (seen.has(d.day) ? true : (seen.add(d.day), false)));
  if (dup.length) throw new AppError(400, 'VALIDATION_FAILED', {}, dup.map(({ d, i }) => ({ path: `body.days[${i}].day`, message: d.day })));
  await ctx.db.transaction().execute(async (trx) => {
    const before = await holidaysOfYear(trx, year);
    await replaceYear(trx, year, days);
    await writeAudit(trx, ctx.auditor, {
      action: 'update',
      entityType: 'holiday',
      entityId: String(year),
      summary: `节假日：${year} 年安排（${days.filter((d) => d.kind === 'off').length} 天放假，${days.filter((d) => d.kind === 'work').length} 天调休上班）`,
      before,
      after: days,
    });
  });
  return { items: [...days].sort((a, b) => a.day.localeCompare(b.day)) };
}

export async function setHoliday(ctx: Ctx, row: HolidayRow): Promise<HolidayRow> {
  await ctx.db.transaction().execute(async (trx) => {
    const before = await holidayOn(trx, row.day);
    await upsertHoliday(trx, row);
    await writeAudit(trx, ctx.auditor, { action: before ? 'update' : 'create', entityType: 'holiday', entityId: row.day, summary: `节假日：${row.day} ${row.kind}`, before, after: row });
  });
  return row;
}

export async function removeHoliday(ctx: Ctx, day: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const before = await holidayOn(trx, day);
    if (!before) throw notFound('DEV_HOLIDAY_NOT_FOUND', day);
    await deleteHoliday(trx, day);
    await writeAudit(trx, ctx.auditor, { action: 'delete', entityType: 'holiday', entityId: day, summary: `节假日：删除 ${day}`, before });
  });
}

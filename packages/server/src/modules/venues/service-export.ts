/** The venues under a filter as one Excel sheet: venue, owner, shared with, one column per standard item (✓/✗), checked on. */
import type { Ctx } from '../../lib/context.js';
import { type SheetColumn, workbookBuffer } from '../../lib/excel.js';
import type { VenueRow } from './repository.js';
import { venuesForExport } from './service.js';

const TEXT = {
  'zh-CN': { sheet: '活动阵地', title: '党组织活动阵地“六有”情况', venue: '阵地', place: '位置', owner: '所属组织', shared: '共用组织', checkedOn: '检查日期', file: '活动阵地' },
  'en-US': { sheet: 'Venues', title: 'Party venues against the standard', venue: 'Venue', place: 'Place', owner: 'Owner', shared: 'Shared with', checkedOn: 'Checked on', file: 'venues' },
} as const;

export async function venuesWorkbook(ctx: Ctx, f: { orgId?: number | undefined; onlyGaps?: boolean | undefined }): Promise<{ name: string; buffer: Buffer }> {
  const { standard, venues } = await venuesForExport(ctx, f);
  const t = TEXT[ctx.language];
  const met = (v: VenueRow, item: string) => (v.checklist.some((c) => c.item === item && c.met) ? '✓' : '✗');
  const columns: SheetColumn<VenueRow>[] = [
    { header: t.venue, width: 28, value: (v) => v.name },
    { header: t.place, width: 24, value: (v) => v.place },
    { header: t.owner, width: 28, value: (v) => v.orgName },
    { header: t.shared, width: 36, value: (v) => v.shares.map((s) => s.orgName).join('、') },
    ...standard.map((item): SheetColumn<VenueRow> => ({ header: item, width: 9, value: (v) => met(v, item) })),
    { header: t.checkedOn, width: 12, value: (v) => v.checkedOn ?? '' },
  ];
  const buffer = await workbookBuffer(t.sheet, columns, venues, { sensitive: ctx.sensitive, title: t.title });
  return { name: `${t.file}-${ctx.today}.xlsx`, buffer };
}

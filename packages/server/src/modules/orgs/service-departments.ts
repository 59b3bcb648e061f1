/** Departments, teaching-research offices (三位一体) and campuses, with the branches built on them. */
import type { Ctx } from '../../lib/context.js';
import { writeAudit } from '../../plugins/audit.js';
import { notFound } from '../../plugins/errors.js';
import { departmentById, departmentsVisible, setDepartmentTrinity } from './repository.js';

/** The departments within the caller's scope (a branch secretary: those of their branches and members). */
export async function departmentList(ctx: Ctx) {
  const { departments, links, campuses } = await departmentsVisible(ctx.db, ctx.tenantId, ctx.scope('orgs.read'), ctx.memberId);
  const campusName = new Map(campuses.map((c) => [c.id, c.name]));
  // Campus and branch ids are named campusId/orgId so that `id` always means a department.
  const items = departments.map((d) => ({
    id: d.id,
    name: d.name,
    kind: d.kind,
    campusId: d.campus_id,
    campusName: (d.campus_id !== null ? campusName.get(d.campus_id) : undefined) ?? null,
    teachingOffice: d.is_teaching_office,
    trinity: d.trinity,
    branches: links.filter((l) => l.department_id === d.id).map((l) => ({ orgId: l.id, name: l.name })),
  }));
  return { items, total: items.length };
}

export async function setTrinity(ctx: Ctx, id: number, trinity: boolean) {
  return ctx.db.transaction().execute(async (trx) => {
    const d = await departmentById(trx, ctx.tenantId, id);
    if (!d) throw notFound('NOT_FOUND', id);
    await setDepartmentTrinity(trx, ctx.tenantId, d.id, trinity);
    await writeAudit(trx, ctx.auditor, { action: 'update', entityType: 'department', entityId: d.id, summary: `${d.name} 三位一体：${trinity ? '是' : '否'}`, before: { trinity: d.trinity }, after: { trinity } });
    return { id: d.id, trinity };
  });
}

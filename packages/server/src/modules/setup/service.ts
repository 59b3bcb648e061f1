/** First run: with an empty database (HONGYI_DEMO=0), the first unit and its administrator. */
import type { PublicCtx } from '../../lib/context.js';
import { writeAudit } from '../../plugins/audit.js';
import { AppError } from '../../plugins/errors.js';
import { assertPasswordAcceptable, hashPassword } from '../../plugins/password.js';
import { anyTenant, insertUnit, lockTenants } from './repository.js';

export async function setupStatus(ctx: PublicCtx): Promise<{ needsSetup: boolean }> {
  return { needsSetup: !(await anyTenant(ctx.db)) };
}

export interface FirstUnit {
  tenantName: string;
  tenantCode: string;
  adminUsername: string;
  adminName: string;
  adminPassword: string;
}

/** Creates the first unit, its 党委 and its system administrator, audited; 409 once any unit exists. */
export async function createFirstUnit(ctx: PublicCtx, input: FirstUnit): Promise<{ tenantId: number; userId: number }> {
  await assertPasswordAcceptable(input.adminPassword, { username: input.adminUsername, name: input.adminName }, 'body.adminPassword', ctx.language);
  const passwordHash = await hashPassword(input.adminPassword);
  return ctx.db.transaction().execute(async (trx) => {
    await lockTenants(trx);
    if (await anyTenant(trx)) throw new AppError(409, 'SETUP_DONE');
    const created = await insertUnit(
      trx,
      { code: input.tenantCode, name: input.tenantName, committeeName: `中共${input.tenantName}委员会` },
      { username: input.adminUsername, name: input.adminName, passwordHash },
    );
    await writeAudit(
      trx,
      { tenantId: created.tenantId, userId: created.userId, username: input.adminUsername, ip: ctx.ip },
      { action: 'create', entityType: 'tenant', entityId: created.tenantId, summary: `初始化单位：${input.tenantName}`, after: { code: input.tenantCode, name: input.tenantName } },
    );
    return created;
  });
}

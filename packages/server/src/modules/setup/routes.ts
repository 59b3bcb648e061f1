import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { writeAudit } from '../../plugins/audit.js';
import { AppError, languageOf } from '../../plugins/errors.js';
import { assertPasswordAcceptable, hashPassword } from '../../plugins/password.js';

/** First run: with an empty database (HONGYI_DEMO=0), create the first tenant and its administrator. */
export async function setupRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/setup/status',
    {
      config: { access: 'public' },
      schema: { tags: ['setup'], summary: 'Whether the first tenant still has to be created', response: { 200: z.object({ needsSetup: z.boolean() }) } },
    },
    async () => {
      const any = await app.db.selectFrom('tenants').select('id').limit(1).executeTakeFirst();
      return { needsSetup: !any };
    },
  );

  r.post(
    '/api/v1/setup',
    {
      config: { access: 'public' },
      schema: {
        tags: ['setup'],
        summary: 'Create the first tenant and its system administrator (only on an empty database)',
        body: z.object({
          tenantName: z.string().trim().min(2).max(100),
          tenantCode: z.string().trim().regex(/^[a-z0-9][a-z0-9-]{1,31}$/),
          adminUsername: z.string().trim().regex(/^[A-Za-z0-9._-]{3,32}$/),
          adminName: z.string().trim().min(1).max(50),
          adminPassword: z.string().min(1).max(200),
        }),
        response: { 201: z.object({ tenantId: z.number(), userId: z.number() }) },
      },
    },
    async (request, reply) => {
      const body = request.body;
      assertPasswordAcceptable(body.adminPassword, { username: body.adminUsername, name: body.adminName }, 'body.adminPassword', languageOf(request));
      const passwordHash = await hashPassword(body.adminPassword);
      const result = await app.db.transaction().execute(async (trx) => {
        // Lock so two first-run submissions cannot both create a tenant.
        await trx.selectFrom('tenants').select('id').forUpdate().execute();
        const existing = await trx.selectFrom('tenants').select('id').limit(1).executeTakeFirst();
        if (existing) throw new AppError(409, 'SETUP_DONE');
        const tenant = await trx
          .insertInto('tenants')
          .values({ code: body.tenantCode, name: body.tenantName })
          .returning('id')
          .executeTakeFirstOrThrow();
        const root = await trx
          .insertInto('orgs')
          .values({ tenant_id: tenant.id, parent_id: null, type: 'committee', name: `中共${body.tenantName}委员会`, campus_id: null, established_on: null, ends_on: null, dissolved_on: null })
          .returning('id')
          .executeTakeFirstOrThrow();
        await trx
          .updateTable('orgs')
          .set({ path: `/${root.id}/` })
          .where('tenant_id', '=', tenant.id)
          .where('id', '=', root.id)
          .execute();
        const user = await trx
          .insertInto('users')
          .values({ tenant_id: tenant.id, username: body.adminUsername, name: body.adminName, password_hash: passwordHash, member_id: null, password_changed_at: new Date() })
          .returning('id')
          .executeTakeFirstOrThrow();
        await trx.insertInto('user_roles').values({ tenant_id: tenant.id, user_id: user.id, role: 'sys_admin', org_id: null }).execute();
        await writeAudit(
          trx,
          { tenantId: tenant.id, userId: user.id, username: body.adminUsername, ip: request.ip },
          { action: 'create', entityType: 'tenant', entityId: tenant.id, summary: `初始化单位：${body.tenantName}`, after: { code: body.tenantCode, name: body.tenantName } },
        );
        return { tenantId: tenant.id, userId: user.id };
      });
      return reply.status(201).send(result);
    },
  );
}

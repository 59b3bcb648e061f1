/** Building programmes (培育创建): list, start, read with evidence, change, move stage, documents. */
import { PROGRAMME_STAGES } from '@hongyi/core';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { version } from '../../lib/fields.js';
import { idParam } from '../../lib/paging.js';
import { savedById, serviceRoute } from '../../lib/service-routes.js';
import { evidenceRoutes } from '../../lib/evidence-routes.js';
import { dateString, figuresOut } from '../service/schemas.js';
import { filesOut, milestoneOut, programmeInput, programmeOut } from './schemas.js';
import { advanceProgramme, changeProgramme, createProgramme, programmeDetail, programmeFiles, programmeList } from './service-programmes.js';

const tags = ['honours'];

export async function programmeRoutes(app: FastifyInstance) {

  serviceRoute(
    app,
    {
      method: 'get',
      path: '/api/v1/programmes',
      access: 'honours.read',
      schema: {
        tags,
        summary: 'Building programmes in the caller’s scope with their milestone progress',
        querystring: z.object({ orgId: z.coerce.number().int().positive().optional(), stage: z.enum(PROGRAMME_STAGES).optional() }),
        response: { 200: z.array(programmeOut.extend({ milestonesDone: z.number(), milestonesTotal: z.number() })) },
      },
    },
    async (ctx, { query }) => (await programmeList(ctx, query)).map(({ orgPath: _p, ...p }) => p),
  );

  serviceRoute(app, { method: 'post', path: '/api/v1/programmes', access: 'honours.write', schema: { tags, summary: 'Start a programme (立项) with its milestones', body: programmeInput, response: { 201: z.object({ id: z.number() }) } } }, async (ctx, { body }) => ({ id: await createProgramme(ctx, body) }));

  serviceRoute(
    app,
    {
      method: 'get',
      path: '/api/v1/programmes/:id',
      access: 'honours.read',
      schema: {
        tags,
        summary: 'A programme with milestones, documents and the evidence from the org’s records since it started (honours, service work)',
        params: idParam,
        response: {
          200: programmeOut.extend({
            milestones: z.array(milestoneOut),
            documents: filesOut,
            evidence: z.object({
              honours: z.array(z.object({ id: z.number(), level: z.string(), type: z.string(), title: z.string(), holderName: z.string(), awardedOn: z.string() })),
              service: figuresOut,
              events: z.array(z.object({ id: z.number(), title: z.string(), heldOn: z.string(), kind: z.string(), seriesName: z.string().nullable(), issueNo: z.number().nullable(), beneficiaries: z.number() })),
            }),
            canEdit: z.boolean(),
          }),
        },
      },
    },
    async (ctx, { params }) => {
      const { programme, milestones, files, evidence, canEdit } = await programmeDetail(ctx, params.id);
      const { orgPath: _p, ...p } = programme;
      return { ...p, milestones, documents: files, evidence, canEdit };
    },
  );

  serviceRoute(app, { method: 'put', path: '/api/v1/programmes/:id', access: 'honours.write', schema: { tags, summary: 'Change a programme and its milestones (not once accepted or failed); 409 on a stale version', params: idParam, body: programmeInput.extend({ version: version() }), response: { 200: z.object({ id: z.number() }) } } }, savedById(changeProgramme));

  serviceRoute(
    app,
    {
      method: 'post',
      path: '/api/v1/programmes/:id/stage',
      access: 'honours.write',
      schema: {
        tags,
        summary: 'Move to the next stage: 中期检查 (midterm), 验收 (accepted: records the honour) or not passed (failed)',
        params: idParam,
        body: z.object({ version: version(), stage: z.enum(['midterm', 'accepted', 'failed']), on: dateString, note: z.string().trim().max(500).default('') }),
        response: { 200: z.object({ id: z.number(), honourId: z.number().nullable() }) },
      },
    },
    async (ctx, { params, body }) => {
      const b = body;
      const { honourId } = await advanceProgramme(ctx, params.id, b.version, b.stage, b.on, b.note);
      return { id: params.id, honourId };
    },
  );

  evidenceRoutes(app, {
    path: '/api/v1/programmes/:id/files', params: idParam, ref: (p) => p.id, files: programmeFiles, tags, access: { read: 'honours.read', write: 'honours.write' },
    summary: { add: 'Add a document (申报书, 中期报告, 验收材料): a form upload, at most 10 MB', download: 'Download a document', withdraw: 'Withdraw a document (content dropped, reason kept)' },
  });
}

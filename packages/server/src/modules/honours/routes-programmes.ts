/** Building programmes (培育创建): list, start, read with evidence, change, move stage, documents. */
import { PROGRAMME_STAGES } from '@hongyi/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../lib/context.js';
import { version } from '../../lib/fields.js';
import { idParam } from '../../lib/paging.js';
import { evidenceRoutes } from '../../lib/evidence-routes.js';
import { dateString, figuresOut } from '../service/schemas.js';
import { filesOut, milestoneOut, programmeInput, programmeOut } from './schemas.js';
import { advanceProgramme, changeProgramme, createProgramme, programmeDetail, programmeFiles, programmeList } from './service-programmes.js';

const tags = ['honours'];

export async function programmeRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/programmes',
    {
      config: { access: 'honours.read' },
      schema: {
        tags,
        summary: 'Building programmes in the caller’s scope with their milestone progress',
        querystring: z.object({ orgId: z.coerce.number().int().positive().optional(), stage: z.enum(PROGRAMME_STAGES).optional() }),
        response: { 200: z.array(programmeOut.extend({ milestonesDone: z.number(), milestonesTotal: z.number() })) },
      },
    },
    async (request) => (await programmeList(ctxOf(request), request.query)).map(({ orgPath: _p, ...p }) => p),
  );

  r.post(
    '/api/v1/programmes',
    { config: { access: 'honours.write' }, schema: { tags, summary: 'Start a programme (立项) with its milestones', body: programmeInput, response: { 201: z.object({ id: z.number() }) } } },
    async (request, reply) => reply.status(201).send({ id: await createProgramme(ctxOf(request), request.body) }),
  );

  r.get(
    '/api/v1/programmes/:id',
    {
      config: { access: 'honours.read' },
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
    async (request) => {
      const { programme, milestones, files, evidence, canEdit } = await programmeDetail(ctxOf(request), request.params.id);
      const { orgPath: _p, ...p } = programme;
      return { ...p, milestones, documents: files, evidence, canEdit };
    },
  );

  r.put(
    '/api/v1/programmes/:id',
    { config: { access: 'honours.write' }, schema: { tags, summary: 'Change a programme and its milestones (not once accepted or failed); 409 on a stale version', params: idParam, body: programmeInput.extend({ version: version() }), response: { 200: z.object({ id: z.number() }) } } },
    async (request) => {
      const { version: v, ...input } = request.body;
      await changeProgramme(ctxOf(request), request.params.id, v, input);
      return { id: request.params.id };
    },
  );

  r.post(
    '/api/v1/programmes/:id/stage',
    {
      config: { access: 'honours.write' },
      schema: {
        tags,
        summary: 'Move to the next stage: 中期检查 (midterm), 验收 (accepted: records the honour) or not passed (failed)',
        params: idParam,
        body: z.object({ version: version(), stage: z.enum(['midterm', 'accepted', 'failed']), on: dateString, note: z.string().trim().max(500).default('') }),
        response: { 200: z.object({ id: z.number(), honourId: z.number().nullable() }) },
      },
    },
    async (request) => {
      const b = request.body;
      const { honourId } = await advanceProgramme(ctxOf(request), request.params.id, b.version, b.stage, b.on, b.note);
      return { id: request.params.id, honourId };
    },
  );

  evidenceRoutes(app, {
    path: '/api/v1/programmes/:id/files', params: idParam, ref: (p) => p.id, files: programmeFiles, tags, access: { read: 'honours.read', write: 'honours.write' },
    summary: { add: 'Add a document (申报书, 中期报告, 验收材料): a form upload, at most 10 MB', download: 'Download a document', withdraw: 'Withdraw a document (content dropped, reason kept)' },
  });
}

/** Members: the list and its export, a member's profile and history, adding and editing a member. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { downloadRoute } from '../../lib/download-routes.js';
import { version } from '../../lib/fields.js';
import { idParam, pageQuery } from '../../lib/paging.js';
import { serviceRoute } from '../../lib/service-routes.js';
import { type MemberFilters, memberFilters } from './repository.js';
import { changeOut, memberCreate, memberEdit, memberOut, profileOut } from './schemas.js';
import { createMember, editMember, exportMembers, listMembers, memberHistory, memberProfile } from './service.js';

export async function memberRecordRoutes(app: FastifyInstance) {

  serviceRoute(
    app,
    {
      method: 'get',
      path: '/api/v1/members',
      access: 'members.read',
      schema: {
        tags: ['members'],
        summary: 'List members within the caller’s scope. q: name, pinyin or initials (zs), ID-number suffix or department; server-side filters, sorting and pages',
        querystring: pageQuery.extend(memberFilters.shape),
        response: { 200: z.object({ items: z.array(memberOut), total: z.number() }) },
      },
    },
    (ctx, { query }) => {
      const { page, pageSize, ...filters } = query;
      return listMembers(ctx, filters as MemberFilters, page, pageSize);
    },
  );

  downloadRoute(app, { path: '/api/v1/members/export', format: 'xlsx', access: 'members.read', schema: { tags: ['members'], summary: 'Export the filtered member list to Excel in the roster’s columns (importable again)', querystring: memberFilters } }, (ctx, { query }) => exportMembers(ctx, query as MemberFilters));

  serviceRoute(app, { method: 'get', path: '/api/v1/members/:id', access: 'members.read', schema: { tags: ['members'], summary: 'A member’s profile (ID and phone masked unless the role may see them), posts, branch history and transfers', params: idParam, response: { 200: profileOut } } }, (ctx, { params }) => memberProfile(ctx, params.id));

  serviceRoute(app, { method: 'get', path: '/api/v1/members/:id/history', access: 'members.read', schema: { tags: ['members'], summary: 'Change history of a member’s record, per field, newest first (ID and phone values masked unless the role may see them)', params: idParam, response: { 200: z.object({ items: z.array(changeOut) }) } } }, (ctx, { params }) => memberHistory(ctx, params.id));

  serviceRoute(
    app,
    {
      method: 'patch',
      path: '/api/v1/members/:id',
      access: 'members.write',
      schema: {
        tags: ['members'],
        summary: 'Edit a member’s record (send the version you read: 409 if someone else changed it). Each changed field is kept in the history',
        params: idParam,
        body: memberEdit.extend({ version: version() }),
        response: { 200: z.object({ id: z.number(), version: z.number() }) },
      },
    },
    (ctx, { params, body }) => {
      const { version, ...edit } = body;
      return editMember(ctx, params.id, version, edit);
    },
  );

  serviceRoute(app, { method: 'post', path: '/api/v1/members', access: 'members.write', schema: { tags: ['members'], summary: 'Add one member to a branch in scope (ID number checked: GB 11643 check digit and birth date; gender must match it)', body: memberCreate, response: { 201: z.object({ id: z.number() }) } } }, async (ctx, { body }) => ({ id: await createMember(ctx, body) }));
}

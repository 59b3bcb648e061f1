/** A branch's roster and checklist, the 党委 matrix, the 党章 第九条 flags and the 台账 documents. */
import { COMPLIANCE_STATES, LAPSE_RULES, VOTING_EXCLUSION_KINDS } from '@hongyi/core';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { downloadRoute } from '../../lib/download-routes.js';
import { pageQuery } from '../../lib/paging.js';
import { serviceRoute } from '../../lib/service-routes.js';
import { lapseList } from './lapses.js';
import { attendanceRunOut, cellOut, dateString, lapseLevelSchema, orgParam, yearQuery } from './schemas.js';
import { checklistOf, matrix, matrixWorkbook, rosterOf } from './service-compliance.js';
import { yearLedger, yearReviews } from './service-records.js';

const tags = ['orglife'];
const matrixQuery = yearQuery.extend({ parentId: z.coerce.number().int().positive().optional() });
const exclusionOut = z.object({
  id: z.number(),
  kind: z.enum(VOTING_EXCLUSION_KINDS),
  fromOn: z.string(),
  toOn: z.string().nullable(),
  reason: z.string(),
  approvalRef: z.string(),
  approvedOn: z.string().nullable(),
  approvedBy: z.string(),
});

export function complianceRoutes(app: FastifyInstance) {

  serviceRoute(
    app,
    {
      method: 'get',
      path: '/api/v1/orglife/orgs/:orgId/roster',
      access: 'orglife.read',
      schema: {
        tags,
        summary:
          'Members due at a meeting of this org on a date (应到): who belonged to it that day, each with whether they were entitled to vote (full members less suspended voting rights and approved long absences) and why not',
        params: orgParam,
        querystring: z.object({ date: dateString.optional() }),
        response: {
          200: z.array(
            z.object({
              id: z.number(),
              name: z.string(),
              /** For search by what people type ('zhangsan', 'zs'). */
              namePinyin: z.string(),
              nameInitials: z.string(),
              /** Category on the date. */
              category: z.enum(['full', 'probationary']),
              partyGroupId: z.number().nullable(),
              /** Entitled to vote on the date (counted in the quorum base). */
              voting: z.boolean(),
              noVoteReason: z.enum(['probationary', ...VOTING_EXCLUSION_KINDS]).nullable(),
              /** Exclusions covering the date (suspended rights, approved long absence). */
              exclusions: z.array(exclusionOut),
            }),
          ),
        },
      },
    },
    (ctx, { params, query }) => rosterOf(ctx, params.orgId, query.date),
  );

  serviceRoute(
    app,
    {
      method: 'get',
      path: '/api/v1/orglife/orgs/:orgId/compliance',
      access: 'orglife.read',
      schema: {
        tags,
        summary: 'A branch’s checklist: every rule and period with its state, reason and satisfying records (its party groups included)',
        params: orgParam,
        querystring: yearQuery,
        response: {
          200: z.object({
            year: z.number(),
            today: z.string(),
            orgs: z.array(z.object({ id: z.number(), name: z.string(), type: z.string(), cells: z.array(cellOut) })),
          }),
        },
      },
    },
    (ctx, { params, query }) => checklistOf(ctx, params.orgId, query.year),
  );

  serviceRoute(
    app,
    {
      method: 'get',
      path: '/api/v1/orglife/matrix',
      access: 'orglife.read',
      schema: {
        tags,
        summary: 'The 党委 matrix: branches × months, worst state of the items due in each month (party groups rolled into their branch)',
        querystring: matrixQuery,
        response: {
          200: z.object({
            year: z.number(),
            today: z.string(),
            months: z.array(z.string()),
            rows: z.array(z.object({ id: z.number(), name: z.string(), shortName: z.string(), type: z.string(), parentId: z.number().nullable(), states: z.array(z.enum(COMPLIANCE_STATES)), missed: z.number(), met: z.number() })),
          }),
        },
      },
    },
    (ctx, { query }) => matrix(ctx, query.year, query.parentId),
  );

  downloadRoute(app, { path: '/api/v1/orglife/matrix.xlsx', format: 'xlsx', access: 'orglife.read', schema: { tags, summary: 'The 党委 matrix as Excel: one row per branch, the state of each month, items met and missed', querystring: matrixQuery } }, (ctx, { query }) => matrixWorkbook(ctx, query.year, query.parentId));

  downloadRoute(app, { path: '/api/v1/orglife/orgs/:orgId/ledger.docx', format: 'docx', access: 'orglife.read', schema: { tags, summary: 'A branch’s yearly 台账 of all organisational life (Word)', params: orgParam, querystring: yearQuery } }, (ctx, { params, query }) => yearLedger(ctx, params.orgId, query.year));

  downloadRoute(app, { path: '/api/v1/orglife/orgs/:orgId/reviews.docx', format: 'docx', access: 'orglife.read', schema: { tags, summary: '民主评议党员 results of a branch for a year (Word)', params: orgParam, querystring: yearQuery } }, (ctx, { params, query }) => yearReviews(ctx, params.orgId, query.year));

  serviceRoute(
    app,
    {
      method: 'get',
      path: '/api/v1/orglife/lapses',
      access: 'orglife.read',
      schema: {
        tags,
        summary: `Members with no organisational life for ${LAPSE_RULES.remindAtMonths} / ${LAPSE_RULES.warnAtMonths} / ${LAPSE_RULES.reportAtMonths} consecutive months (党章 第九条), or not attending that long on leave (请假, shown apart: excused months are not attended months), within the caller’s scope, with their dues arrears (when the caller may read dues)`,
        querystring: pageQuery.extend({ orgId: z.coerce.number().int().positive().optional(), minMonths: z.coerce.number().int().min(1).max(24).default(LAPSE_RULES.remindAtMonths) }),
        response: {
          200: z.object({
            items: z.array(
              attendanceRunOut.extend({
                id: z.number(),
                name: z.string(),
                orgId: z.number(),
                orgName: z.string(),
                dues: z.object({ consecutiveUnpaidMonths: z.number(), level: lapseLevelSchema, outstandingCents: z.number(), paidThrough: z.string().nullable() }).nullable(),
              }),
            ),
            total: z.number(),
            duesShown: z.boolean(),
          }),
        },
      },
    },
    (ctx, { query }) => lapseList(ctx, query),
  );
}

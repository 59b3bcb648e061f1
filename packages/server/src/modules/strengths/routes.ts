/** 七个有力: an org's checklist with its evidence, the 党委's side-by-side view and its sheet, and the unit's evidence rules. */
import { SEVEN_STRENGTHS, STRENGTH_SOURCES, strengthsSettingsSchema } from '@hongyi/core';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { serviceRoute } from '../../lib/service-routes.js';
import { downloadRoute } from '../../lib/download-routes.js';
import { version } from '../../lib/fields.js';
import { checklist, compare, compareWorkbook, saveStrengthsSettings, strengthsSettings } from './service.js';

const tags = ['strengths'];
const query = z.object({
  orgId: z.coerce.number().int().positive().optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});
const counted = { found: z.number(), needed: z.number(), met: z.boolean(), required: z.boolean() };
const ruleOut = z.object({ source: z.enum(STRENGTH_SOURCES), kinds: z.array(z.string()), ...counted });
const recordOut = z.object({ id: z.number(), linkId: z.number(), date: z.string(), kinds: z.array(z.string()), title: z.string(), orgId: z.number(), orgName: z.string() });
const checklistOut = z.object({
  orgId: z.number(),
  orgName: z.string(),
  year: z.number(),
  from: z.string(),
  to: z.string(),
  running: z.boolean(),
  items: z.array(
    z.object({
      key: z.enum(SEVEN_STRENGTHS),
      met: z.boolean(),
      gaps: z.number(),
      rules: z.array(ruleOut.extend({ visible: z.boolean(), records: z.array(recordOut) })),
    }),
  ),
});
const compareOut = z.object({
  orgId: z.number(),
  orgName: z.string(),
  year: z.number(),
  running: z.boolean(),
  /** Only the caller's own branches: the unit keeps the side-by-side view for the 党委. */
  limited: z.boolean(),
  columns: z.array(z.object({ key: z.enum(SEVEN_STRENGTHS), rules: z.array(z.object({ source: z.enum(STRENGTH_SOURCES), kinds: z.array(z.string()), min: z.number(), required: z.boolean() })) })),
  rows: z.array(z.object({ orgId: z.number(), orgName: z.string(), items: z.array(z.object({ key: z.enum(SEVEN_STRENGTHS), met: z.boolean(), gaps: z.number(), rules: z.array(z.object(counted)) })) })),
});
const settingsOut = strengthsSettingsSchema.extend({ version: z.number() });

export async function strengthsRoutes(app: FastifyInstance) {

  serviceRoute(app, { method: 'get', path: '/api/v1/strengths/checklist', access: 'honours.read', schema: { tags, summary: 'The 七个有力 checklist of an org (the caller’s branch or the unit by default) for a year: per item the records found, the numbers and the gaps', querystring: query, response: { 200: checklistOut } } }, (ctx, { query }) => checklist(ctx, query.orgId, query.year));

  serviceRoute(app, { method: 'get', path: '/api/v1/strengths/compare', access: 'honours.read', schema: { tags, summary: 'The branches under an org side by side, item by item (the 党委’s view; a secretary sees their own unless the unit opens it): numbers, never a score', querystring: query, response: { 200: compareOut } } }, (ctx, { query }) => compare(ctx, query.orgId, query.year));

  downloadRoute(app, { path: '/api/v1/strengths/compare/export', format: 'xlsx', access: 'honours.read', schema: { tags, summary: 'The side-by-side view as an Excel sheet', querystring: query } }, (ctx, { query }) => compareWorkbook(ctx, query.orgId, query.year));

  serviceRoute(
    app,
    { method: 'get', path: '/api/v1/strengths/settings', access: 'honours.read', schema: { tags, summary: 'Which records evidence each item and how many a year; whether secretaries see branches side by side', response: { 200: settingsOut } } },
    async (ctx) => {
      const { value, version: v } = await strengthsSettings(ctx);
      return { ...value, version: v };
    },
  );

  serviceRoute(
    app,
    { method: 'put', path: '/api/v1/strengths/settings', access: 'settings.manage', schema: { tags, summary: 'Save the evidence rules (the version read; 0 before the first save); 409 on a stale one', body: strengthsSettingsSchema.extend({ version: version().or(z.literal(0)) }), response: { 200: settingsOut } } },
    async (ctx, { body }) => {
      const { version: v, ...value } = body;
      const saved = await saveStrengthsSettings(ctx, value, v);
      return { ...saved.value, version: saved.version };
    },
  );
}

/**
 * On the demo hospital, each overview card that reads an area's figure through a lighter query
 * (a count, two sums, the year's tasks) equals what the area's own page answers, for the office
 * (the whole unit) and for a secretary (their branch).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestApp, createTestApp } from '../../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

type Card = { key: string; value: number; of: number | null; series: { name: string; value: number }[] };

async function figures(c: Client) {
  const res = await c.get('/api/v1/dashboard/overview');
  expect(res.statusCode, res.body).toBe(200);
  const cards = new Map((res.json() as { year: number; cards: Card[] }).cards.map((x) => [x.key, x]));
  const year = (res.json() as { year: number }).year;
  const arrears = (await c.get('/api/v1/dues/arrears?minMonths=1&page=1&pageSize=1')).json() as { total: number };
  const collection = (await c.get(`/api/v1/dues/reports/collection?year=${year}`)).json() as { items: { dueCents: number; paidCents: number }[] };
  const due = (await c.get('/api/v1/development/due?days=30&pageSize=200')).json() as { total: number; overdue: number; items: { overdue: boolean }[] };
  const board = (await c.get('/api/v1/development/board')).json() as { stages: number[] };
  return { cards, arrears, collection, due, board, year };
}

describe('overview cards equal their areas’ answers (demo hospital)', () => {
  for (const who of ['org', 'secretary']) {
    it(`for ${who}`, async () => {
      const c = await t.login(who);
      const f = await figures(c);
      expect(f.arrears.total).toBeGreaterThan(0);
      expect(f.cards.get('duesArrears')?.value).toBe(f.arrears.total);
      const dueCents = f.collection.items.reduce((a, x) => a + x.dueCents, 0);
      const paidCents = f.collection.items.reduce((a, x) => a + x.paidCents, 0);
      expect(dueCents).toBeGreaterThan(0);
      expect(f.cards.get('duesRate')?.value).toBe(Math.round((paidCents / dueCents) * 1000) / 10);
      expect(f.cards.get('developmentDue')?.value).toBe(f.due.total);
      expect(f.due.total).toBe(f.due.items.length);
      expect(f.cards.get('developmentDue')?.series).toEqual([{ name: 'overdue', value: f.due.items.filter((x) => x.overdue).length }]);
      expect(f.board.stages.reduce((a, n) => a + n, 0)).toBeGreaterThan(0);
      expect(f.cards.get('funnel')?.series.map((s) => s.value)).toEqual(f.board.stages);
    });
  }

  it('the decisions card counts the dashboard’s tasks of the year', async () => {
    const c = await t.login('org');
    const f = await figures(c);
    const d = (await c.get(`/api/v1/decisions/dashboard?year=${f.year}`)).json() as { tasks: { total: number; open: number; dueSoon: number; closedOnTime: number } };
    expect(d.tasks.total).toBeGreaterThan(0);
    expect(f.cards.get('decisionTasks')).toMatchObject({ value: d.tasks.closedOnTime + d.tasks.open + d.tasks.dueSoon, of: d.tasks.total });
  });
});

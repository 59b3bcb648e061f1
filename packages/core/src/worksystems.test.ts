import { describe, expect, it } from 'vitest';
import { FRAMEWORK_TEMPLATES, MEASURE_AGGREGATES, MEASURE_SOURCES, type MeasureRow, aggregate, definitionVocabulary, progressOf, validateDefinition, versionInForce, yearPeriod } from './worksystems.js';

const def = (indicators: unknown[]) => ({ dimensions: [{ key: 'a', name: 'A', indicators: [{ key: 'ok', name: 'OK', kind: 'manual' }] }, { key: 'b', name: 'B', indicators }] });
const ind = (measure: unknown, key = 'x') => ({ key, name: 'X', kind: 'measure', measure });

describe('framework definitions', () => {
  it('accepts every built-in template', () => {
    expect(FRAMEWORK_TEMPLATES.map((t) => t.key)).toHaveLength(6);
    for (const t of FRAMEWORK_TEMPLATES) {
      expect(validateDefinition(t.definition)).toMatchObject({ ok: true });
      const keys = t.definition.dimensions.flatMap((d) => d.indicators.map((i) => i.key));
      expect(Object.keys(t.targets).sort()).toEqual([...keys].sort());
    }
  });

  it('names the wrong part: an unknown meeting kind', () => {
    const r = validateDefinition(def([ind({ source: 'service', aggregate: 'count' }, 'a1'), ind({ source: 'service', aggregate: 'count' }, 'a2'), ind({ source: 'orglife', aggregate: 'count', filters: { kinds: ['party_lecture', 'xyz'] } })]));
    expect(r).toEqual({ ok: false, errors: [{ path: 'dimensions[1].indicators[2].measure.filters.kinds', code: 'unknown_value', params: expect.objectContaining({ filter: 'kinds', value: 'xyz' }), message: 'unknown meeting kind "xyz"' }] });
  });

  it('gives every error a code: shape errors from the schema, rule errors from the allow-list', () => {
    const r = validateDefinition({ dimensions: [{ key: 'A', name: '', indicators: [{ key: 'x', name: 'x', kind: 'measure', measure: { source: 'nope', aggregate: 'count' }, colour: 1 }] }] });
    const codes = r.ok ? [] : r.errors.map((e) => `${e.path} ${e.code}`);
    expect(codes).toEqual(expect.arrayContaining(['dimensions[0].key bad_key', 'dimensions[0].name too_short', 'dimensions[0].indicators[0].measure.source unknown_choice', 'dimensions[0].indicators[0] unknown_part']));
    expect(validateDefinition({}).ok ? null : (validateDefinition({}) as { errors: Array<{ code: string }> }).errors[0]?.code).toBe('required');
  });

  it('lists what a definition may say for the editor: every source, aggregate and scope', () => {
    const v = definitionVocabulary();
    expect(v.sources.map((s) => s.key)).toEqual([...MEASURE_SOURCES]);
    expect(v.sources.find((s) => s.key === 'orglife')?.filters.find((f) => f.name === 'kinds')?.values).toContain('party_lecture');
    expect(v.aggregates).toEqual([...MEASURE_AGGREGATES]);
  });

  it('names unknown filters, fields, sources and duplicate keys', () => {
    const r = validateDefinition(
      def([
        ind({ source: 'service', aggregate: 'sum', field: 'salary' }, 'a'),
        ind({ source: 'project', aggregate: 'count', filters: { colour: ['red'] } }, 'b'),
        ind({ source: 'orglife', aggregate: 'rate' }, 'c'),
        ind({ source: 'orglife', aggregate: 'on_time' }, 'ok'),
      ]),
    );
    expect(r.ok).toBe(false);
    const paths = r.ok ? [] : r.errors.map((e) => e.path);
    expect(paths).toEqual(['dimensions[1].indicators[0].measure.field', 'dimensions[1].indicators[1].measure.filters.colour', 'dimensions[1].indicators[2].measure.numerator', 'dimensions[1].indicators[3].key', 'dimensions[1].indicators[3].measure.aggregate']);
    const bad = validateDefinition(def([ind({ source: 'salaries', aggregate: 'count' })]));
    expect(bad.ok ? null : bad.errors[0]?.path).toBe('dimensions[1].indicators[0].measure.source');
    const sql = validateDefinition(def([ind({ source: 'orglife', aggregate: 'count', sql: 'select 1' })]));
    expect(sql.ok ? null : sql.errors[0]?.path).toBe('dimensions[1].indicators[0].measure');
  });

  it('needs a measure on a measure indicator and none on a manual one', () => {
    const r = validateDefinition(def([{ key: 'm', name: 'M', kind: 'measure' }, { key: 'n', name: 'N', kind: 'manual', measure: { source: 'orglife', aggregate: 'count' } }]));
    expect(r.ok ? [] : r.errors.map((e) => e.message)).toEqual(['a measure indicator needs a measure', 'a manual indicator has no measure']);
  });
});

describe('periods and versions', () => {
  it('cuts the running year at today', () => {
    expect(yearPeriod(2026, '2026-11-23')).toEqual({ from: '2026-01-01', to: '2026-11-23' });
    expect(yearPeriod(2025, '2026-11-23')).toEqual({ from: '2025-01-01', to: '2025-12-31' });
    expect(yearPeriod(2024, '2024-12-31')).toEqual({ from: '2024-01-01', to: '2024-12-31' });
  });

  it('computes a year with the version in force on its last day', () => {
    const versions = [
      { no: 1, publishedOn: '2025-03-01' },
      { no: 2, publishedOn: '2025-12-31' },
      { no: 3, publishedOn: '2026-01-01' },
    ];
    expect(versionInForce(versions, 2024, '2026-11-23')).toBeNull();
    expect(versionInForce(versions, 2025, '2026-11-23')?.no).toBe(2);
    expect(versionInForce(versions, 2026, '2026-11-23')?.no).toBe(3);
    expect(versionInForce(versions.slice(0, 2), 2026, '2026-11-23')?.no).toBe(2);
    expect(versionInForce([{ no: 4, publishedOn: '2026-12-01' }], 2026, '2026-11-23')).toBeNull();
  });
});

describe('aggregates', () => {
  const row = (orgPath: string, amount: number, key = '', hit = false): MeasureRow => ({ id: 1, date: '2026-01-01', title: '', orgId: 1, orgName: '', orgPath, linkKind: 'x', linkId: 1, amount, key, hit });
  const rows = [row('/1/2/', 2.5, 'a', true), row('/1/2/', 3, 'a'), row('/1/3/', 4, 'b', true)];
  it('counts, sums, distinct, rates and coverage', () => {
    expect(aggregate({ source: 'service', aggregate: 'count', filters: {}, scope: 'subtree' }, rows)).toBe(3);
    expect(aggregate({ source: 'service', aggregate: 'sum', field: 'beneficiaries', filters: {}, scope: 'subtree' }, rows)).toBe(9.5);
    expect(aggregate({ source: 'service', aggregate: 'distinct', field: 'series', filters: {}, scope: 'subtree' }, rows)).toBe(2);
    expect(aggregate({ source: 'decision_topic', aggregate: 'rate', filters: {}, scope: 'subtree' }, rows)).toBe(66.7);
    expect(aggregate({ source: 'orglife', aggregate: 'coverage', filters: {}, scope: 'subtree' }, rows, ['/1/2/', '/1/3/', '/1/4/', '/1/5/'])).toBe(50);
    expect(aggregate({ source: 'decision_task', aggregate: 'on_time', filters: {}, scope: 'subtree' }, [])).toBe(0);
  });
  it('shows progress capped at 100, none without a target', () => {
    expect(progressOf(50, 200)).toBe(25);
    expect(progressOf(300, 200)).toBe(100);
    expect(progressOf(3, 0)).toBeNull();
    expect(progressOf(3, undefined)).toBeNull();
  });
});

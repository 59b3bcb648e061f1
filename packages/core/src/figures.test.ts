import { describe, expect, it } from 'vitest';
import { DEFAULT_FIGURES, figureDefinitionInput, figureValueProblem, monthsOfYear, parseMonth } from './figures.js';

describe('business figures', () => {
  it('reads the months offices type', () => {
    expect(parseMonth('2026-03')).toBe('2026-03');
    expect(parseMonth('2026/3')).toBe('2026-03');
    expect(parseMonth('2026年3月')).toBe('2026-03');
    expect(parseMonth('202603')).toBe('2026-03');
    expect(parseMonth('2026.10')).toBe('2026-10');
    expect(parseMonth('2026-13')).toBeNull();
    expect(parseMonth('三月')).toBeNull();
  });

  it('checks a value against its kind', () => {
    expect(figureValueProblem('ratio', 120)).toBe('ratio');
    expect(figureValueProblem('ratio', 23.5)).toBeNull();
    expect(figureValueProblem('score', 101)).toBe('score');
    expect(figureValueProblem('count', 2.5)).toBe('whole');
    expect(figureValueProblem('count', -1)).toBe('negative');
    expect(figureValueProblem('count', 9000)).toBeNull();
  });

  it('has valid defaults with distinct codes and names, and lists a year’s months up to one', () => {
    for (const f of DEFAULT_FIGURES) expect(figureDefinitionInput.parse(f)).toEqual(f);
    expect(new Set(DEFAULT_FIGURES.map((f) => f.code)).size).toBe(DEFAULT_FIGURES.length);
    expect(new Set(DEFAULT_FIGURES.map((f) => f.name)).size).toBe(DEFAULT_FIGURES.length);
    expect(monthsOfYear(2026, '2026-03')).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(monthsOfYear(2025)).toHaveLength(12);
  });
});

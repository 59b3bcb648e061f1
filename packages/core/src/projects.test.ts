import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PROJECTS_SETTINGS,
  PROJECT_STAGES,
  nextProjectStages,
  outcomeReached,
  projectClosed,
  projectProgress,
  projectRunning,
  projectTransition,
  projectsSettingsSchema,
  taskOverdue,
  projectTaskState,
} from './projects.js';
import { UNIT_SETTINGS } from './settings.js';

describe('project lifecycle', () => {
  it('runs proposed → approved → midterm → accepted, the 党委 moving each step', () => {
    expect(projectTransition('proposed', 'approved')).toBe('committee');
    expect(projectTransition('approved', 'midterm')).toBe('committee');
    expect(projectTransition('midterm', 'accepted')).toBe('committee');
    expect(projectTransition('proposed', 'rejected')).toBe('committee');
  });

  it('lets the branch withdraw an open project, never approve or accept it', () => {
    for (const from of ['proposed', 'approved', 'midterm'] as const) expect(projectTransition(from, 'withdrawn')).toBe('branch');
    expect(nextProjectStages('proposed').filter((n) => n.by === 'branch').map((n) => n.stage)).toEqual(['withdrawn']);
  });

  it('refuses skipping the mid-term check, going back, and any move of a closed project', () => {
    expect(projectTransition('approved', 'accepted')).toBeNull();
    expect(projectTransition('proposed', 'midterm')).toBeNull();
    expect(projectTransition('midterm', 'approved')).toBeNull();
    expect(projectTransition('approved', 'rejected')).toBeNull();
    for (const from of ['accepted', 'rejected', 'withdrawn'] as const) {
      expect(projectClosed(from)).toBe(true);
      for (const to of PROJECT_STAGES) expect(projectTransition(from, to)).toBeNull();
    }
    expect(projectRunning('proposed')).toBe(false);
    expect(projectRunning('midterm')).toBe(true);
  });
});

describe('tasks and progress', () => {
  const today = '2026-11-23';
  it('classifies a task: open, overdue, done, done late', () => {
    expect(projectTaskState({ status: 'open', dueOn: '2026-11-23', doneOn: null }, today)).toBe('open');
    expect(projectTaskState({ status: 'open', dueOn: '2026-11-22', doneOn: null }, today)).toBe('overdue');
    expect(projectTaskState({ status: 'done', dueOn: '2026-11-22', doneOn: '2026-11-20' }, today)).toBe('done');
    expect(projectTaskState({ status: 'done', dueOn: '2026-11-22', doneOn: '2026-11-23' }, today)).toBe('done_late');
  });

  it('chases overdue tasks only on a running project', () => {
    const late = { status: 'open' as const, dueOn: '2026-10-01', doneOn: null };
    expect(taskOverdue(late, 'approved', today)).toBe(true);
    expect(taskOverdue(late, 'proposed', today)).toBe(false);
    expect(taskOverdue(late, 'accepted', today)).toBe(false);
  });

  it('counts tasks done of total, overdue, and a whole percent', () => {
    const tasks = [
      { status: 'done' as const, dueOn: '2026-05-01', doneOn: '2026-04-30' },
      { status: 'open' as const, dueOn: '2026-10-01', doneOn: null },
      { status: 'open' as const, dueOn: '2026-12-31', doneOn: null },
    ];
    expect(projectProgress(tasks, 'midterm', today)).toEqual({ done: 1, total: 3, overdue: 1, percent: 33 });
    expect(projectProgress([], 'approved', today)).toEqual({ done: 0, total: 0, overdue: 0, percent: 0 });
  });

  it('says whether an outcome reached its target', () => {
    expect(outcomeReached({ indicator: '救治例数', unit: '例', target: 100, actual: 120, better: 'higher' })).toBe(true);
    expect(outcomeReached({ indicator: '救治例数', unit: '例', target: 100, actual: 80, better: 'higher' })).toBe(false);
    expect(outcomeReached({ indicator: '救治例数', unit: '例', target: 100, actual: null, better: 'higher' })).toBeNull();
    expect(outcomeReached({ indicator: 'D2B 时间中位数', unit: '分钟', target: 75, actual: 68, better: 'lower' })).toBe(true);
    expect(outcomeReached({ indicator: 'D2B 时间中位数', unit: '分钟', target: 75, actual: 78, better: 'lower' })).toBe(false);
  });
});

describe('project settings', () => {
  it('offers the seed areas by default and refuses an empty or repeated list', () => {
    expect(DEFAULT_PROJECTS_SETTINGS.areas.slice(0, 3)).toEqual(['学科建设', '人才培养', '科研攻关']);
    expect(UNIT_SETTINGS.projects.defaults).toBe(DEFAULT_PROJECTS_SETTINGS);
    expect(projectsSettingsSchema.safeParse({ areas: [] }).success).toBe(false);
    expect(projectsSettingsSchema.safeParse({ areas: ['学科建设', '学科建设'] }).success).toBe(false);
  });
});

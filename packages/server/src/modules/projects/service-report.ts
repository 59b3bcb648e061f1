/**
 * The year's project list as Excel (the 党委's 一线支部项目 list) and one project's report as Word:
 * goal, tasks with owners and results, outcomes, the mid-term check and the acceptance conclusion.
 */
import type { Ctx } from '../../lib/context.js';
import { body, chineseDate, docxBuffer, heading, line, signatureLines, table, title } from '../../lib/docx.js';
import { workbookBuffer } from '../../lib/excel.js';
import { secretaryNames } from './repository.js';
import { type ListFilter, projectDetail, projectList, stageLabel } from './service.js';

const figure = (n: number | null) => (n === null ? '' : String(n));

export async function projectsWorkbook(ctx: Ctx, f: ListFilter): Promise<{ name: string; buffer: Buffer }> {
  const rows = await projectList(ctx, f);
  const zh = ctx.language === 'zh-CN';
  const buffer = await workbookBuffer(
    zh ? '一线项目' : 'Front-line projects',
    [
      { header: zh ? '序号' : 'No.', width: 6, value: (_r, i) => i + 1 },
      { header: zh ? '党支部' : 'Branch', width: 28, value: (r) => r.project.orgName },
      { header: zh ? '项目名称' : 'Project', width: 36, value: (r) => r.project.title },
      { header: zh ? '问题领域' : 'Area', width: 12, value: (r) => r.project.area },
      { header: zh ? '负责人' : 'Lead', width: 10, value: (r) => r.project.leadName },
      { header: zh ? '开始日期' : 'Starts', width: 12, value: (r) => r.project.startedOn },
      { header: zh ? '结束日期' : 'Ends', width: 12, value: (r) => r.project.endsOn },
      { header: zh ? '阶段' : 'Stage', width: 12, value: (r) => stageLabel(r.project.stage, ctx.language) },
      { header: zh ? '任务完成' : 'Tasks done', width: 10, value: (r) => `${r.progress.done}/${r.progress.total}` },
      { header: zh ? '逾期任务' : 'Overdue tasks', width: 10, value: (r) => r.progress.overdue },
      { header: zh ? '成效指标达标' : 'Outcomes reached', width: 12, value: (r) => `${r.outcomesReached}/${r.outcomes}` },
      { header: zh ? '立项日期' : 'Approved on', width: 12, value: (r) => r.project.approvedOn ?? '' },
      { header: zh ? '验收日期' : 'Accepted on', width: 12, value: (r) => r.project.acceptedOn ?? '' },
      { header: zh ? '验收结论' : 'Conclusion', width: 10, value: (r) => r.project.conclusion ?? '' },
    ],
    rows,
    { sensitive: ctx.sensitive, title: zh ? `${f.year ?? ''}${f.year ? '年' : ''}一线支部项目清单` : `Front-line projects${f.year ? ` ${f.year}` : ''}` },
  );
  return { name: zh ? `一线项目${f.year ?? ''}.xlsx` : `front-line-projects${f.year ? `-${f.year}` : ''}.xlsx`, buffer };
}

/** The project report (项目报告), in Chinese as the 党委's files are. */
export async function projectReport(ctx: Ctx, id: number): Promise<{ name: string; buffer: Buffer }> {
  const { project: p, tasks, outcomes, progress } = await projectDetail(ctx, id);
  const secretaries = await secretaryNames(ctx.db, ctx.tenantId, p.orgId);
  const children = [
    title('一线支部项目报告'),
    line('项目名称', p.title),
    line('党支部', p.orgName),
    line('问题领域', p.area),
    line('项目负责人', p.leadName),
    line('实施周期', `${chineseDate(p.startedOn)}至${chineseDate(p.endsOn)}`),
    line('项目阶段', stageLabel(p.stage, 'zh-CN')),
    ...(secretaries.length ? [line('支部书记', secretaries.join('、'))] : []),
    heading('一、项目目标'),
    body(p.goal || '（未填写）'),
    heading(`二、任务清单与责任人（完成 ${progress.done}/${progress.total} 项${progress.overdue ? `，逾期 ${progress.overdue} 项` : ''}）`),
    table(
      ['序号', '任务', '责任人', '完成时限', '状态', '完成情况'],
      tasks.map((t, i) => [String(i + 1), t.title, t.ownerName, t.dueOn, t.status === 'done' ? `已完成（${t.doneOn}）` : t.overdue ? '逾期未完成' : '进行中', t.result]),
      { widths: [700, 2600, 1100, 1300, 1500, 2600] },
    ),
    heading('三、成效指标'),
    outcomes.length
      ? table(
          ['指标', '单位', '目标值', '实际值', '是否达标'],
          outcomes.map((o) => [o.indicator, o.unit, o.target === null ? '' : `${o.better === 'lower' ? '≤' : '≥'}${figure(o.target)}`, figure(o.actual), o.reached === null ? '' : o.reached ? '达标' : '未达标']),
        )
      : body('（未设成效指标）'),
    heading('四、立项、中期检查与验收'),
    line('立项', p.approvedOn ? `${chineseDate(p.approvedOn)}${p.approvalNote ? `　${p.approvalNote}` : ''}` : '未立项'),
    line('中期检查', p.midtermOn ? `${chineseDate(p.midtermOn)}${p.midtermNote ? `　${p.midtermNote}` : ''}` : '未进行'),
    line('验收', p.acceptedOn ? `${chineseDate(p.acceptedOn)}，验收结论：${p.conclusion}` : '未验收'),
    ...(p.acceptanceNote ? [body(p.acceptanceNote)] : []),
    ...(p.closedOn ? [line(p.stage === 'rejected' ? '不予立项' : '撤销', `${chineseDate(p.closedOn)}${p.closedNote ? `　${p.closedNote}` : ''}`)] : []),
    ...signatureLines(['党支部书记', '党委组织部门']),
  ];
  return { name: `一线项目报告-${p.title}.docx`, buffer: await docxBuffer(children) };
}

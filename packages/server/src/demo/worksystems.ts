/**
 * Work systems (工作体系) of the demo 党委: the unit adopts all six built-in templates (四维融合,
 * 四急四聚焦, 五个在一线, 12345, PDCA决策闭环, 支部工作条例) for the demo year, each published on the
 * year's first day, with the template's targets; the manual items get a value from two branches
 * with their evidence (the first branch's with a small generated PDF). Everything else is computed from the records the other demo parts load.
 *
 * Deterministic: templates in their order, dates from `today`.
 */
import { FRAMEWORK_TEMPLATES } from '@hongyi/core';
import type { Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import { demoHospitalOrgs } from './hospital.js';
import { insertEvidenceFile } from '../db/evidence.js';
import { insertAdoption, insertFramework, insertManualValue, insertVersion } from '../modules/worksystems/repository.js';
import { tinyPdf } from './evidence.js';
import type { DemoData } from './generate.js';

const MANUAL_EVIDENCE: Record<string, { value: number; evidence: string; file: { name: string; lines: string[] } }> = {
  dual_leaders: { value: 100, evidence: '支部书记均为科室主任或副主任，具有高级职称，已由组织部核定', file: { name: '双带头人核定通知.pdf', lines: ['Dual-leader branch secretaries', 'Approved by the organisation department', 'All branch secretaries: department heads, senior titles'] } },
  integrity_education: { value: 3, evidence: '观看警示教育片、参观廉政教育基地、“五廉”专题党课各一次', file: { name: '廉洁教育签到表.pdf', lines: ['Integrity education: sign-in sheet', '1. Warning education film', '2. Visit to the integrity education base', '3. Party lecture on the five integrities'] } },
  rules_reviewed: { value: 6, evidence: '上半年复盘“三重一大”前置研究等 6 项融合制度，形成整改清单', file: { name: '融合制度复盘清单.pdf', lines: ['Review of integrated rules', '6 rules reviewed in the first half year', 'Rectification list attached'] } },
};

export async function loadWorksystemsDemo(trx: Transaction<DB>, data: DemoData): Promise<void> {
  const hospital = await demoHospitalOrgs(trx, data);
  if (!hospital) return;
  const { tenantId, orgs, root } = hospital;
  const branches = orgs.filter((o) => o.type === 'branch').slice(0, 2);
  const year = Number(data.today.slice(0, 4));
  for (const template of FRAMEWORK_TEMPLATES) {
    const id = await insertFramework(trx, tenantId, { orgId: root.id, name: template.name, templateKey: template.key, createdFrom: `template:${template.key}`, draft: template.definition });
    await insertVersion(trx, tenantId, { frameworkId: id, no: 1, definition: template.definition, publishedOn: `${year}-01-01`, publishedByName: '组织部' });
    const adoptionId = await insertAdoption(trx, tenantId, { frameworkId: id, orgId: root.id, year, targets: template.targets });
    for (const ind of template.definition.dimensions.flatMap((d) => d.indicators)) {
      const manual = MANUAL_EVIDENCE[ind.key];
      if (ind.kind !== 'manual' || !manual) continue;
      // A unit-wide share (双带头人 %) is the 党委's one figure; counts come from the branches.
      const holders = ind.unit === '%' ? [root] : branches;
      for (const [i, b] of holders.entries()) {
        const valueId = await insertManualValue(trx, tenantId, { adoptionId, indicatorKey: ind.key, orgId: b.id, value: manual.value, evidence: manual.evidence, link: '', enteredByName: '支部书记' });
        // The first holder attached the scanned evidence (a small generated PDF); the second entered the note only.
        if (i === 0) await insertEvidenceFile(trx, { table: 'worksystem_manual_files', owner: 'value_id' }, tenantId, valueId, { name: manual.file.name, contentType: 'application/pdf', content: tinyPdf([...manual.file.lines, `Year ${year}`]) }, { userId: null, username: '支部书记' });
      }
    }
  }
}

import type { Kysely } from 'kysely';
import { executeScript } from '../script.js';

/**
 * A 换届 election keeps what it was decided on: who on the roster was not counted among those due
 * (probationary, voting rights suspended, away with approval — core votingEntitlement) and the
 * candidates' votes with whether each was elected (core candidateElected). Ethnicity typed in its
 * short form ('汉', '回') becomes the official name (GB/T 3304), as the forms and the roster
 * import now store it (core normaliseEthnicity). Frozen once landed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    alter table org_elections add column excluded jsonb not null default '[]';
    alter table org_elections add column candidates jsonb not null default '[]';
    update members set ethnicity = btrim(ethnicity) || '族' where btrim(ethnicity) in ('汉', '蒙古', '回', '藏', '维吾尔', '苗', '彝', '壮', '布依', '朝鲜', '满', '侗', '瑶', '白', '土家', '哈尼', '哈萨克', '傣', '黎', '傈僳', '佤', '畲', '高山', '拉祜', '水', '东乡', '纳西', '景颇', '柯尔克孜', '土', '达斡尔', '仫佬', '羌', '布朗', '撒拉', '毛南', '仡佬', '锡伯', '阿昌', '普米', '塔吉克', '怒', '乌孜别克', '俄罗斯', '鄂温克', '德昂', '保安', '裕固', '京', '塔塔尔', '独龙', '鄂伦春', '赫哲', '门巴', '珞巴', '基诺');
    update development_files set ethnicity = btrim(ethnicity) || '族' where btrim(ethnicity) in ('汉', '蒙古', '回', '藏', '维吾尔', '苗', '彝', '壮', '布依', '朝鲜', '满', '侗', '瑶', '白', '土家', '哈尼', '哈萨克', '傣', '黎', '傈僳', '佤', '畲', '高山', '拉祜', '水', '东乡', '纳西', '景颇', '柯尔克孜', '土', '达斡尔', '仫佬', '羌', '布朗', '撒拉', '毛南', '仡佬', '锡伯', '阿昌', '普米', '塔吉克', '怒', '乌孜别克', '俄罗斯', '鄂温克', '德昂', '保安', '裕固', '京', '塔塔尔', '独龙', '鄂伦春', '赫哲', '门巴', '珞巴', '基诺');
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeScript(db, `alter table org_elections drop column candidates; alter table org_elections drop column excluded;`);
}

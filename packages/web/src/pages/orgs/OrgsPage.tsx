import { Alert, Button, Card, Col, Empty, Flex, Input, Row, Skeleton, Statistic, Tag, Tree, Typography } from 'antd';
import type { TreeDataNode } from 'antd';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { flattenOrgs, useErrorText, useOrgTree } from '../../api/hooks';
import type { OrgNode, OrgType } from '../../api/types';
import { PageCard } from '../../components/PageCard';
import { useI18n } from '../../i18n';
import { useSession } from '../../session';
import { MemberList } from '../members/MemberList';
import { OrgDetail } from './OrgDetail';

const TYPE_COLORS: Record<OrgType, string> = {
  committee: 'red',
  general_branch: 'volcano',
  branch: 'orange',
  joint_branch: 'gold',
  temporary_branch: 'default',
  party_group: 'default',
};

/** Keeps the nodes whose name matches, and the ancestors leading to them. */
function filterTree(nodes: readonly OrgNode[], needle: string): OrgNode[] {
  if (!needle) return [...nodes];
  const out: OrgNode[] = [];
  for (const node of nodes) {
    const children = filterTree(node.children ?? [], needle);
    if (node.name.toLowerCase().includes(needle) || children.length > 0) out.push({ ...node, children });
  }
  return out;
}

/**
 * The structure as each role may see it: the organisation office and secretaries the tree with
 * everyone's members; hospital leaders the structure and counts (no member list: they do not
 * read members); a member their own branch, its committee and term.
 */
export default function OrgsPage() {
  const { t, label } = useI18n();
  const errorText = useErrorText();
  const { can } = useSession();
  const seesMembers = can('members.read');
  const { data, error, loading, reload } = useOrgTree();
  const [searchParams, setSearchParams] = useSearchParams();
  const [search, setSearch] = useState('');
  const selectedId = searchParams.get('orgId');

  // An org not in the tree (dissolved or merged, opened from a link or just dissolved) still shows its detail and history.
  // A member sees one branch: it is open from the start.
  const onlyOrg = !seesMembers && data?.length === 1 && (data[0]?.children ?? []).length === 0 ? data[0] : undefined;
  const selectedOrgId = selectedId && /^\d+$/.test(selectedId) ? Number(selectedId) : (onlyOrg?.id ?? null);

  const treeData = useMemo(() => {
    const toNode = (org: OrgNode): TreeDataNode => ({
      key: String(org.id),
      title: (
        <Flex align="center" gap={6} style={{ minWidth: 0 }}>
          <Tag color={TYPE_COLORS[org.type] ?? 'default'} style={{ marginInlineEnd: 0 }}>
            {label('orgType', org.type)}
          </Tag>
          <span>{org.name}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('common.peopleCount', { count: org.memberCount })}
          </Typography.Text>
        </Flex>
      ),
      children: (org.children ?? []).map(toNode),
    });
    return filterTree(data ?? [], search.trim().toLowerCase()).map(toNode);
  }, [data, search, t, label]);

  // Open the top two levels by default (committee and general branches); all of them while searching.
  const defaultExpanded = useMemo(
    () => (data ?? []).flatMap((root) => [String(root.id), ...(root.children ?? []).map((child) => String(child.id))]),
    [data],
  );

  const select = (orgId: string | undefined) =>
    setSearchParams((prev) => {
      const next = new URLSearchParams(prev);
      if (orgId) next.set('orgId', orgId);
      else next.delete('orgId');
      next.delete('page');
      return next;
    });

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={9} xxl={7}>
        <Card title={t('orgs.title')} variant="borderless" styles={{ body: { paddingTop: 12 } }}>
          <Input.Search
            allowClear
            placeholder={t('orgs.searchPlaceholder')}
            aria-label={t('orgs.searchPlaceholder')}
            onChange={(event) => setSearch(event.target.value)}
            style={{ marginBottom: 12 }}
          />
          {error ? (
            <Alert type="error" showIcon title={errorText(error)} action={<Button size="small" onClick={reload}>{t('common.retry')}</Button>} />
          ) : loading ? (
            <Skeleton active />
          ) : treeData.length === 0 ? (
            <Empty description={t('orgs.empty')} />
          ) : (
            <div style={{ maxHeight: 'calc(100vh - 220px)', overflow: 'auto' }}>
            <Tree
              data-testid="org-tree"
              key={search ? 'searching' : 'browsing'}
              blockNode
              showLine
              treeData={treeData}
              defaultExpandedKeys={defaultExpanded}
              defaultExpandAll={search.trim() !== ''}
              selectedKeys={selectedId ? [selectedId] : []}
              onSelect={(keys) => select(keys[0] === undefined ? undefined : String(keys[0]))}
            />
            </div>
          )}
        </Card>
      </Col>
      <Col xs={24} lg={15} xxl={17}>
        {selectedOrgId !== null ? (
          <OrgDetail key={selectedOrgId} orgId={selectedOrgId} onChanged={reload} onSelect={(id) => select(String(id))} />
        ) : !seesMembers ? (
          <StructureSummary nodes={data ?? []} loading={loading} />
        ) : (
          <PageCard
            title={t('orgs.allMembers')}
            extra={
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('orgs.selectHint')}
              </Typography.Text>
            }
          >
            <MemberList showOrgFilter={false} />
          </PageCard>
        )}
      </Col>
    </Row>
  );
}

/** Counts of the structure for roles that do not read member lists (院领导): organisations by type and members. */
function StructureSummary({ nodes, loading }: { nodes: readonly OrgNode[]; loading: boolean }) {
  const { t, label } = useI18n();
  const all = flattenOrgs(nodes);
  const byType = new Map<OrgType, number>();
  for (const o of all) byType.set(o.type, (byType.get(o.type) ?? 0) + 1);
  const members = nodes.reduce((n, root) => n + root.memberCount, 0);
  const types: OrgType[] = ['committee', 'general_branch', 'branch', 'joint_branch', 'temporary_branch', 'party_group'];
  return (
    <PageCard
      title={t('orgs.structureTitle')}
      extra={
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('orgs.structureHint')}
        </Typography.Text>
      }
    >
      {loading ? (
        <Skeleton active />
      ) : (
        <Flex wrap gap={32} data-testid="org-structure-summary">
          <Statistic title={t('orgs.structureMembers')} value={members} />
          {types
            .filter((type) => byType.has(type))
            .map((type) => (
              <Statistic key={type} title={label('orgType', type)} value={byType.get(type)} />
            ))}
        </Flex>
      )}
    </PageCard>
  );
}

import { type FrameworkRowData, frameworkIssues, weightsByParent } from '@kaifaqu/core/evaluation-platform';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Drawer,
  Empty,
  Form,
  Input,
  InputNumber,
  List,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { ApiError, api } from '../../api/client.ts';
import { useE } from './i18n.ts';

interface Framework {
  id: number;
  code: string;
  version: number;
  name: string;
  rows: FrameworkRowData[];
  pipeline: unknown;
  assumption: string | null;
  frozen: boolean;
  frozenAt: string | null;
  synthetic: boolean;
  createdAt: string;
}

interface TreeRow extends FrameworkRowData {
  key: string;
  idx: number;
  children?: TreeRow[];
}

/** Tree of aggregates → indicators for the table (Group and Denominator columns are listed apart). */
function toTree(rows: FrameworkRowData[]): TreeRow[] {
  const nodes = rows.map((r, idx) => ({ ...r, key: `${idx}`, idx }) as TreeRow);
  const byCode = new Map<string, TreeRow>();
  for (const n of nodes) if (n.type === 'Aggregate' && !byCode.has(n.iCode)) byCode.set(n.iCode, n);
  const roots: TreeRow[] = [];
  for (const n of nodes) {
    if (n.type !== 'Aggregate' && n.type !== 'Indicator') continue;
    const p = n.parent ? byCode.get(n.parent) : undefined;
    // A row whose parent chain loops back to itself is shown at the top, where its issue is listed.
    if (p && p !== n && !isAncestor(n, p, byCode)) {
      p.children = p.children ?? [];
      p.children.push(n);
    } else roots.push(n);
  }
  return roots;
}

function isAncestor(n: TreeRow, p: TreeRow, byCode: Map<string, TreeRow>): boolean {
  const seen = new Set<TreeRow>();
  for (let x: TreeRow | undefined = p; x; x = x.parent ? byCode.get(x.parent) : undefined) {
    if (x === n) return true;
    if (seen.has(x)) return true;
    seen.add(x);
  }
  return false;
}

const clean = (r: FrameworkRowData): FrameworkRowData =>
  Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined && v !== null && v !== '')) as unknown as FrameworkRowData;

/** 指标体系: versions, a tree editor with inline validation, save / save as new version / clone a frozen version. */
export default function Frameworks() {
  const { t, lang } = useE();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const list = useQuery({ queryKey: ['evaluation', 'frameworks'], queryFn: () => api<Framework[]>('/api/evaluation/frameworks') });
  const [selId, setSelId] = useState<number | null>(null);
  // Default: the newest version (a draft being edited, or the latest frozen one).
  const fw =
    list.data?.find((f) => f.id === selId) ?? list.data?.reduce<Framework | undefined>((a, b) => (a && a.id > b.id ? a : b), undefined);
  const [rows, setRows] = useState<FrameworkRowData[]>([]);
  const [name, setName] = useState('');
  const [sel, setSel] = useState<number | null>(null);
  const [serverIssues, setServerIssues] = useState<{ path: (string | number)[]; message: string; messageEn?: string }[]>([]);
  useEffect(() => {
    if (fw) {
      setRows(fw.rows);
      setName(fw.name);
      setSel(null);
      setServerIssues([]);
    }
  }, [fw]);
  const readOnly = !fw || fw.frozen;
  const issues = useMemo(() => frameworkIssues(rows), [rows]);
  const shares = useMemo(() => weightsByParent(rows), [rows]);
  const shareOf = useMemo(() => {
    const m = new Map<string, number>();
    for (const p of shares) for (const c of p.children) m.set(c.iCode, c.share);
    return m;
  }, [shares]);
  const sumOf = useMemo(() => new Map(shares.map((p) => [p.parent, p.sum])), [shares]);
  const issuesAt = (idx: number) =>
    [...issues, ...serverIssues]
      .filter((i) => i.path[0] === 'rows' && i.path[1] === idx)
      .map((i) => (lang === 'en' ? i.messageEn : i.message));
  const general = issues.filter((i) => i.path.length === 1);
  const tree = useMemo(() => toTree(rows), [rows]);
  const aggregates = rows.filter((r) => r.type === 'Aggregate');
  const others = rows.filter((r) => r.type === 'Group' || r.type === 'Denominator');
  const dirty = !!fw && (JSON.stringify(rows) !== JSON.stringify(fw.rows) || name !== fw.name);

  const patch = (idx: number, p: Partial<FrameworkRowData>) => setRows((rs) => rs.map((r, i) => (i === idx ? clean({ ...r, ...p }) : r)));
  const top = rows.find((r) => r.type === 'Aggregate' && !r.parent);
  const addRow = (type: 'Aggregate' | 'Indicator') => {
    const parentRow = sel != null ? rows[sel] : undefined;
    const parent =
      type === 'Aggregate'
        ? top?.iCode
        : parentRow?.type === 'Aggregate' && parentRow !== top
          ? parentRow.iCode
          : parentRow?.type === 'Indicator'
            ? parentRow.parent
            : aggregates.find((a) => a !== top)?.iCode;
    let n = rows.length + 1;
    while (rows.some((r) => r.iCode === `${type === 'Aggregate' ? 'Dim' : 'Ind'}${n}`)) n++;
    const row: FrameworkRowData = clean({
      iCode: `${type === 'Aggregate' ? 'Dim' : 'Ind'}${n}`,
      iName: type === 'Aggregate' ? t('fwNewDim') : t('fwNewInd'),
      type,
      level: type === 'Aggregate' ? 2 : undefined,
      parent,
      direction: 1,
      weight: 1,
    });
    setRows((rs) => [...rs, row]);
    setSel(rows.length);
  };
  const remove = (idx: number) => {
    setRows((rs) => rs.filter((_, i) => i !== idx));
    setSel(null);
  };

  const done = (msg: string) => (f: Framework) => {
    message.success(msg);
    setServerIssues([]);
    qc.invalidateQueries({ queryKey: ['evaluation', 'frameworks'] });
    setSelId(f.id);
  };
  const onErr = (e: unknown) => {
    if (e instanceof ApiError) {
      setServerIssues(e.issues);
      message.error(e.localized(lang));
    } else message.error(String(e));
  };
  const body = () => ({ code: fw!.code, name, rows: rows.map(clean), pipeline: fw!.pipeline, assumption: fw!.assumption ?? undefined });
  const save = useMutation({
    mutationFn: () => api<Framework>(`/api/evaluation/frameworks/${fw!.id}`, { method: 'PUT', body: body() }),
    onSuccess: done(t('saved')),
    onError: onErr,
  });
  const saveNew = useMutation({
    mutationFn: () => api<Framework>('/api/evaluation/frameworks', { method: 'POST', body: body() }),
    onSuccess: (f) => done(t('fwSavedNew', { v: f.version }))(f),
    onError: onErr,
  });
  const clone = useMutation({
    mutationFn: () => api<Framework>(`/api/evaluation/frameworks/${fw!.id}/clone`, { method: 'POST' }),
    onSuccess: (f) => done(t('fwCloned', { v: f.version }))(f),
    onError: onErr,
  });

  if (list.isLoading) return null;
  if (!list.data?.length || !fw) return <Empty description={t('fwNone')} />;
  const cur = sel != null ? rows[sel] : undefined;
  const dirLabel = (d?: number) => (d === -1 ? t('fwDirNeg') : t('fwDirPos'));

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={5}>
        <Card size="small" title={t('fwVersions')}>
          <List
            size="small"
            dataSource={[...list.data].sort((a, b) => a.code.localeCompare(b.code) || b.version - a.version)}
            renderItem={(f) => (
              <List.Item
                onClick={() => setSelId(f.id)}
                style={{ cursor: 'pointer', background: f.id === fw.id ? 'rgba(22,119,255,0.08)' : undefined, paddingInline: 8 }}
              >
                <Space direction="vertical" size={0} style={{ width: '100%' }}>
                  <Space wrap size={4}>
                    <Typography.Text strong>
                      {f.code} v{f.version}
                    </Typography.Text>
                    {f.frozen ? <Tag color="blue">{t('fwFrozen')}</Tag> : <Tag color="gold">{t('fwDraft')}</Tag>}
                    {f.synthetic && <Tag color="orange">{t('demo')}</Tag>}
                  </Space>
                  <Typography.Text type="secondary" ellipsis style={{ maxWidth: 220, fontSize: 12 }}>
                    {f.name}
                  </Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        </Card>
      </Col>
      <Col xs={24} xl={19}>
        <Card
          size="small"
          title={
            <Space wrap>
              <span>
                {fw.code} v{fw.version}
              </span>
              {fw.frozen ? <Tag color="blue">{t('fwFrozen')}</Tag> : <Tag color="gold">{t('fwDraft')}</Tag>}
              {dirty && <Tag color="red">{t('fwUnsaved')}</Tag>}
            </Space>
          }
          extra={
            <Space wrap>
              {!readOnly && (
                <>
                  <Button onClick={() => addRow('Aggregate')}>{t('fwAddDim')}</Button>
                  <Button onClick={() => addRow('Indicator')}>{t('fwAddInd')}</Button>
                  <Button type="primary" disabled={!dirty || issues.length > 0} loading={save.isPending} onClick={() => save.mutate()}>
                    {t('save')}
                  </Button>
                </>
              )}
              <Button disabled={issues.length > 0 || (!dirty && readOnly)} loading={saveNew.isPending} onClick={() => saveNew.mutate()}>
                {t('fwSaveNew')}
              </Button>
              {fw.frozen && (
                <Button type="primary" loading={clone.isPending} onClick={() => clone.mutate()}>
                  {t('fwClone')}
                </Button>
              )}
            </Space>
          }
        >
          <Space direction="vertical" style={{ width: '100%' }}>
            {fw.frozen && <Alert type="info" showIcon message={t('fwFrozenHint')} />}
            {fw.assumption && (
              <Typography.Paragraph type="secondary" ellipsis={{ rows: 2, expandable: true }} style={{ marginBottom: 0 }}>
                {fw.assumption}
              </Typography.Paragraph>
            )}
            <Space wrap>
              <span>{t('name')}</span>
              <Input style={{ width: 460 }} value={name} disabled={readOnly} onChange={(e) => setName(e.target.value)} />
            </Space>
            {issues.length > 0 ? (
              <Alert
                type="error"
                showIcon
                message={t('fwIssues', { n: issues.length })}
                description={
                  general.length ? general.map((i) => (lang === 'en' ? i.messageEn : i.message)).join('；') : t('fwIssuesInline')
                }
              />
            ) : (
              <Alert type="success" showIcon message={t('fwValid')} />
            )}
            <div>
              <div>
                <Table<TreeRow>
                  size="small"
                  rowKey="key"
                  dataSource={tree}
                  pagination={false}
                  expandable={{ defaultExpandAllRows: true }}
                  key={`${fw.id}-${rows.length}`}
                  scroll={{ x: 820 }}
                  onRow={(r) => ({ onClick: () => setSel(r.idx), style: { cursor: 'pointer' } })}
                  rowClassName={(r) => (r.idx === sel ? 'ant-table-row-selected' : '')}
                  columns={[
                    {
                      title: t('fwCode'),
                      dataIndex: 'iCode',
                      width: 210,
                      render: (c: string, r) => (
                        <Space size={4}>
                          <Typography.Text code>{c}</Typography.Text>
                          {r.type === 'Aggregate' && <Tag>{r.parent ? t('fwDim') : t('fwIndex')}</Tag>}
                        </Space>
                      ),
                    },
                    {
                      title: t('name'),
                      dataIndex: 'iName',
                      render: (v: string, r) => {
                        const msgs = issuesAt(r.idx);
                        return (
                          <Space direction="vertical" size={0}>
                            <span title={r.definition}>{v}</span>
                            {msgs.length > 0 && (
                              <Typography.Text type="danger" style={{ fontSize: 12 }}>
                                {msgs.join('；')}
                              </Typography.Text>
                            )}
                          </Space>
                        );
                      },
                    },
                    { title: t('unit'), dataIndex: 'unit', width: 90 },
                    {
                      title: t('fwDirection'),
                      dataIndex: 'direction',
                      width: 70,
                      render: (d: number, r) => (r.type === 'Indicator' ? dirLabel(d) : ''),
                    },
                    {
                      title: t('weight'),
                      dataIndex: 'weight',
                      width: 150,
                      render: (w: number | undefined, r) =>
                        r.parent ? (
                          <Space size={4} onClick={(e) => e.stopPropagation()}>
                            <InputNumber
                              size="small"
                              style={{ width: 72 }}
                              min={0}
                              value={w ?? null}
                              disabled={readOnly}
                              status={issuesAt(r.idx).length ? 'error' : undefined}
                              onChange={(v) => patch(r.idx, { weight: v == null ? undefined : Number(v) })}
                            />
                            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                              {((shareOf.get(r.iCode) ?? 0) * 100).toFixed(1)}%
                            </Typography.Text>
                          </Space>
                        ) : null,
                    },
                    {
                      title: t('fwChildSum'),
                      key: 'sum',
                      width: 90,
                      render: (_: unknown, r) => (r.type === 'Aggregate' ? (sumOf.get(r.iCode) ?? 0).toFixed(2) : ''),
                    },
                  ]}
                />
                {others.length > 0 && (
                  <Space wrap style={{ marginTop: 8 }}>
                    <Typography.Text type="secondary">{t('fwOtherCols')}</Typography.Text>
                    {others.map((o) => (
                      <Tag key={o.iCode}>
                        {o.iCode}（{o.type === 'Group' ? t('fwGroup') : t('fwDenominator')}）
                      </Tag>
                    ))}
                  </Space>
                )}
              </div>
              <Drawer
                open={cur != null}
                mask={false}
                width={440}
                title={cur ? `${cur.iCode} · ${cur.iName}` : t('fwPick')}
                onClose={() => setSel(null)}
              >
                {cur && sel != null ? (
                  <Form layout="vertical" size="small" disabled={readOnly}>
                    <Row gutter={8}>
                      <Col span={12}>
                        <Form.Item label={t('fwCode')} validateStatus={issuesAt(sel).length ? 'error' : undefined}>
                          <Input value={cur.iCode} onChange={(e) => patch(sel, { iCode: e.target.value.trim() })} />
                        </Form.Item>
                      </Col>
                      <Col span={12}>
                        <Form.Item label={t('fwParent')}>
                          <Select
                            allowClear
                            value={cur.parent}
                            onChange={(v) => patch(sel, { parent: v })}
                            options={aggregates
                              .filter((a) => a.iCode !== cur.iCode)
                              .map((a) => ({ value: a.iCode, label: `${a.iCode} ${a.iName}` }))}
                          />
                        </Form.Item>
                      </Col>
                    </Row>
                    <Form.Item label={t('name')}>
                      <Input value={cur.iName} onChange={(e) => patch(sel, { iName: e.target.value })} />
                    </Form.Item>
                    {cur.type === 'Indicator' ? (
                      <>
                        <Row gutter={8}>
                          <Col span={8}>
                            <Form.Item label={t('unit')}>
                              <Input value={cur.unit} onChange={(e) => patch(sel, { unit: e.target.value })} />
                            </Form.Item>
                          </Col>
                          <Col span={8}>
                            <Form.Item label={t('fwDirection')}>
                              <Select
                                value={cur.direction ?? 1}
                                onChange={(v) => patch(sel, { direction: v })}
                                options={[
                                  { value: 1, label: dirLabel(1) },
                                  { value: -1, label: dirLabel(-1) },
                                ]}
                              />
                            </Form.Item>
                          </Col>
                          <Col span={8}>
                            <Form.Item label={t('weight')}>
                              <InputNumber
                                min={0}
                                style={{ width: '100%' }}
                                value={cur.weight ?? null}
                                onChange={(v) => patch(sel, { weight: v == null ? undefined : Number(v) })}
                              />
                            </Form.Item>
                          </Col>
                        </Row>
                        <Form.Item label={t('fwDefinition')}>
                          <Input.TextArea rows={2} value={cur.definition} onChange={(e) => patch(sel, { definition: e.target.value })} />
                        </Form.Item>
                        <Form.Item label={t('fwSource')}>
                          <Input value={cur.source} onChange={(e) => patch(sel, { source: e.target.value })} />
                        </Form.Item>
                        <Row gutter={8}>
                          <Col span={8}>
                            <Form.Item label={t('fwDenominator')}>
                              <Select
                                allowClear
                                value={cur.denominator}
                                onChange={(v) => patch(sel, { denominator: v })}
                                options={rows.filter((r) => r.type === 'Denominator').map((r) => ({ value: r.iCode, label: r.iCode }))}
                              />
                            </Form.Item>
                          </Col>
                          <Col span={8}>
                            <Form.Item label={t('fwMin')}>
                              <InputNumber
                                style={{ width: '100%' }}
                                value={cur.min ?? null}
                                onChange={(v) => patch(sel, { min: v ?? undefined })}
                              />
                            </Form.Item>
                          </Col>
                          <Col span={8}>
                            <Form.Item label={t('fwMax')}>
                              <InputNumber
                                style={{ width: '100%' }}
                                value={cur.max ?? null}
                                onChange={(v) => patch(sel, { max: v ?? undefined })}
                              />
                            </Form.Item>
                          </Col>
                        </Row>
                      </>
                    ) : (
                      <Row gutter={8}>
                        <Col span={12}>
                          <Form.Item label={t('fwLevel')}>
                            <InputNumber
                              min={2}
                              max={9}
                              value={cur.level ?? null}
                              onChange={(v) => patch(sel, { level: v ?? undefined })}
                            />
                          </Form.Item>
                        </Col>
                        <Col span={12}>
                          <Form.Item label={t('weight')}>
                            <InputNumber
                              min={0}
                              value={cur.weight ?? null}
                              onChange={(v) => patch(sel, { weight: v == null ? undefined : Number(v) })}
                            />
                          </Form.Item>
                        </Col>
                      </Row>
                    )}
                    {issuesAt(sel).length > 0 && <Alert type="error" message={issuesAt(sel).join('；')} style={{ marginBottom: 8 }} />}
                    {!readOnly && (
                      <Button danger onClick={() => remove(sel)}>
                        {t('fwRemove')}
                      </Button>
                    )}
                  </Form>
                ) : null}
              </Drawer>
            </div>
            <Typography.Text type="secondary">{t('fwPickHint')}</Typography.Text>
          </Space>
        </Card>
      </Col>
    </Row>
  );
}

import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, Input, InputNumber, List, Space, Spin, Table, Tag, Typography, Upload } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError, api, CSRF_COOKIE, readCookie } from '../../api/client.ts';
import { statusLabel, useE } from './i18n.ts';

interface Current {
  round: { id: number; year: number; dataYear: number; jumpThreshold: number } | null;
  framework: {
    code: string;
    version: number;
    indicators: { iCode: string; iName: string; unit?: string; parent?: string; min?: number; max?: number; definition?: string }[];
    dimensions: { iCode: string; iName: string }[];
  } | null;
  submission: {
    status: string;
    values: Record<string, number | null>;
    explanations: Record<string, string>;
    comments: { at: string; by: string; action: string; text: string }[];
    synthetic: boolean;
  } | null;
  previous: { year: number; values: Record<string, number | null> } | null;
  checks: { iCode: string; level: string; message: string; messageEn: string }[];
}

interface FileIssue {
  path: (string | number)[];
  row?: number;
  column?: string;
  message: string;
  messageEn?: string;
}

/** Multipart upload of the xlsx/csv; resolves with the saved submission or throws ApiError with the cells at fault. */
async function uploadFile(url: string, file: File): Promise<{ file: { name: string; format: string; values: number } }> {
  const fd = new FormData();
  fd.append('file', file, file.name);
  const csrf = readCookie(CSRF_COOKIE);
  const res = await fetch(url, { method: 'POST', body: fd, credentials: 'same-origin', headers: csrf ? { 'x-csrf-token': csrf } : {} });
  const body = await res.json().catch(() => null);
  if (!res.ok)
    throw new ApiError(
      res.status,
      body?.error ?? {
        code: `HTTP_${res.status}`,
        message: `上传失败（HTTP ${res.status}）`,
        messageEn: `Upload failed (HTTP ${res.status})`,
      },
    );
  return body.data;
}

export default function Submission({ zone, canEdit }: { zone: string; canEdit: boolean }) {
  const { t, lang } = useE();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const url = `/api/zones/${encodeURIComponent(zone)}/evaluation/submission`;
  const q = useQuery({ queryKey: ['evaluation', 'submission', zone], queryFn: () => api<Current>(url) });
  const [values, setValues] = useState<Record<string, number | null>>({});
  const [expl, setExpl] = useState<Record<string, string>>({});
  const [issues, setIssues] = useState<Record<string, string>>({});
  const [fileIssues, setFileIssues] = useState<FileIssue[]>([]);
  const upload = useMutation({
    mutationFn: (file: File) => uploadFile(`${url}/upload`, file),
    onSuccess: (r) => {
      setFileIssues([]);
      setIssues({});
      message.success(t('uploadOk', { n: r.file.values, f: r.file.name }));
      qc.invalidateQueries({ queryKey: ['evaluation', 'submission', zone] });
    },
    onError: (e) => {
      if (e instanceof ApiError && e.issues.length) {
        const list = [...(e.issues as FileIssue[])].sort(
          (a, b) =>
            (a.row ?? 0) - (b.row ?? 0) ||
            (a.column ?? '').length - (b.column ?? '').length ||
            (a.column ?? '').localeCompare(b.column ?? ''),
        );
        setFileIssues(list);
        message.error(t('uploadErrors', { n: list.length }));
      } else message.error(e instanceof ApiError ? e.localized(lang) : String(e));
    },
  });
  useEffect(() => {
    if (q.data?.submission) {
      setValues(q.data.submission.values);
      setExpl(q.data.submission.explanations);
    }
  }, [q.data]);
  const onErr = (e: unknown) => {
    if (e instanceof ApiError) {
      setIssues(Object.fromEntries(e.issues.map((i) => [String(i.path.at(-1)), lang === 'en' ? (i.messageEn ?? i.message) : i.message])));
      message.error(e.localized(lang));
    }
  };
  const save = useMutation({
    mutationFn: () => api(url, { method: 'PUT', body: { values, explanations: expl } }),
    onSuccess: () => {
      setIssues({});
      message.success(t('saved'));
      qc.invalidateQueries({ queryKey: ['evaluation', 'submission', zone] });
    },
    onError: onErr,
  });
  const submit = useMutation({
    mutationFn: async () => {
      await api(url, { method: 'PUT', body: { values, explanations: expl } });
      return api(`${url}/submit`, { method: 'POST' });
    },
    onSuccess: () => {
      setIssues({});
      message.success(t('submittedOk'));
      qc.invalidateQueries({ queryKey: ['evaluation', 'submission', zone] });
    },
    onError: onErr,
  });
  if (q.isLoading) return <Spin />;
  const d = q.data;
  if (!d?.round || !d.framework) return <Empty description={t('noRound')} />;
  const status = d.submission?.status ?? 'none';
  const editable = canEdit && (status === 'none' || status === 'draft' || status === 'returned');
  const jumps = new Map(d.checks.filter((c) => c.level === 'jump').map((c) => [c.iCode, lang === 'en' ? c.messageEn : c.message]));
  const dimName = Object.fromEntries(d.framework.dimensions.map((x) => [x.iCode, x.iName]));
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Typography.Text strong>
          {t('round')}: {t('year', { y: d.round.year, d: d.round.dataYear })}
        </Typography.Text>
        <Tag color={statusLabel[status]?.color}>{statusLabel[status]?.[lang]}</Tag>
        <Tag>
          {d.framework.code} v{d.framework.version}
        </Tag>
        {d.submission?.synthetic && <Tag color="orange">{t('demo')}</Tag>}
        {!editable && <Typography.Text type="secondary">{t('readonly')}</Typography.Text>}
      </Space>
      {!!d.submission?.comments.length && (
        <List
          size="small"
          bordered
          header={t('comments')}
          dataSource={d.submission.comments.filter((c) => c.text)}
          renderItem={(c) => (
            <List.Item>
              <Typography.Text type={c.action === 'return' ? 'danger' : undefined}>
                {c.at.slice(0, 10)} {c.by}：{c.text}
              </Typography.Text>
            </List.Item>
          )}
        />
      )}
      {editable && (
        <Card size="small" title={t('uploadTitle')}>
          <Space direction="vertical" style={{ width: '100%' }}>
            <Space wrap>
              <Button icon={<DownloadOutlined />} href={`${url}/template`}>
                {t('downloadTemplate')}
              </Button>
              <Upload
                accept=".xlsx,.csv"
                showUploadList={false}
                beforeUpload={(file) => {
                  upload.mutate(file);
                  return false;
                }}
              >
                <Button type="primary" ghost icon={<UploadOutlined />} loading={upload.isPending}>
                  {t('uploadFile')}
                </Button>
              </Upload>
            </Space>
            <Typography.Text type="secondary">{t('uploadHint')}</Typography.Text>
            {fileIssues.length > 0 && (
              <Alert
                type="error"
                showIcon
                message={t('uploadErrors', { n: fileIssues.length })}
                description={
                  <Table
                    size="small"
                    rowKey={(_, i) => String(i)}
                    pagination={false}
                    dataSource={fileIssues}
                    columns={[
                      {
                        title: t('cell'),
                        key: 'cell',
                        width: 80,
                        render: (_: unknown, i: FileIssue) => (i.column || i.row ? `${i.column ?? ''}${i.row ?? ''}` : '—'),
                      },
                      {
                        title: t('check'),
                        key: 'm',
                        render: (_: unknown, i: FileIssue) => (lang === 'en' ? (i.messageEn ?? i.message) : i.message),
                      },
                    ]}
                  />
                }
              />
            )}
          </Space>
        </Card>
      )}
      <Table
        size="small"
        rowKey="iCode"
        pagination={false}
        dataSource={d.framework.indicators}
        columns={[
          { title: t('indicator'), dataIndex: 'iName', render: (v: string, r) => <span title={r.definition}>{v}</span> },
          { title: '', dataIndex: 'parent', render: (p: string) => <Typography.Text type="secondary">{dimName[p] ?? ''}</Typography.Text> },
          { title: t('unit'), dataIndex: 'unit' },
          { title: t('lastYear'), dataIndex: 'iCode', align: 'right', render: (c: string) => d.previous?.values[c] ?? '—' },
          {
            title: t('value'),
            dataIndex: 'iCode',
            key: 'value',
            render: (c: string, r) => (
              <InputNumber
                style={{ width: 140 }}
                disabled={!editable}
                min={r.min}
                max={r.max}
                value={values[c] ?? null}
                status={issues[c] ? 'error' : undefined}
                onChange={(v) => setValues((s) => ({ ...s, [c]: v == null ? null : Number(v) }))}
              />
            ),
          },
          {
            title: t('check'),
            dataIndex: 'iCode',
            key: 'check',
            render: (c: string) => (
              <Space direction="vertical" size={0}>
                {issues[c] && <Typography.Text type="danger">{issues[c]}</Typography.Text>}
                {jumps.get(c) && <Typography.Text type="warning">{jumps.get(c)}</Typography.Text>}
              </Space>
            ),
          },
          {
            title: t('explanation'),
            dataIndex: 'iCode',
            key: 'expl',
            render: (c: string) =>
              jumps.has(c) || expl[c] ? (
                <Input
                  disabled={!editable}
                  value={expl[c] ?? ''}
                  status={issues[c] && jumps.has(c) ? 'error' : undefined}
                  onChange={(e) => setExpl((s) => ({ ...s, [c]: e.target.value }))}
                />
              ) : null,
          },
        ]}
      />
      {editable && (
        <Space>
          <Button onClick={() => save.mutate()} loading={save.isPending}>
            {t('save')}
          </Button>
          <Button type="primary" onClick={() => submit.mutate()} loading={submit.isPending}>
            {t('submit')}
          </Button>
        </Space>
      )}
      {Object.keys(issues).length > 0 && <Alert type="error" showIcon message={Object.values(issues).join('；')} />}
    </Space>
  );
}

import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import type { ImportSummary } from '@kaifaqu/contracts';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Checkbox,
  Col,
  Empty,
  Progress,
  Result,
  Row,
  Select,
  Space,
  Statistic,
  Steps,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { ApiError, api, CSRF_COOKIE, readCookie } from '../../api/client.ts';
import { eurl, useEnt } from './hooks.ts';
import { useI } from './i18n.ts';

interface Field {
  key: string;
  header: string;
  headerEn: string;
  required: boolean;
}

/** Multipart upload with a progress callback (fetch has no upload progress). */
function uploadFile(url: string, file: File, onProgress: (pct: number) => void): Promise<ImportSummary> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    const csrf = readCookie(CSRF_COOKIE);
    if (csrf) xhr.setRequestHeader('x-csrf-token', csrf);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(Math.round((e.loaded / e.total) * 100));
    xhr.onload = () => {
      let body: { data?: ImportSummary; error?: { code: string; message: string; messageEn?: string } } = {};
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // non-JSON error page
      }
      if (xhr.status < 300 && body.data) resolve(body.data);
      else reject(new ApiError(xhr.status, body.error ?? { code: `HTTP_${xhr.status}`, message: `上传失败（HTTP ${xhr.status}）` }));
    };
    xhr.onerror = () => reject(new ApiError(0, { code: 'NETWORK', message: '网络错误' }));
    const fd = new FormData();
    fd.append('file', file);
    xhr.send(fd);
  });
}

const fmt = (v: unknown, field = '') =>
  v == null
    ? '—'
    : Array.isArray(v)
      ? v.join('、')
      : field.endsWith('Yuan') && typeof v === 'number'
        ? (v / 1e4).toLocaleString('zh-CN')
        : String(v);

/** 批量导入: upload → column mapping (when needed) → validation and per-field diff preview → commit. */
export default function ImportWizard() {
  const { t, lang } = useI();
  const { zone = '' } = useParams();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const fields = useEnt<Field[]>(['fields', zone], eurl(zone, 'fields'));
  const [summary, setSummary] = useState<ImportSummary | null>(null);
  const [pct, setPct] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [overrides, setOverrides] = useState<Record<string, string | null>>({});
  const [validOnly, setValidOnly] = useState(false);
  const [overwrite, setOverwrite] = useState(false);
  const [busy, setBusy] = useState(false);
  const label = (key: string | null) => {
    const f = (fields.data?.data ?? []).find((x) => x.key === key);
    return f ? (lang === 'en' ? f.headerEn : f.header) : (key ?? '');
  };

  const step = !summary ? 0 : summary.status === 'needs-mapping' ? 1 : summary.status === 'committed' ? 3 : 2;
  const reset = () => {
    setSummary(null);
    setPct(null);
    setError(null);
    setOverrides({});
    setValidOnly(false);
    setOverwrite(false);
  };
  const run = async (fn: () => Promise<ImportSummary>) => {
    setBusy(true);
    setError(null);
    try {
      setSummary(await fn());
    } catch (e) {
      setError(e instanceof ApiError ? e.localized(lang) : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Steps
        current={step}
        items={[{ title: t('stepUpload') }, { title: t('stepMapping') }, { title: t('stepPreview') }, { title: t('stepDone') }]}
      />
      {error && <Alert type="error" showIcon message={error} closable onClose={() => setError(null)} />}

      {step === 0 && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Button icon={<DownloadOutlined />} href={eurl(zone, 'template')}>
            {t('template')}
          </Button>
          <Upload.Dragger
            accept=".xlsx,.csv"
            multiple={false}
            showUploadList={false}
            disabled={busy}
            beforeUpload={(file) => {
              setPct(0);
              void run(() => uploadFile(eurl(zone, 'imports'), file, setPct));
              return false;
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{t('dropHint')}</p>
            <p className="ant-upload-hint">{t('dropLimit')}</p>
          </Upload.Dragger>
          {busy && pct !== null && (
            <div>
              <Progress percent={pct < 100 ? pct : 99} status="active" />
              <Typography.Text type="secondary">{t('uploading')}</Typography.Text>
            </div>
          )}
        </Space>
      )}

      {summary && step === 1 && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Alert
            type="warning"
            showIcon
            message={t('missing', { s: summary.missingRequired.map(label).join('、') })}
            description={t('mappingHint')}
          />
          <Table
            rowKey="index"
            size="small"
            pagination={false}
            dataSource={summary.columns}
            columns={[
              { title: t('column'), dataIndex: 'letter', width: 70 },
              { title: t('header'), dataIndex: 'header' },
              {
                title: t('mapTo'),
                key: 'field',
                render: (_: unknown, c) => (
                  <Select
                    style={{ width: 260 }}
                    value={String(c.index) in overrides ? (overrides[String(c.index)] ?? '') : (c.field ?? '')}
                    onChange={(v) => setOverrides({ ...overrides, [String(c.index)]: v || null })}
                    options={[
                      { value: '', label: t('ignore') },
                      ...(fields.data?.data ?? []).map((f) => ({
                        value: f.key,
                        label: `${lang === 'en' ? f.headerEn : f.header}${f.required ? ' *' : ''}`,
                      })),
                    ]}
                  />
                ),
              },
            ]}
          />
          <Button
            type="primary"
            loading={busy}
            onClick={() =>
              run(() =>
                api<ImportSummary>(eurl(zone, `imports/${summary.id}/mapping`), { method: 'POST', body: { overrides, save: true } }),
              )
            }
          >
            {t('apply')}
          </Button>
        </Space>
      )}

      {summary && step === 2 && (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <Typography.Text type="secondary">
            {summary.fileName} · {summary.format} · {summary.columns.filter((c) => c.field).length}/{summary.columns.length} {t('column')}
          </Typography.Text>
          <Row gutter={[16, 16]}>
            {(
              [
                ['rows', summary.rows],
                ['valid', summary.valid],
                ['invalid', summary.invalid],
                ['create', summary.create],
                ['update', summary.update],
                ['unchanged', summary.unchanged],
                ['conflicts', summary.conflicts],
              ] as const
            ).map(([k, v]) => (
              <Col key={k} xs={12} sm={8} md={6} lg={3}>
                <Statistic title={t(k)} value={v} valueStyle={k === 'invalid' && v ? { color: '#cf1322' } : undefined} />
              </Col>
            ))}
          </Row>
          {summary.invalid > 0 && <Alert type="warning" showIcon message={t('blocked', { n: summary.invalid })} />}
          {summary.issuesTotal > 0 && (
            <>
              <Space>
                <Typography.Title level={5} style={{ margin: 0 }}>
                  {t('issues')}
                </Typography.Title>
                <Button size="small" icon={<DownloadOutlined />} href={eurl(zone, `imports/${summary.id}/errors`)}>
                  {t('issuesAll')}
                </Button>
              </Space>
              <Table
                rowKey={(r) => `${r.row}-${r.column}-${r.code}`}
                size="small"
                dataSource={summary.issues}
                pagination={{ pageSize: 10, hideOnSinglePage: true }}
                scroll={{ x: 700 }}
                columns={[
                  { title: t('row'), dataIndex: 'row', width: 70 },
                  { title: t('column'), dataIndex: 'column', width: 70 },
                  { title: t('value'), dataIndex: 'value', render: (v: unknown) => <Typography.Text code>{fmt(v)}</Typography.Text> },
                  { title: t('reason'), dataIndex: 'message', render: (v: string, r) => (lang === 'en' ? (r.messageEn ?? v) : v) },
                ]}
              />
            </>
          )}
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('diffs')}
          </Typography.Title>
          <Table
            rowKey="row"
            size="small"
            dataSource={summary.diffs}
            locale={{ emptyText: <Empty description={t('noDiffs')} /> }}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            scroll={{ x: 800 }}
            columns={[
              { title: t('row'), dataIndex: 'row', width: 70 },
              { title: t('name'), dataIndex: 'name', render: (v: string | null, r) => v ?? r.uscc },
              {
                title: `${t('field')}：${t('before')} → ${t('after')}`,
                key: 'changes',
                render: (_: unknown, r) => (
                  <Space direction="vertical" size={2}>
                    {[...r.changes, ...r.conflicts].map((c) => (
                      <span key={`${c.field}-${c.year ?? ''}`}>
                        <Tag color={c.kind === 'overwrite' ? (r.conflicts.includes(c) ? 'red' : 'orange') : 'green'}>
                          {label(c.field)}
                          {c.year ? ` ${c.year}` : ''}
                        </Tag>
                        <Typography.Text delete={c.kind === 'overwrite'}>{fmt(c.before)}</Typography.Text> →{' '}
                        <Typography.Text strong>{fmt(c.after)}</Typography.Text>
                      </span>
                    ))}
                  </Space>
                ),
              },
            ]}
          />
          <Space direction="vertical">
            <Checkbox checked={validOnly} onChange={(e) => setValidOnly(e.target.checked)} disabled={!summary.invalid}>
              {t('validOnly')}
            </Checkbox>
            <Checkbox checked={overwrite} onChange={(e) => setOverwrite(e.target.checked)} disabled={!summary.conflicts}>
              {t('overwrite')}
            </Checkbox>
          </Space>
          {busy && <Progress percent={100} status="active" showInfo={false} />}
          <Space>
            <Button
              type="primary"
              loading={busy}
              disabled={(summary.invalid > 0 && !validOnly) || summary.valid === 0}
              onClick={() =>
                run(async () => {
                  const r = await api<ImportSummary>(eurl(zone, `imports/${summary.id}/commit`), {
                    method: 'POST',
                    body: { validOnly, overwrite },
                  });
                  message.success(t('committed', { c: r.create, u: r.update, n: r.unchanged }));
                  await qc.invalidateQueries({ queryKey: ['enterprises'] });
                  return r;
                })
              }
            >
              {busy ? t('committing') : t('commit')}
            </Button>
            <Button onClick={reset} disabled={busy}>
              {t('cancel')}
            </Button>
          </Space>
        </Space>
      )}

      {summary && step === 3 && (
        <Result
          status="success"
          title={t('committed', { c: summary.create, u: summary.update, n: summary.unchanged })}
          extra={
            <Space>
              {summary.issuesTotal > 0 && (
                <Button icon={<DownloadOutlined />} href={eurl(zone, `imports/${summary.id}/errors`)}>
                  {t('issuesAll')}
                </Button>
              )}
              <Button type="primary" onClick={reset}>
                {t('again')}
              </Button>
            </Space>
          }
        />
      )}
    </Space>
  );
}

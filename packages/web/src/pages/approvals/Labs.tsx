import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  App as AntApp,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Form,
  Input,
  Popconfirm,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  TimePicker,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { ApiError, api } from '../../api/client.ts';
import { useApi, useRole, zurl } from './hooks.ts';
import { useA } from './i18n.ts';

interface Instrument {
  id: number;
  name: string;
  model: string | null;
  priceYuanPerHour: number;
  rules: string | null;
}
interface Lab {
  id: number;
  name: string;
  institute: string;
  capabilities: string[];
  rules: string | null;
  synthetic: boolean;
  instruments: Instrument[];
}
interface Booking {
  id: number;
  instrumentId: number;
  enterpriseName: string | null;
  startsAt: string;
  endsAt: string;
  purpose: string | null;
  synthetic: boolean;
}
interface Stats {
  residentFirms: number;
  firmsServed: number;
  services: number;
  hours: number;
  feesYuan: number;
  topFirms: { enterpriseId: number; enterpriseName: string; services: number; hours: number; fees: number }[];
}

/** Wall-clock time in China (bookings are made and shown in Asia/Shanghai whatever the browser's zone). */
const cn = (iso: string) => dayjs(new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 19));

const HOURS = Array.from({ length: 12 }, (_, i) => 8 + i); // 08:00–20:00

function BookingCalendar({ labs }: { labs: Lab[] }) {
  const { t, lang } = useA();
  const { zone, staff } = useRole();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const all = labs.flatMap((l) => l.instruments.map((i) => ({ ...i, lab: l.name })));
  const [instrumentId, setInstrumentId] = useState<number | undefined>(all[0]?.id);
  const [week, setWeek] = useState<Dayjs>(() =>
    dayjs()
      .startOf('day')
      .subtract((dayjs().day() + 6) % 7, 'day'),
  );
  const from = week.format('YYYY-MM-DD');
  const to = week.add(7, 'day').format('YYYY-MM-DD');
  const q = useApi<Booking[]>(['bookings', zone, instrumentId, from], instrumentId ? zurl(zone, 'labs/bookings') : null, {
    instrumentId,
    from,
    to,
  });
  const days = Array.from({ length: 7 }, (_, i) => week.add(i, 'day'));
  const err = (e: unknown) => message.error(e instanceof ApiError ? e.localized(lang) : String(e), 6);
  const book = useMutation({
    mutationFn: (v: { date: Dayjs; range: [Dayjs, Dayjs]; purpose?: string }) => {
      const at = (h: Dayjs) => `${v.date.format('YYYY-MM-DD')}T${h.format('HH:mm')}:00+08:00`;
      return api(zurl(zone, 'labs/bookings'), {
        method: 'POST',
        body: { instrumentId, startsAt: at(v.range[0]), endsAt: at(v.range[1]), purpose: v.purpose || null },
      });
    },
    onSuccess: () => {
      message.success(t('booking'));
      qc.invalidateQueries({ queryKey: ['approvals', 'bookings'] });
    },
    onError: err,
  });
  const cancel = useMutation({
    mutationFn: (id: number) => api(zurl(zone, `labs/bookings/${id}`), { method: 'DELETE' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['approvals', 'bookings'] }),
    onError: err,
  });
  const cell = (d: Dayjs, h: number) => {
    const s = d.hour(h).minute(0).second(0);
    const e = s.add(1, 'hour');
    return (q.data ?? []).filter((b) => cn(b.startsAt).isBefore(e) && cn(b.endsAt).isAfter(s));
  };
  const rows = HOURS.map((h) => ({ key: h, hour: `${String(h).padStart(2, '0')}:00` }));
  if (!all.length) return <Empty />;
  return (
    <Card title={t('bookingCalendar')} size="small">
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          style={{ minWidth: 320 }}
          value={instrumentId}
          onChange={setInstrumentId}
          options={all.map((i) => ({ value: i.id, label: `${i.lab} · ${i.name}（${i.priceYuanPerHour}元/h）` }))}
        />
        <Button onClick={() => setWeek(week.subtract(7, 'day'))}>{t('prevWeek')}</Button>
        <Typography.Text>
          {from} ~ {week.add(6, 'day').format('YYYY-MM-DD')}
        </Typography.Text>
        <Button onClick={() => setWeek(week.add(7, 'day'))}>{t('nextWeek')}</Button>
      </Space>
      <Table
        size="small"
        pagination={false}
        bordered
        dataSource={rows}
        scroll={{ x: 800 }}
        columns={[
          { title: '', dataIndex: 'hour', width: 60, fixed: 'left' },
          ...days.map((d) => ({
            title: d.format(lang === 'en' ? 'ddd MM-DD' : 'MM-DD ddd'),
            key: d.format('YYYY-MM-DD'),
            render: (_: unknown, r: { key: number }) => {
              const bs = cell(d, r.key);
              if (!bs.length) return null;
              const b = bs[0];
              const tag = (
                <Tag color={b.enterpriseName ? 'blue' : 'default'} style={{ marginInlineEnd: 0 }}>
                  {b.enterpriseName ? (b.enterpriseName.length > 6 ? `${b.enterpriseName.slice(0, 6)}…` : b.enterpriseName) : t('occupied')}
                </Tag>
              );
              return b.enterpriseName || staff ? (
                <Popconfirm
                  title={`${cn(b.startsAt).format('HH:mm')}–${cn(b.endsAt).format('HH:mm')} ${b.purpose ?? ''}`}
                  okText={t('delete')}
                  cancelText={t('cancel')}
                  onConfirm={() => cancel.mutate(b.id)}
                >
                  {tag}
                </Popconfirm>
              ) : (
                tag
              );
            },
          })),
        ]}
      />
      <Form layout="inline" style={{ marginTop: 12, rowGap: 8 }} onFinish={(v) => book.mutate(v)}>
        <Form.Item name="date" label={t('date')} rules={[{ required: true }]}>
          <DatePicker disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="range" label={`${t('bookFrom')}–${t('bookTo')}`} rules={[{ required: true }]}>
          <TimePicker.RangePicker format="HH:mm" minuteStep={30} />
        </Form.Item>
        <Form.Item name="purpose" label={t('purpose')}>
          <Input style={{ width: 160 }} maxLength={200} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={book.isPending}>
          {t('book')}
        </Button>
      </Form>
    </Card>
  );
}

export default function Labs() {
  const { t } = useA();
  const { zone, staff } = useRole();
  const labs = useApi<Lab[]>(['labs', zone], zurl(zone, 'labs')).data;
  const stats = useApi<Stats>(['labstats', zone], staff ? zurl(zone, 'labs/stats') : null).data;
  const synthetic = useMemo(() => labs?.some((l) => l.synthetic), [labs]);
  return (
    <>
      {staff && stats && (
        <Row gutter={16} style={{ marginBottom: 16 }}>
          <Col xs={12} md={6}>
            <Statistic title={t('residentFirms')} value={stats.residentFirms} />
          </Col>
          <Col xs={12} md={6}>
            <Statistic title={t('firmsServed')} value={stats.firmsServed} />
          </Col>
          <Col xs={12} md={6}>
            <Statistic title={t('services')} value={stats.services} />
          </Col>
          <Col xs={12} md={6}>
            <Statistic title={t('hours')} value={stats.hours} />
          </Col>
        </Row>
      )}
      <Card
        size="small"
        loading={!labs}
        title={
          <>
            {t('labs')}
            {synthetic && (
              <Tag color="orange" style={{ marginInlineStart: 8 }}>
                {t('demo')}
              </Tag>
            )}
          </>
        }
        style={{ marginBottom: 16 }}
      >
        <Table<Lab>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={labs ?? []}
          scroll={{ x: 800 }}
          expandable={{
            expandedRowRender: (l) => (
              <Table<Instrument>
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={l.instruments}
                columns={[
                  { title: t('instrument'), dataIndex: 'name' },
                  { title: 'Model', dataIndex: 'model' },
                  { title: t('price'), dataIndex: 'priceYuanPerHour' },
                  { title: t('rules'), dataIndex: 'rules' },
                ]}
              />
            ),
          }}
          columns={[
            { title: t('labs'), dataIndex: 'name' },
            { title: t('institute'), dataIndex: 'institute' },
            { title: t('capabilities'), dataIndex: 'capabilities', render: (c: string[]) => c.map((x) => <Tag key={x}>{x}</Tag>) },
            { title: t('instruments'), render: (_: unknown, l) => l.instruments.length, width: 80 },
            { title: t('rules'), dataIndex: 'rules', responsive: ['xl'], ellipsis: true },
          ]}
        />
      </Card>
      {labs && <BookingCalendar labs={labs} />}
      {staff && stats && (
        <Card size="small" title={t('servicesPerFirm')} style={{ marginTop: 16 }}>
          <Table
            rowKey="enterpriseId"
            size="small"
            pagination={false}
            dataSource={stats.topFirms}
            locale={{ emptyText: t('empty') }}
            scroll={{ x: 600 }}
            columns={[
              { title: t('enterprise'), dataIndex: 'enterpriseName' },
              { title: t('services'), dataIndex: 'services', width: 100 },
              { title: t('hours'), dataIndex: 'hours', width: 100 },
              { title: t('fees'), dataIndex: 'fees', width: 140, render: (v: number) => (v / 10_000).toFixed(2) },
            ]}
          />
        </Card>
      )}
    </>
  );
}

import { Tag } from 'antd';
import type { Item } from './hooks.ts';
import { useA } from './i18n.ts';

/** Per-item SLA countdown in working days. */
export function SlaTag({ item }: { item: Pick<Item, 'sla' | 'state'> }) {
  const { t } = useA();
  const s = item.sla;
  if (s.calendarMissing) return <Tag color="error">{t('calendarMissing', { y: s.calendarMissing })}</Tag>;
  if (s.remainingDays == null) return <Tag>{t('noDeadline')}</Tag>;
  if (item.state === 'approved' || item.state === 'refused')
    return (
      <Tag color={s.onTime ? 'success' : 'error'}>
        {s.onTime ? `${t('done')} · ${s.usedDays}d` : t('overdueBy', { n: -s.remainingDays })}
      </Tag>
    );
  if (s.paused) return <Tag color="warning">{t('paused', { n: s.remainingDays })}</Tag>;
  if (s.overdue) return <Tag color="error">{t('overdueBy', { n: -s.remainingDays })}</Tag>;
  return <Tag color={s.remainingDays <= 2 ? 'orange' : 'blue'}>{t('daysLeft', { n: s.remainingDays })}</Tag>;
}

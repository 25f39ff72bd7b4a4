import type { ZoneSummary } from '@kaifaqu/contracts';
import { Select, Tag } from 'antd';
import { useLocation, useNavigate, useParams } from 'react-router-dom';
import { computeAccess } from '../access.ts';
import { useMe, useZones } from '../api/queries.ts';
import { useLang, useT } from '../i18n/index.tsx';

/** Lists the user's zones (memberships; every visible zone for global roles) and keeps the current page on switch. */
export function ZoneSwitcher() {
  const t = useT();
  const [lang] = useLang();
  const { data: me } = useMe();
  const { zone } = useParams();
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const all = !!me && computeAccess(me, undefined).canSwitchAllZones;
  const zonesQuery = useZones(all);
  const zones: ZoneSummary[] = all ? (zonesQuery.data ?? []) : (me?.memberships.map((m) => m.zone) ?? []);

  const label = (z: ZoneSummary) => (lang === 'en' && z.nameEn ? z.nameEn : z.name);
  return (
    <Select
      aria-label={t('header.zone')}
      data-testid="zone-switcher"
      value={zone}
      placeholder={t('header.zonePlaceholder')}
      loading={all && zonesQuery.isPending}
      showSearch={{ optionFilterProp: 'title' }}
      style={{ width: '100%', maxWidth: 320, minWidth: 120 }}
      popupMatchSelectWidth={false}
      options={zones.map((z) => ({
        value: z.code,
        title: `${z.name} ${z.nameEn ?? ''} ${z.code}`,
        label: (
          <span>
            {label(z)}
            {z.synthetic ? (
              <Tag color="orange" style={{ marginInlineStart: 6 }}>
                {t('common.demoData')}
              </Tag>
            ) : null}
          </span>
        ),
      }))}
      onChange={(next: string) => {
        const rest = zone ? pathname.split('/').slice(3).join('/') : 'overview';
        navigate(`/z/${encodeURIComponent(next)}/${rest || ''}`);
      }}
    />
  );
}

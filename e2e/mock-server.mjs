// Throwaway stand-in for packages/server while it is being built: serves fixture JSON for the
// endpoints the web app calls, plus packages/web/dist with SPA fallback. `PORT=3100 node e2e/mock-server.mjs`
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';

const PORT = Number(process.env.PORT || 3100);
const DIST = new URL('../packages/web/dist/', import.meta.url).pathname;

// Deterministic pseudo-random numbers so screenshots are stable between runs.
let seed = 42;
const rnd = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};

const zones = [
  {
    code: 'demo',
    name: '演示经开区（演示数据）',
    nameEn: 'Demo ETDZ (demo data)',
    province: '44',
    provinceName: '广东省',
    region: 'east',
    synthetic: true,
  },
  {
    code: 'demo-b',
    name: '演示经开区B（演示数据）',
    nameEn: 'Demo ETDZ B (demo data)',
    province: '51',
    provinceName: '四川省',
    region: 'west',
    synthetic: true,
  },
];
const m = (zone, role, bureau = null, enterpriseId = null) => ({ zone: zones.find((z) => z.code === zone), role, bureau, enterpriseId });
const users = {
  sysadmin: { id: 1, username: 'sysadmin', displayName: '系统管理员', globalRole: 'sysadmin', memberships: [] },
  'demo-admin': { id: 2, username: 'demo-admin', displayName: '演示管理员', globalRole: null, memberships: [m('demo', 'zone_admin')] },
  'demo-invest': {
    id: 3,
    username: 'demo-invest',
    displayName: '投资促进局 张工',
    globalRole: null,
    memberships: [m('demo', 'staff', 'investment')],
  },
  'demo-enterprise': {
    id: 4,
    username: 'demo-enterprise',
    displayName: '演示企业',
    globalRole: null,
    memberships: [m('demo', 'enterprise', null, 7)],
  },
  evaluator: { id: 5, username: 'evaluator', displayName: '评价专家', globalRole: 'evaluator', memberships: [] },
  'demo-b-admin': { id: 6, username: 'demo-b-admin', displayName: 'B区管理员', globalRole: null, memberships: [m('demo-b', 'zone_admin')] },
};

// Industry tree: 32 divisions, 135 groups, 297 classes over sections B, C, D.
const divisionCodes = [
  '06',
  '08',
  '13',
  '14',
  '15',
  '17',
  '18',
  '19',
  '20',
  '21',
  '22',
  '23',
  '24',
  '25',
  '26',
  '27',
  '28',
  '29',
  '30',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '38',
  '39',
  '40',
  '41',
  '44',
  '45',
];
const sectionOf = (d) => (d < '13' ? 'B' : d < '44' ? 'C' : 'D');
const sectionNames = { B: '采矿业', C: '制造业', D: '电力、热力、燃气及水生产和供应业' };
const divNames = {
  26: '化学原料和化学制品制造业',
  27: '医药制造业',
  36: '汽车制造业',
  38: '电气机械和器材制造业',
  39: '计算机、通信和其他电子设备制造业',
  35: '专用设备制造业',
  34: '通用设备制造业',
  44: '电力、热力生产和供应业',
};
const classes = [];
let groupsLeft = 135;
let classesLeft = 297;
divisionCodes.forEach((d, i) => {
  const divsLeft = divisionCodes.length - i;
  const g = i === divisionCodes.length - 1 ? groupsLeft : Math.max(1, Math.min(9, Math.round(groupsLeft / divsLeft + (rnd() - 0.5) * 4)));
  groupsLeft -= g;
  for (let k = 1; k <= g; k++) {
    const groupsRemaining = groupsLeft + (g - k) + 1;
    const c = groupsRemaining === 1 ? classesLeft : Math.max(1, Math.min(9, Math.round(classesLeft / groupsRemaining + (rnd() - 0.5) * 2)));
    classesLeft -= c;
    for (let j = 1; j <= c; j++) classes.push(`${d}${k}${j}`);
  }
});
const enterprises = [];
const platforms = ['知识城', '科学城', '海丝城', '生物岛'];
for (let i = 0; i < 1334; i++) {
  const code = classes[i < classes.length ? i : Math.floor(rnd() * classes.length)];
  enterprises.push({
    id: i + 1,
    uscc: `91440116MA${String(100000 + i).padStart(7, '0')}X`,
    name: `演示${['智造', '新材', '光电', '生物', '汽车', '能源'][i % 6]}科技有限公司${i + 1}`,
    industryCode: code,
    industryName: `${divNames[code.slice(0, 2)] ?? `行业大类${code.slice(0, 2)}`}（小类 ${code}）`,
    platform: platforms[i % 4],
    output: Math.round(2e8 + rnd() * 1.3e9),
    synthetic: true,
  });
}
const total = enterprises.reduce((s, e) => s + e.output, 0);

function coverage() {
  const sections = new Map();
  for (const e of enterprises) {
    const c = e.industryCode;
    const path = [sectionOf(c.slice(0, 2)), c.slice(0, 2), c.slice(0, 3), c];
    let level = sections;
    path.forEach((code, depth) => {
      if (!level.has(code)) {
        const name =
          depth === 0
            ? sectionNames[code]
            : depth === 1
              ? (divNames[code] ?? `行业大类${code}`)
              : depth === 2
                ? `中类${code}`
                : `小类${code}`;
        level.set(code, { code, name, level: ['门类', '大类', '中类', '小类'][depth], enterprises: 0, kids: new Map() });
      }
      const node = level.get(code);
      node.enterprises++;
      level = node.kids;
    });
  }
  const out = (map) => [...map.values()].map(({ kids, ...n }) => (kids.size ? { ...n, children: out(kids) } : n));
  return out(sections);
}

const clusters = [
  ['auto', '汽车', 1830e8, '千亿级'],
  ['display', '新型显示', 1520e8, '千亿级'],
  ['energy', '绿色能源', 1240e8, '千亿级'],
  ['materials', '新材料', 1120e8, '千亿级'],
  ['beauty', '美妆大健康', 1010e8, '千亿级'],
  ['equipment', '高端装备', 680e8, '百亿级'],
  ['bio', '生物技术', 420e8, '百亿级'],
  ['ic', '集成电路', 260e8, '百亿级'],
].map(([code, name, outputYuan, tier], i) => ({ code, name, outputYuan, enterprises: 40 + i * 7, tier }));

const overview = (zone) => ({
  zone: zone.code,
  zoneName: zone.name,
  synthetic: true,
  asOf: '2024-12-31',
  dataYear: 2024,
  foreignEnterprisesTotal: 5216,
  fortune500Projects: 330,
  actualFdiUsdByYear: { 2019: 2.31e9, 2020: 2.52e9, 2021: 2.78e9, 2022: 2.9e9, 2023: 3.05e9, 2024: 1.98e9 },
  contractFdiUsdByYear: { 2019: 1.1e9, 2020: 0.9e9, 2021: 1.3e9, 2022: 0.8e9, 2023: 0.62e9, 2024: 1.12e9 },
  aboveScaleIndustrial: { enterprises: 1334, divisions: 32, groups: 135, classes: 297, outputYuan: total },
  highTechEnterprises: 2816,
  techSmes: 20430,
  listedCompanies: 88,
  clusters,
});

const audit = Array.from({ length: 57 }, (_, i) => ({
  id: 57 - i,
  at: new Date(Date.UTC(2024, 11, 31, 9, 0) - i * 3.7e6).toISOString(),
  zone: 'demo',
  user: ['demo-admin', 'demo-invest', 'sysadmin'][i % 3],
  action: ['create', 'update', 'delete', 'login'][i % 4],
  entity: ['enterprise', 'project', 'user'][i % 3],
  entityId: String(1000 + i),
  before: i % 4 === 1 ? { name: '旧名称', scale: false } : null,
  after: i % 4 === 2 ? null : { name: `演示企业${i}`, scale: true },
}));

const json = (res, status, body, headers = {}) => {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
};
const fail = (res, status, code, message, messageEn) => json(res, status, { error: { code, message, messageEn } });
const cookies = (req) =>
  Object.fromEntries(
    (req.headers.cookie ?? '')
      .split(';')
      .map((c) => c.trim().split('='))
      .filter((p) => p[0]),
  );
const page = (rows, q) => {
  const p = Math.max(1, Number(q.get('page') || 1));
  const ps = Math.min(200, Math.max(1, Number(q.get('pageSize') || 20)));
  return { data: rows.slice((p - 1) * ps, p * ps), pagination: { page: p, pageSize: ps, total: rows.length } };
};
const readBody = (req) =>
  new Promise((resolve) => {
    let s = '';
    req.on('data', (c) => (s += c));
    req.on('end', () => resolve(s ? JSON.parse(s) : {}));
  });
const mayView = (u, zone) => u.globalRole === 'sysadmin' || u.globalRole === 'evaluator' || u.memberships.some((x) => x.zone.code === zone);

function rowsFor(metric, key) {
  const row = (e, value = null) => ({
    id: e.id,
    uscc: e.uscc,
    name: e.name,
    industryCode: e.industryCode,
    industryName: e.industryName,
    platform: e.platform,
    value,
    synthetic: true,
  });
  switch (metric) {
    case 'aboveScaleIndustrial':
      return enterprises.filter((e) => !key || e.industryCode.startsWith(key)).map((e) => row(e, e.output));
    case 'cluster': {
      const i = clusters.findIndex((c) => c.code === key);
      return i < 0
        ? []
        : enterprises
            .filter((e) => e.id % 8 === i)
            .slice(0, clusters[i].enterprises)
            .map((e) => row(e, e.output));
    }
    case 'actualFdi':
      return enterprises.filter((e) => e.id % 11 === Number(key ?? 0) % 11).map((e) => row(e, Math.round(e.output / 40)));
    case 'fortune500Projects':
      return enterprises.slice(0, 330).map((e) => row(e, `${e.name.slice(2, 4)}项目（世界500强）`));
    case 'listedCompanies':
      return enterprises.slice(0, 88).map((e) => row(e));
    default:
      return enterprises.map((e) => row(e));
  }
}

async function handleApi(req, res, url) {
  const path = url.pathname;
  const c = cookies(req);
  const user = users[c.kfq_session];
  if (req.method !== 'GET' && path !== '/api/auth/login' && req.headers['x-csrf-token'] !== c.kfq_csrf) {
    return fail(res, 403, 'CSRF', 'CSRF 校验失败', 'CSRF check failed');
  }
  if (path === '/api/health') return json(res, 200, { status: 'ok', db: 'pglite', version: 'mock' });
  if (path === '/api/auth/login' && req.method === 'POST') {
    const body = await readBody(req);
    const u = users[body.username];
    if (!u || body.password !== 'demo1234') return fail(res, 401, 'INVALID_CREDENTIALS', '用户名或密码错误', 'Wrong username or password');
    const csrf = randomBytes(12).toString('hex');
    return json(
      res,
      200,
      { data: { user: u, csrfToken: csrf } },
      {
        'set-cookie': [`kfq_session=${u.username}; Path=/; HttpOnly; SameSite=Lax`, `kfq_csrf=${csrf}; Path=/; SameSite=Lax`],
      },
    );
  }
  if (path === '/api/auth/logout' && req.method === 'POST') {
    res.writeHead(204, { 'set-cookie': ['kfq_session=; Path=/; Max-Age=0', 'kfq_csrf=; Path=/; Max-Age=0'] });
    return res.end();
  }
  if (!user) return fail(res, 401, 'UNAUTHENTICATED', '请先登录', 'Please log in');
  if (path === '/api/auth/me') return json(res, 200, { data: user });
  if (path === '/api/zones') return json(res, 200, { data: zones.filter((z) => mayView(user, z.code)) });
  const mm = path.match(/^\/api\/zones\/([^/]+)\/(overview|overview\/coverage|overview\/rows|audit)$/);
  if (!mm) return fail(res, 404, 'NOT_FOUND', '接口不存在', 'No such endpoint');
  const zone = zones.find((z) => z.code === decodeURIComponent(mm[1]));
  if (!zone || !mayView(user, zone.code)) return fail(res, 404, 'NOT_FOUND', '经开区不存在', 'Zone not found');
  if (mm[2] === 'overview') return json(res, 200, { data: overview(zone) });
  if (mm[2] === 'overview/coverage') return json(res, 200, { data: zone.code === 'demo' ? coverage() : [] });
  if (mm[2] === 'overview/rows')
    return json(res, 200, page(rowsFor(url.searchParams.get('metric'), url.searchParams.get('key') || undefined), url.searchParams));
  if (mm[2] === 'audit') {
    const q = url.searchParams;
    const rows = audit.filter(
      (a) =>
        (!q.get('action') || a.action === q.get('action')) &&
        (!q.get('entity') || a.entity === q.get('entity')) &&
        (!q.get('user') || a.user === q.get('user')) &&
        (!q.get('from') || a.at.slice(0, 10) >= q.get('from')) &&
        (!q.get('to') || a.at.slice(0, 10) <= q.get('to')),
    );
    return json(res, 200, page(rows, q));
  }
}

const types = { '.js': 'text/javascript', '.css': 'text/css', '.html': 'text/html; charset=utf-8', '.svg': 'image/svg+xml' };
function serveStatic(res, pathname) {
  const file = normalize(join(DIST, pathname));
  const target = file.startsWith(DIST) && existsSync(file) && statSync(file).isFile() ? file : join(DIST, 'index.html');
  res.writeHead(200, { 'content-type': types[extname(target)] ?? 'application/octet-stream' });
  res.end(readFileSync(target));
}

createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname.startsWith('/api/')) {
    handleApi(req, res, url).catch((e) => fail(res, 500, 'INTERNAL', String(e), String(e)));
  } else serveStatic(res, url.pathname);
}).listen(PORT, '127.0.0.1', () => console.log(`mock server on http://127.0.0.1:${PORT}`));

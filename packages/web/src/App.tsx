import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { lazy, Suspense } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { ApiError } from './api/client.ts';
import { I18nProvider, useLang } from './i18n/index.tsx';
import { Guard } from './layout/Guard.tsx';
import { HomeRedirect, ZoneIndexRedirect } from './layout/HomeRedirect.tsx';
import { PageSpinner } from './layout/PageSpinner.tsx';
import { RequireAuth } from './layout/RequireAuth.tsx';
import { zoneRoutes } from './routes.tsx';

// The signed-in shell (menu, header, zone switcher) loads after login, keeping the public pages light.
const AppLayout = lazy(() => import('./layout/AppLayout.tsx'));
const Landing = lazy(() => import('./pages/public/Landing.tsx'));
const Login = lazy(() => import('./pages/login/Login.tsx'));
// Public scenario list pages (应用场景机会清单): no login, outside the signed-in shell.
const PublicScenarioList = lazy(() => import('./pages/scenarios/public/PublicList.tsx'));
const PublicScenarioItem = lazy(() => import('./pages/scenarios/public/PublicItem.tsx'));
const PublicScenarioBatch = lazy(() => import('./pages/scenarios/public/PublicBatch.tsx'));

import Forbidden from './pages/errors/Forbidden.tsx';

const NotFound = lazy(() => import('./pages/errors/NotFound.tsx'));

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Client errors (403/404/422) will not change on retry; only retry what might be transient.
      retry: (count, err) => count < 2 && !(err instanceof ApiError && err.status >= 400 && err.status < 500),
      refetchOnWindowFocus: false,
      staleTime: 30_000,
    },
  },
});

function Themed() {
  const [lang] = useLang();
  return (
    <ConfigProvider
      locale={lang === 'zh' ? zhCN : enUS}
      theme={{ token: { colorPrimary: '#1f5fbf', borderRadius: 6 } }}
      // Keeps 登录 as typed (antd would render 登 录), so visible text and accessible names match.
      button={{ autoInsertSpace: false }}
    >
      <AntApp>
        <BrowserRouter>
          <Suspense fallback={<PageSpinner />}>
            <Routes>
              <Route path="/" element={<Landing />} />
              <Route path="/login" element={<Login />} />
              <Route path="/p/:zone/scenarios" element={<PublicScenarioList />} />
              <Route path="/p/:zone/scenarios/batches/:n" element={<PublicScenarioBatch />} />
              <Route path="/p/:zone/scenarios/:id" element={<PublicScenarioItem />} />
              <Route
                path="/app"
                element={
                  <RequireAuth>
                    <HomeRedirect />
                  </RequireAuth>
                }
              />
              <Route
                path="/z/:zone"
                element={
                  <RequireAuth>
                    <AppLayout />
                  </RequireAuth>
                }
              >
                <Route index element={<ZoneIndexRedirect />} />
                {zoneRoutes.map((r) => (
                  <Route key={r.path} path={r.path} element={<Guard access={r.access}>{r.element}</Guard>} />
                ))}
                <Route path="*" element={<NotFound />} />
              </Route>
              <Route path="/403" element={<Forbidden />} />
              <Route path="*" element={<NotFound />} />
            </Routes>
          </Suspense>
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <Themed />
      </I18nProvider>
    </QueryClientProvider>
  );
}

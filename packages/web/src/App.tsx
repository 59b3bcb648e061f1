import { App as AntApp, ConfigProvider } from 'antd';
import enUSAntd from 'antd/locale/en_US';
import zhCNAntd from 'antd/locale/zh_CN';
import { lazy, Suspense } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { FullPageSpin, RequireAuth, RequirePermission } from './components/RequireAuth';
import { I18nProvider, useI18n } from './i18n';
import { AppLayout } from './layout/AppLayout';
import { pageRoutes } from './routes';
import { SessionProvider } from './session';
import { appTheme } from './theme';

const LoginPage = lazy(() => import('./pages/auth/LoginPage'));
const SetupPage = lazy(() => import('./pages/auth/SetupPage'));
const NotFoundPage = lazy(() => import('./pages/errors/NotFoundPage'));

function AppRoutes() {
  return (
    <Suspense fallback={<FullPageSpin />}>
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route path="/setup" element={<SetupPage />} />
        <Route
          element={
            <RequireAuth>
              <AppLayout />
            </RequireAuth>
          }
        >
          {pageRoutes().map((route) => (
            <Route key={route.path} path={route.path} element={<RequirePermission permission={route.permission}>{route.element}</RequirePermission>} />
          ))}
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </Suspense>
  );
}

/** antd's own texts (pagination, date pickers, empty states) follow the app language. */
function LocalisedApp() {
  const { language } = useI18n();
  return (
    <ConfigProvider locale={language === 'en-US' ? enUSAntd : zhCNAntd} theme={appTheme}>
      <AntApp>
        <BrowserRouter>
          <SessionProvider>
            <AppRoutes />
          </SessionProvider>
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <I18nProvider>
      <LocalisedApp />
    </I18nProvider>
  );
}

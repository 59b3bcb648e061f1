import { App as AntApp, ConfigProvider } from 'antd';
import enUSAntd from 'antd/locale/en_US';
import zhCNAntd from 'antd/locale/zh_CN';
import { lazy, Suspense } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { FullPageSpin, RequireAuth } from './components/RequireAuth';
import { I18nProvider, useI18n } from './i18n';
import { SessionProvider } from './session';
import { appTheme } from './theme';

// The signed-in frame and route table load after sign-in, not with the sign-in page.
const SignedInApp = lazy(() => import('./SignedInApp'));
const LoginPage = lazy(() => import('./pages/auth/LoginPage'));
const SetupPage = lazy(() => import('./pages/auth/SetupPage'));

function AppRoutes() {
  return (
    <Suspense fallback={<FullPageSpin />}>
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route path="/setup" element={<SetupPage />} />
        <Route
          path="*"
          element={
            <RequireAuth>
              <SignedInApp />
            </RequireAuth>
          }
        />
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

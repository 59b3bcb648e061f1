import { lazy } from 'react';
import { Route, Routes } from 'react-router';
import { RequirePermission } from './components/RequireAuth';
import { AppLayout } from './layout/AppLayout';
import { pageRoutes } from './routes';

const NotFoundPage = lazy(() => import('./pages/errors/NotFoundPage'));

/**
 * The signed-in app: its frame (menu, header) and every page's route. Loaded after sign-in, so
 * the sign-in page does not carry the menu, its icons or the route table.
 */
export default function SignedInApp() {
  return (
    <Routes>
      <Route element={<AppLayout />}>
        {pageRoutes().map((route) => (
          <Route key={route.path} path={route.path} element={<RequirePermission permission={route.permission}>{route.element}</RequirePermission>} />
        ))}
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

import { createBrowserRouter } from 'react-router';
import { Loading } from '@/components/ui/alert';
import { RequireAdmin } from '@/lib/auth';
import { paths } from './paths';
import { LoginRoute } from './routes/login';
import { NotFoundRoute } from './routes/not-found';
import { RouteError } from './routes/route-error';
import { AppRoot } from './routes/app/root';
import { HomeRoute } from './routes/app/home';
import { PlanTableRoute } from './routes/app/plan-table';
import { ReportRoute } from './routes/app/report';
import { NotificationsRoute } from './routes/app/notifications';

// Admin screens load on demand: most users never open them, so they stay out of the first download.
export function createRouter() {
  return createBrowserRouter([
    { path: paths.login, element: <LoginRoute />, errorElement: <RouteError /> },
    {
      path: paths.home,
      element: <AppRoot />,
      errorElement: <RouteError />,
      HydrateFallback: Loading,
      children: [
        { index: true, element: <HomeRoute /> },
        { path: paths.table, element: <PlanTableRoute /> },
        { path: paths.report, element: <ReportRoute /> },
        { path: paths.notifications, element: <NotificationsRoute /> },
        {
          path: paths.planEdit,
          lazy: async () => {
            const { PlanEditRoute } = await import('./routes/app/admin/plan-edit');
            return {
              element: (
                <RequireAdmin>
                  <PlanEditRoute />
                </RequireAdmin>
              ),
            };
          },
        },
        {
          path: paths.departments,
          lazy: async () => {
            const { DepartmentsRoute } = await import('./routes/app/admin/departments');
            return {
              element: (
                <RequireAdmin>
                  <DepartmentsRoute />
                </RequireAdmin>
              ),
            };
          },
        },
        {
          path: paths.users,
          lazy: async () => {
            const { UsersRoute } = await import('./routes/app/admin/users');
            return {
              element: (
                <RequireAdmin>
                  <UsersRoute />
                </RequireAdmin>
              ),
            };
          },
        },
        { path: '*', element: <NotFoundRoute /> },
      ],
    },
  ]);
}

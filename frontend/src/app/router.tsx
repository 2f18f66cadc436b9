import type { ComponentType } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
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
function admin(path: string, load: () => Promise<ComponentType>): RouteObject {
  return {
    path,
    lazy: async () => {
      const Screen = await load();
      return {
        element: (
          <RequireAdmin>
            <Screen />
          </RequireAdmin>
        ),
      };
    },
  };
}

export function createRouter() {
  return createBrowserRouter([
    { path: paths.login, element: <LoginRoute />, errorElement: <RouteError /> },
    {
      // Published editions are for everyone: outside the signed-in app, loaded only when asked for.
      path: paths.publicEditions,
      lazy: async () => ({ Component: (await import('./routes/public/layout')).PublicLayout }),
      errorElement: <RouteError />,
      HydrateFallback: Loading,
      children: [
        {
          index: true,
          lazy: async () => ({ Component: (await import('./routes/public/editions')).PublicEditionsRoute }),
        },
        {
          path: ':id',
          lazy: async () => ({ Component: (await import('./routes/public/edition')).PublicEditionRoute }),
        },
      ],
    },
    {
      path: paths.home,
      element: <AppRoot />,
      errorElement: <RouteError />,
      HydrateFallback: Loading,
      children: [
        { index: true, element: <HomeRoute /> },
        { path: paths.table, element: <PlanTableRoute /> },
        { path: paths.report, element: <ReportRoute /> },
        { path: paths.row, lazy: async () => ({ Component: (await import('./routes/app/row')).RowRoute }) },
        { path: paths.notifications, element: <NotificationsRoute /> },
        { path: paths.search, lazy: async () => ({ Component: (await import('./routes/app/search')).SearchRoute }) },
        // Opened now and then (password, two-factor enrolment): loaded on demand.
        { path: paths.account, lazy: async () => ({ Component: (await import('./routes/app/account')).AccountRoute }) },
        admin(paths.planEdit, async () => (await import('./routes/app/admin/plan-edit')).PlanEditRoute),
        admin(paths.plans, async () => (await import('./routes/app/admin/plans')).PlansRoute),
        admin(paths.departments, async () => (await import('./routes/app/admin/departments')).DepartmentsRoute),
        admin(paths.users, async () => (await import('./routes/app/admin/users')).UsersRoute),
        admin(paths.dashboard, async () => (await import('./routes/app/admin/dashboard')).DashboardRoute),
        admin(paths.periods, async () => (await import('./routes/app/admin/periods')).PeriodsRoute),
        admin(paths.review, async () => (await import('./routes/app/admin/review')).ReviewRoute),
        admin(paths.apiTokens, async () => (await import('./routes/app/admin/api-tokens')).ApiTokensRoute),
        admin(paths.audit, async () => (await import('./routes/app/admin/audit')).AuditRoute),
        admin(paths.imports, async () => (await import('./routes/app/admin/imports')).ImportsRoute),
        { path: '*', element: <NotFoundRoute /> },
      ],
    },
  ]);
}

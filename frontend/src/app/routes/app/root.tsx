import { Link, NavLink, Outlet, useLocation, useSearchParams } from 'react-router';
import { Loading, MfaEnrolmentHrefContext } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { PageTitle } from '@/components/ui/page-title';
import { useLogout } from '@/features/auth/api/logout';
import { ChangePasswordForm } from '@/features/auth/components/change-password-form';
import { NotificationBell } from '@/features/notifications/components/notification-bell';
import { PlanSwitcher } from '@/features/plans/components/plan-switcher';
import { isAdmin, RequireSignedIn, useUser } from '@/lib/auth';
import { messages } from '@/lib/messages';
import { useMfaEnrolmentRequired } from '@/lib/mfa-enrolment';
import type { SessionUser } from '@/lib/session';
import { paths } from '../../paths';

type NavItem = { to: string; label: string };

function navItems(user: SessionUser): NavItem[] {
  const items: NavItem[] = [
    { to: paths.home, label: messages.nav.home },
    { to: paths.table, label: messages.nav.table },
    { to: paths.search, label: messages.nav.search },
  ];
  if (isAdmin(user)) {
    items.push(
      { to: paths.dashboard, label: messages.nav.dashboard },
      { to: paths.review, label: messages.nav.review },
      { to: paths.periods, label: messages.nav.periods },
    );
  }
  return items;
}

// The secretariat's set-up screens, used now and then: a second, quieter row under the main menu.
const adminItems: NavItem[] = [
  { to: paths.plans, label: messages.nav.plans },
  { to: paths.planEdit, label: messages.nav.planEdit },
  { to: paths.departments, label: messages.nav.departments },
  { to: paths.users, label: messages.nav.users },
  { to: paths.imports, label: messages.nav.imports },
  { to: paths.apiTokens, label: messages.nav.apiTokens },
  { to: paths.audit, label: messages.nav.audit },
];

// Periods and measures belong to one plan: after switching plans, their ids in the address (the table's
// ?period=, ?compare=, ?measure=) would name another plan's, so they go and each screen starts on its default.
const PLAN_PARAMS = ['period', 'compare', 'measure'];

function Header() {
  const user = useUser();
  // With a temporary password the server answers nothing but the password change (403 otherwise): the header
  // then asks it for nothing (no plans, no notifications) and offers only logging out.
  const restricted = user.must_change_password;
  const logout = useLogout();
  const [, setParams] = useSearchParams();
  const dropPlanParams = () =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const name of PLAN_PARAMS) next.delete(name);
        return next;
      },
      { replace: true },
    );
  return (
    <header className="border-b border-solid-gray-420 bg-white">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-4 px-4 py-3">
        <div className="flex min-w-0 flex-col gap-1">
          <p className="text-std-20B-150 text-blue-900">{messages.appName}</p>
          {!restricted && <PlanSwitcher onSwitch={dropPlanParams} />}
        </div>
        <div className="flex flex-wrap items-center gap-4">
          <dl aria-label={messages.shell.userLabel} className="grid grid-cols-[auto_auto] gap-x-2 text-dns-16N-130">
            <dt className="sr-only">{messages.shell.userLabel}</dt>
            <dd className="col-span-2 text-dns-16B-130">{user.display_name}</dd>
            <dt className="text-solid-gray-700">{messages.shell.department}</dt>
            <dd>{user.department?.name ?? messages.shell.noDepartment}</dd>
            <dt className="text-solid-gray-700">{messages.shell.role}</dt>
            <dd>{messages.roles[user.role]}</dd>
          </dl>
          {!restricted && (
            <>
              <NotificationBell to={paths.notifications} />
              <NavLink
                to={paths.account}
                className={({ isActive }) => `text-dns-16N-130 ${isActive ? 'font-bold' : ''}`}
              >
                {messages.shell.account}
              </NavLink>
            </>
          )}
          <Button variant="secondary" size="sm" onClick={() => logout.mutate()} disabled={logout.isPending}>
            {messages.shell.logout}
          </Button>
        </div>
      </div>
      {!restricted && (
        <nav aria-label={messages.shell.navLabel} className="bg-blue-900">
          <ul className="mx-auto flex max-w-7xl flex-wrap gap-1 px-4">
            {navItems(user).map((item) => (
              <li key={item.to}>
                <NavLink
                  to={item.to}
                  end
                  className={({ isActive }) =>
                    `inline-block px-4 py-3 text-oln-16B-100 text-white no-underline hover:bg-blue-1000 hover:text-white hover:underline ${
                      isActive
                        ? 'bg-blue-1100 underline decoration-[calc(3/16*1rem)] underline-offset-[calc(6/16*1rem)]'
                        : ''
                    }`
                  }
                >
                  {item.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      )}
      {isAdmin(user) && !restricted && (
        <nav aria-label={messages.shell.adminNavLabel} className="border-b border-solid-gray-420 bg-blue-50">
          <ul className="mx-auto flex max-w-7xl flex-wrap gap-1 px-4">
            {adminItems.map((item) => (
              <li key={item.to}>
                <NavLink
                  to={item.to}
                  className={({ isActive }) =>
                    `inline-block px-3 py-2 text-oln-16N-100 text-blue-1100 no-underline hover:underline ${
                      isActive
                        ? 'font-bold underline decoration-[calc(3/16*1rem)] underline-offset-[calc(6/16*1rem)]'
                        : ''
                    }`
                  }
                >
                  {item.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      )}
    </header>
  );
}

/**
 * Shown after the server refused an admin action for want of a second factor (403 `mfa_enrolment_required`),
 * until the factor is on: what happened and the way to the enrolment screen. ホーム and アカウント設定 say it
 * themselves.
 */
function MfaEnrolmentBanner() {
  const user = useUser();
  const required = useMfaEnrolmentRequired();
  const { pathname } = useLocation();
  if (!required || user.mfa_enabled || pathname === paths.home || pathname === paths.account) return null;
  return (
    <section
      aria-labelledby="mfa-banner"
      className="flex flex-col gap-2 rounded-8 border-2 border-yellow-700 bg-yellow-50 px-4 py-3"
    >
      {/* Not a heading: it comes before the page's h1, and belongs to no page's outline. */}
      <p id="mfa-banner" className="text-std-18B-160">
        {messages.mfa.bannerTitle}
      </p>
      <p>{messages.mfa.policy}</p>
      <p>
        <Link to={paths.account}>{messages.mfa.enrolLink}</Link>
      </p>
    </section>
  );
}

function SignedInLayout() {
  const user = useUser();
  return (
    <MfaEnrolmentHrefContext value={paths.account}>
      <a
        href="#main"
        className="sr-only bg-yellow-300 px-4 py-2 text-solid-gray-900 focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-10"
      >
        {messages.skipToContent}
      </a>
      <Header />
      <main id="main" tabIndex={-1} className="mx-auto flex max-w-7xl flex-col gap-8 px-4 py-8 focus:outline-none">
        {user.must_change_password ? (
          // A password set by an admin must be replaced before anything else.
          <div className="flex max-w-lg flex-col gap-6">
            <PageTitle title={messages.changePassword.title}>{messages.changePassword.title}</PageTitle>
            <p>{messages.changePassword.lead}</p>
            <ChangePasswordForm />
          </div>
        ) : (
          <>
            <MfaEnrolmentBanner />
            <Outlet />
          </>
        )}
      </main>
    </MfaEnrolmentHrefContext>
  );
}

/** The signed-in app: header with plan and user, navigation, and the current screen. */
export function AppRoot() {
  return (
    <RequireSignedIn pending={<Loading />}>
      <SignedInLayout />
    </RequireSignedIn>
  );
}

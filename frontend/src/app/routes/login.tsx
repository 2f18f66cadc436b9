import type { ReactNode } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { Loading } from '@/components/ui/alert';
import { PageTitle } from '@/components/ui/page-title';
import { LoginForm } from '@/features/auth/components/login-form';
import { useSession, type LoginRedirectState } from '@/lib/auth';
import { messages } from '@/lib/messages';
import { paths } from '../paths';

function CenteredPage({ children }: { children: ReactNode }) {
  return (
    <main className="mx-auto flex min-h-screen max-w-lg flex-col justify-center gap-6 px-4 py-10">
      <p className="text-std-20B-150 text-blue-900">{messages.appName}</p>
      {children}
    </main>
  );
}

export function LoginRoute() {
  const session = useSession();
  const navigate = useNavigate();
  const from = (useLocation().state as LoginRedirectState | null)?.from ?? paths.home;

  if (session.status === 'restoring') {
    return (
      <CenteredPage>
        <Loading />
      </CenteredPage>
    );
  }
  if (session.status === 'signed-in') return <Navigate to={from} replace />;

  return (
    <CenteredPage>
      <PageTitle title={messages.login.title}>{messages.login.title}</PageTitle>
      {session.expired && (
        <p role="status" className="rounded-8 border-2 border-yellow-700 bg-yellow-50 px-4 py-3">
          {messages.errors.sessionExpired}
        </p>
      )}
      <p>{messages.login.lead}</p>
      <LoginForm onSuccess={() => void navigate(from, { replace: true })} />
    </CenteredPage>
  );
}

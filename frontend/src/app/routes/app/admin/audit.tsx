import { PageTitle } from '@/components/ui/page-title';
import { AuditLog } from '@/features/audit/components/audit-log';
import { useUsers } from '@/features/users/api/get-users';
import { messages } from '@/lib/messages';

// The choice of 操作者 comes from the users feature (its first page, where a city's staff fit).
export function AuditRoute() {
  const users = useUsers(1);
  const actors = (users.data?.items ?? []).map((u) => ({ id: u.id, name: `${u.display_name}（${u.login_id}）` }));
  return (
    <>
      <PageTitle title={messages.audit.title}>{messages.audit.title}</PageTitle>
      <p>{messages.audit.lead}</p>
      <AuditLog actors={actors} />
    </>
  );
}

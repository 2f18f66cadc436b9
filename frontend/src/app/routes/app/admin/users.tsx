import { ErrorAlert, Loading } from '@/components/ui/alert';
import { PageTitle } from '@/components/ui/page-title';
import { useDepartments } from '@/features/departments/api/get-departments';
import { UsersAdmin } from '@/features/users/components/users-admin';
import { messages } from '@/lib/messages';

// Users name their department by id; the departments feature owns that list, so it is read here and handed on.
export function UsersRoute() {
  const departments = useDepartments();
  return (
    <>
      <PageTitle title={messages.users.title}>{messages.users.title}</PageTitle>
      <p>{messages.users.lead}</p>
      {departments.isPending ? (
        <Loading />
      ) : departments.isError ? (
        <ErrorAlert error={departments.error} />
      ) : (
        <UsersAdmin departments={departments.data} />
      )}
    </>
  );
}

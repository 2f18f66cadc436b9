import { PageTitle } from '@/components/ui/page-title';
import { DepartmentsAdmin } from '@/features/departments/components/departments-admin';
import { messages } from '@/lib/messages';

export function DepartmentsRoute() {
  return (
    <>
      <PageTitle title={messages.departments.title}>{messages.departments.title}</PageTitle>
      <p>{messages.departments.lead}</p>
      <DepartmentsAdmin />
    </>
  );
}

import { PageTitle } from '@/components/ui/page-title';
import { DepartmentRows } from '@/features/plans/components/department-rows';
import { PlanTreeLoader } from '@/features/plans/components/plan-tree-loader';
import { isAdmin, useUser } from '@/lib/auth';
import { messages } from '@/lib/messages';

/**
 * The signed-in user's department's rows. Admins (the secretariat) and users without a department look after
 * the whole plan, so they see every row.
 */
export function HomeRoute() {
  const user = useUser();
  const department = isAdmin(user) ? null : (user.department ?? null);
  return (
    <>
      <PageTitle title={messages.home.title}>{messages.home.title}</PageTitle>
      <PlanTreeLoader>
        {(tree) => (
          <DepartmentRows
            tree={tree}
            departmentId={department?.id ?? null}
            title={department ? messages.home.departmentRows(department.name) : messages.home.allRows}
          />
        )}
      </PlanTreeLoader>
    </>
  );
}

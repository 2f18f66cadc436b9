import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import { invalidateStructureQueries } from './structure-writes';

/** PUT /api/v1/rows/{id}/departments: the row's 担当課 in display order (健康課／福祉総務課). */
export function setRowDepartments({ rowId, departmentIds }: { rowId: number; departmentIds: number[] }) {
  return unwrap(
    api.PUT('/api/v1/rows/{id}/departments', {
      params: { path: { id: rowId } },
      body: { department_ids: departmentIds },
    }),
  );
}

export function useSetRowDepartments() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: setRowDepartments, onSuccess: () => invalidateStructureQueries(queryClient) });
}

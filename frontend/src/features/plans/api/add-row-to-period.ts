import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import { apiQueryKey } from '@/lib/query-keys';
import { invalidateStructureQueries } from './structure-writes';

/**
 * POST /api/v1/periods/{id}/rows/{row_id}/report: a row added mid-plan gets its empty report in a period that is
 * already running, so its department reports on it there too.
 */
export function addRowToPeriod({ periodId, rowId }: { periodId: number; rowId: number }) {
  return unwrap(
    api.POST('/api/v1/periods/{id}/rows/{row_id}/report', { params: { path: { id: periodId, row_id: rowId } } }),
  );
}

export function useAddRowToPeriod() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: addRowToPeriod,
    onSuccess: () =>
      Promise.all([
        invalidateStructureQueries(queryClient),
        queryClient.invalidateQueries({ queryKey: apiQueryKey('/api/v1/periods/{id}/reports') }),
        queryClient.invalidateQueries({ queryKey: apiQueryKey('/api/v1/periods/{id}/dashboard') }),
        queryClient.invalidateQueries({ queryKey: apiQueryKey('/api/v1/me/open-reports') }),
      ]),
  });
}

import { useState, type ReactNode } from 'react';
import type { components } from '@/api/schema';
import { ErrorAlert, Loading, Secret, StatusNotice } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Pagination } from '@/components/ui/pagination';
import { useUser } from '@/lib/auth';
import { formatDate } from '@/lib/dates';
import { messages } from '@/lib/messages';
import { USERS_PER_PAGE, useUsers } from '../api/get-users';
import { useResetUserMfa } from '../api/reset-user-mfa';
import { useResetUserPassword } from '../api/reset-user-password';
import { UserCreateForm } from './user-create-form';
import { UserEditForm } from './user-edit-form';
import type { Department } from './user-fields';

type UserView = components['schemas']['UserView'];

const text = messages.users;
const cell = 'border-b border-solid-gray-420 px-3 py-2 text-left align-middle';
// Short labels and dates read badly when broken over two lines; the table scrolls sideways instead.
const nowrap = `${cell} whitespace-nowrap`;
const COLUMNS = 7;

function UserRow({
  user,
  departmentName,
  departments,
  onNotice,
}: {
  user: UserView;
  departmentName: string;
  departments: Department[];
  onNotice: (notice: ReactNode) => void;
}) {
  const [editing, setEditing] = useState(false);
  const reset = useResetUserPassword();
  const resetMfa = useResetUserMfa();
  // Your own second factor is switched off in アカウント設定, with a code; a reset here would also sign you out.
  const self = useUser().id === user.id;

  function resetPassword() {
    if (!window.confirm(text.resetConfirm(user.display_name))) return;
    reset.mutate(user.id, {
      onSuccess: ({ temporary_password }) =>
        onNotice(<Secret text={text.temporaryPassword(user.display_name)} secret={temporary_password} />),
    });
  }

  function resetSecondFactor() {
    if (!window.confirm(text.resetMfaConfirm(user.display_name))) return;
    resetMfa.mutate(user.id, { onSuccess: () => onNotice(text.resetMfaDone(user.display_name)) });
  }

  return (
    <>
      <tr>
        <th scope="row" className={`${nowrap} font-mono`}>
          {user.login_id}
        </th>
        <td className={cell}>{user.display_name}</td>
        <td className={cell}>{departmentName}</td>
        <td className={cell}>{messages.roles[user.role]}</td>
        <td className={nowrap}>
          {user.active ? text.active : text.inactive}
          {user.must_change_password && (
            <span className="block text-dns-14N-130 text-solid-gray-700">{text.mustChangePassword}</span>
          )}
        </td>
        <td className={nowrap}>{formatDate(user.created_at)}</td>
        <td className={cell}>
          <div className="flex flex-wrap gap-2">
            <Button variant="tertiary" size="sm" aria-expanded={editing} onClick={() => setEditing(!editing)}>
              {messages.edit}
              <span className="sr-only">{text.rowSuffix(user.display_name)}</span>
            </Button>
            <Button variant="tertiary" size="sm" disabled={reset.isPending} onClick={resetPassword}>
              {text.resetPassword}
              <span className="sr-only">{text.rowSuffix(user.display_name)}</span>
            </Button>
            {!self && (
              <Button variant="tertiary" size="sm" disabled={resetMfa.isPending} onClick={resetSecondFactor}>
                {text.resetMfa}
                <span className="sr-only">{text.rowSuffix(user.display_name)}</span>
              </Button>
            )}
          </div>
          {reset.isError && <ErrorAlert error={reset.error} />}
          {resetMfa.isError && <ErrorAlert error={resetMfa.error} />}
        </td>
      </tr>
      {editing && (
        <tr>
          <td colSpan={COLUMNS} className={`${cell} bg-blue-50`}>
            <UserEditForm
              user={user}
              departments={departments}
              onDone={(message) => {
                setEditing(false);
                if (message) onNotice(message);
              }}
            />
          </td>
        </tr>
      )}
    </>
  );
}

/**
 * 利用者 administration: list (paged), register, edit, reset password. The departments come from the caller,
 * which owns that data, to name each user's department and offer the choices.
 */
export function UsersAdmin({ departments }: { departments: Department[] }) {
  const [page, setPage] = useState(1);
  const users = useUsers(page);
  const [notice, setNotice] = useState<ReactNode>(null);
  const departmentName = (id: number | null | undefined) =>
    departments.find((d) => d.id === id)?.name ?? text.noDepartment;

  return (
    <div>
      <StatusNotice>{notice}</StatusNotice>
      <div className="flex flex-col gap-8">
        <UserCreateForm
          departments={departments}
          onCreated={(loginId, password) =>
            setNotice(password ? <Secret text={text.initialPassword(loginId)} secret={password} /> : null)
          }
        />
        {users.isPending ? (
          <Loading />
        ) : users.isError ? (
          <ErrorAlert error={users.error} />
        ) : (
          <>
            <div className="overflow-x-auto">
              <table className="w-full border-collapse">
                <caption className="pb-2 text-left text-std-20B-150">{text.listCaption}</caption>
                <thead className="bg-solid-gray-50">
                  <tr>
                    <th scope="col" className={nowrap}>
                      {text.loginId}
                    </th>
                    <th scope="col" className={nowrap}>
                      {text.displayName}
                    </th>
                    <th scope="col" className={nowrap}>
                      {text.department}
                    </th>
                    <th scope="col" className={nowrap}>
                      {text.role}
                    </th>
                    <th scope="col" className={nowrap}>
                      {text.status}
                    </th>
                    <th scope="col" className={nowrap}>
                      {text.createdAt}
                    </th>
                    <th scope="col" className={nowrap}>
                      {text.actions}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {users.data.items.map((user) => (
                    <UserRow
                      key={user.id}
                      user={user}
                      departmentName={departmentName(user.department_id)}
                      departments={departments}
                      onNotice={setNotice}
                    />
                  ))}
                </tbody>
              </table>
            </div>
            <Pagination
              page={users.data.page}
              pages={Math.max(1, Math.ceil(users.data.total / USERS_PER_PAGE))}
              onPage={setPage}
            />
          </>
        )}
      </div>
    </div>
  );
}

import { useMutation } from '@tanstack/react-query';
import type { components } from '@/api/schema';
import { publicApi, unwrap } from '@/lib/api-client';
import { startSession } from '@/lib/session';

type LoginRequest = components['schemas']['LoginRequest'];

/** POST /api/v1/sessions */
export function login(body: LoginRequest) {
  return unwrap(publicApi.POST('/api/v1/sessions', { body }));
}

export function useLogin() {
  return useMutation({ mutationFn: login, onSuccess: startSession });
}

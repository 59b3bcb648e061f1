import type { Permission } from '@hongyi/core';
import type { Me } from './api/types';

/**
 * What a user may see, decided from the permissions the server sent with `me` (the
 * server derives them from the role grants with @hongyi/core's ROLE_PERMISSIONS and
 * enforces them again on every route; this only shapes the UI).
 * No permission required means: any signed-in user.
 */
export function can(me: Me | null, permission: Permission | undefined): boolean {
  if (!me) return false;
  if (!permission) return true;
  return me.permissions.includes(permission);
}

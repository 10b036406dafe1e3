/** Role codes and stores as the designer needs them (docs/dealership.md). */

export const GROUP_ROLES = ['admin', 'general_manager'] as const;

/** Whether the user holds at least one of the roles. */
export function hasAnyRole(user: { roles: readonly string[] }, roles: readonly string[]): boolean {
  return user.roles.some((r) => roles.includes(r));
}

/** Whether the user works at group level (sees every store, may filter by store). */
export function isGroupUser(user: { roles: readonly string[] }): boolean {
  return hasAnyRole(user, GROUP_ROLES);
}

/**
 * Store scoping and role lists of the dealership resources. Group roles (admin, general_manager)
 * see every store; everyone else sees and acts on their own store only, and rows of another store
 * answer 404 (their existence is not revealed).
 */
import { AppError, notFound } from '../../engine/errors.ts';
import type { Actor } from '../../engine/types.ts';
import { canAccessStore, hasRole, isGroupActor } from '../rbac.ts';
import type { DealerRole } from './roles.ts';

/** Who may do what (docs/dealership.md roles). */
export const ROLES_FOR = {
  createOrder: ['sales_consultant', 'sales_manager', 'admin'],
  readOrders: [
    'sales_consultant',
    'sales_manager',
    'general_manager',
    'admin',
    'finance',
    'logistics',
    'service_advisor',
  ],
  readCustomers: ['sales_consultant', 'sales_manager', 'general_manager', 'admin', 'service_advisor'],
  writeCustomers: ['sales_consultant', 'sales_manager', 'general_manager', 'admin'],
  readVehicles: ['sales_consultant', 'sales_manager', 'general_manager', 'admin', 'finance', 'logistics'],
  writeVehicles: ['logistics', 'sales_manager', 'general_manager', 'admin'],
  afterSales: ['service_advisor', 'sales_manager', 'general_manager', 'admin'],
  createComplaint: ['service_advisor', 'sales_consultant', 'sales_manager', 'general_manager', 'admin'],
  analytics: ['sales_manager', 'general_manager', 'admin', 'finance'],
} satisfies Record<string, DealerRole[]>;

/**
 * The store a list query covers: a group actor's optional `storeId` filter (null: every store), or
 * the actor's own store — asking for another store is 403.
 */
export function listScope(actor: Actor, requested: string | undefined): string | null {
  if (isGroupActor(actor)) return requested ?? null;
  if (!actor.storeId) throw new AppError('forbidden', 'No store assigned');
  if (requested !== undefined && requested !== actor.storeId)
    throw new AppError('forbidden', 'Not your store');
  return actor.storeId;
}

/** The store a new row goes to: the actor's own; group actors must name one. */
export function writeStore(actor: Actor, requested: string | undefined): string {
  if (isGroupActor(actor)) {
    if (!requested)
      throw new AppError('invalid', 'storeId is required', [{ path: '/storeId', message: 'required' }]);
    return requested;
  }
  if (!actor.storeId) throw new AppError('forbidden', 'No store assigned');
  if (requested !== undefined && requested !== actor.storeId)
    throw new AppError('forbidden', 'Not your store');
  return actor.storeId;
}

/** Throws 404 when the row belongs to a store the actor may not see. */
export function assertVisible(actor: Actor, storeId: string, what: string, id: string): void {
  if (!canAccessStore(actor, storeId)) throw notFound(what, id);
}

/** Purchase cost and gross profit reveal the dealer's margin: managers, finance and logistics only. */
export function canSeeCost(actor: Actor): boolean {
  return hasRole(actor, 'sales_manager', 'general_manager', 'admin', 'finance', 'logistics');
}

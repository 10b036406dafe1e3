import { navItemsFor, selectedNavPath } from './nav-items.tsx';

const paths = (roles: string[]) => navItemsFor(roles).map((i) => i.path);

describe('navigation by role', () => {
  it.each([
    [['service_advisor'], ['/inbox', '/start', '/after-sales']],
    [['sales_consultant'], ['/inbox', '/start', '/orders', '/customers', '/inventory', '/dashboard']],
    [['finance'], ['/inbox', '/start', '/orders', '/inventory']],
    [['sales_manager'], ['/inbox', '/start', '/orders', '/customers', '/inventory', '/dashboard']],
    [
      ['general_manager'],
      ['/inbox', '/start', '/orders', '/customers', '/inventory', '/after-sales', '/dashboard'],
    ],
    [
      ['admin'],
      [
        '/inbox',
        '/start',
        '/orders',
        '/customers',
        '/inventory',
        '/after-sales',
        '/dashboard',
        '/designer',
        '/admin',
      ],
    ],
  ])('shows %j the entries %j', (roles, expected) => {
    expect(paths(roles)).toEqual(expected);
  });

  it('selects the entry a page belongs to', () => {
    const items = navItemsFor(['admin']);
    expect(selectedNavPath('/orders/123', items)).toBe('/orders');
    expect(selectedNavPath('/tasks/abc', items)).toBe('/inbox');
    expect(selectedNavPath('/designer/forms/order-review', items)).toBe('/designer/forms');
  });
});

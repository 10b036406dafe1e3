import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse, http } from 'msw';
import { contract } from '../../testing/contract-http.ts';
import { renderFormField } from '../../testing/render-form-field.tsx';
import { MANAGER, meHandler, server, startMockServer } from '../../testing/server.ts';
import { maskMobile } from './LookupWidgets.tsx';

startMockServer();

const USER = {
  id: '00000000-0000-4000-8000-000000000004',
  username: 'consultant',
  displayName: '李娜',
  roles: ['sales_consultant'],
  storeId: 'BJ01',
  team: '一组',
};
const CUSTOMER_ID = '33333333-0000-4000-8000-000000000001';
const VIN = 'LSVAU2180N2000001';

/** Records the `q` of each search; answers `items` to a search for `q`, nothing otherwise. */
function searchHandler(path: string, q: string, items: object[], searches: (string | null)[]) {
  return http.get(path, ({ request }) => {
    const asked = new URL(request.url).searchParams.get('q');
    searches.push(asked);
    const found = asked === q ? items : [];
    return HttpResponse.json({ items: found, total: found.length });
  });
}

/** Opens the select labelled `字段`, types `text`, and answers its dropdown once options show. */
async function search(text: string): Promise<HTMLElement> {
  const input = await screen.findByLabelText('字段');
  fireEvent.mouseDown(input);
  await userEvent.setup().type(input, text);
  return waitFor(() => {
    const found = document.getElementById(input.getAttribute('aria-controls') ?? '');
    if (!found) throw new Error('list not open');
    return found.closest<HTMLElement>('.ant-select-dropdown')!;
  });
}

describe('lookup widgets', () => {
  it('masks all but the first three and last four digits of a mobile number', () => {
    expect(maskMobile('13800138000')).toBe('138****8000');
  });

  it('searches users by what is typed and stores the chosen user’s id', async () => {
    const searches: (string | null)[] = [];
    const changes: unknown[] = [];
    server.use(meHandler(MANAGER), searchHandler('/api/users', '李', [USER], searches));
    renderFormField('user', { onChange: (d) => changes.push(d) });
    const list = await search('李');
    fireEvent.click(await within(list).findByTitle('李娜 (consultant) · BJ01'));
    await waitFor(() => expect(changes.at(-1)).toEqual({ f: USER.id }));
  });

  it('shows a held user by name, read-only too', async () => {
    server.use(
      meHandler(MANAGER),
      contract.get('/api/users', ({ request }) => {
        expect(new URL(request.url).searchParams.get('ids')).toBe(USER.id);
        return HttpResponse.json({ items: [USER], total: 1 });
      }),
    );
    renderFormField('user', { formData: USER.id, readonly: true });
    await waitFor(async () =>
      expect(await screen.findByLabelText('字段')).toHaveValue('李娜 (consultant) · BJ01'),
    );
  });

  it('searches customers and shows name with a masked mobile; choosing stores the id', async () => {
    const searches: (string | null)[] = [];
    const changes: unknown[] = [];
    const customer = { id: CUSTOMER_ID, name: '张伟', mobile: '13800138000' };
    server.use(meHandler(MANAGER), searchHandler('/api/customers', '张', [customer], searches));
    renderFormField('customer', { onChange: (d) => changes.push(d) });
    const list = await search('张');
    fireEvent.click(await within(list).findByTitle('张伟 138****8000'));
    await waitFor(() => expect(changes.at(-1)).toEqual({ f: CUSTOMER_ID }));
  });

  it('shows a held customer’s name from the server', async () => {
    server.use(
      meHandler(MANAGER),
      contract.get('/api/customers/{id}', () =>
        HttpResponse.json({ id: CUSTOMER_ID, name: '张伟', mobile: '13800138000' }),
      ),
    );
    renderFormField('customer', { formData: CUSTOMER_ID });
    expect(await screen.findByText('张伟 138****8000')).toBeInTheDocument();
  });

  it('says why a search failed', async () => {
    server.use(
      meHandler(MANAGER),
      contract.get('/api/customers', () =>
        HttpResponse.json({ error: { code: 'forbidden', message: '无权查看客户' } }, { status: 403 }),
      ),
    );
    renderFormField('customer');
    const list = await search('张');
    expect(await within(list).findByText(/无权查看客户/)).toBeInTheDocument();
  });

  it('searches vehicles by what is typed (model, colour or VIN start) and stores the VIN', async () => {
    const searches: (string | null)[] = [];
    const changes: unknown[] = [];
    const vehicle = { id: 'v1', vin: VIN, model: '海豹', trim: '豪华版', exteriorColor: '珍珠白' };
    server.use(meHandler(MANAGER), searchHandler('/api/vehicles', '海豹', [vehicle], searches));
    renderFormField('vehicle', { onChange: (d) => changes.push(d) });
    const list = await search('海豹');
    fireEvent.click(await within(list).findByTitle(`${VIN} · 海豹 豪华版 · 珍珠白`));
    await waitFor(() => expect(changes.at(-1)).toEqual({ f: VIN }));
    // Debounced: not one request per key typed.
    expect(searches.length).toBeLessThan(4);
  });
});

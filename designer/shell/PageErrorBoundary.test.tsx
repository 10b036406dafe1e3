import { render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import '../i18n/i18n.ts';
import { PageErrorBoundary } from './PageErrorBoundary.tsx';

function Broken(): never {
  throw new Error('boom');
}

describe('page error boundary', () => {
  it('shows a friendly message with a reload button instead of a blank page when the page throws', () => {
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    render(
      <MemoryRouter>
        <PageErrorBoundary>
          <Broken />
        </PageErrorBoundary>
      </MemoryRouter>,
    );
    expect(screen.getByText('页面出错了')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /重新加载/ })).toBeInTheDocument();
    quiet.mockRestore();
  });

  it('renders the page itself when nothing goes wrong', () => {
    render(
      <MemoryRouter>
        <PageErrorBoundary>
          <p>订单列表</p>
        </PageErrorBoundary>
      </MemoryRouter>,
    );
    expect(screen.getByText('订单列表')).toBeInTheDocument();
    expect(screen.queryByText('页面出错了')).not.toBeInTheDocument();
  });
});

import { App as AntApp } from 'antd';
import { createRoot } from 'react-dom/client';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { FormBuilderPage } from '../../form-builder/FormBuilderPage.tsx';
import { FlowDesignerPage } from '../FlowDesignerPage.tsx';

const path = new URLSearchParams(location.search).get('p') ?? '/designer/workflows/discount-approval';
createRoot(document.getElementById('root') as HTMLElement).render(
  <AntApp>
    <MemoryRouter initialEntries={[path]}>
      <Routes>
        <Route path="/designer/workflows/:key" element={<FlowDesignerPage />} />
        <Route path="/designer/forms/:key" element={<FormBuilderPage />} />
      </Routes>
    </MemoryRouter>
  </AntApp>,
);

/**
 * The flow designer and form builder pages live in designer/flow/ and designer/form-builder/ (built
 * by their own helpers). They load lazily, keeping @xyflow, elkjs and the builder out of the shell's
 * first load.
 */
import { Spin } from 'antd';
import { lazy, Suspense } from 'react';

const FlowPage = lazy(async () => ({
  default: (await import('../flow/FlowDesignerPage.tsx')).FlowDesignerPage,
}));
const FormPage = lazy(async () => ({
  default: (await import('../form-builder/FormBuilderPage.tsx')).FormBuilderPage,
}));
const spinner = <Spin size="large" style={{ display: 'block', margin: '20vh auto' }} />;

/** `/designer/workflows/:key`. */
export function FlowDesignerRoute() {
  return (
    <Suspense fallback={spinner}>
      <FlowPage />
    </Suspense>
  );
}

/** `/designer/forms/:key`. */
export function FormBuilderRoute() {
  return (
    <Suspense fallback={spinner}>
      <FormPage />
    </Suspense>
  );
}

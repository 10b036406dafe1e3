/**
 * The flow designer and form builder pages live in designer/flow/ and designer/form-builder/ (built
 * separately) and load lazily, keeping @xyflow and elkjs out of the main chunk. The form builder is
 * found with `import.meta.glob` so the app builds before its page exists (a placeholder shows).
 */
import { Result, Spin } from 'antd';
import { type ComponentType, lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';

type PageModule = Record<string, unknown>;

const FORMS = import.meta.glob<PageModule>('../form-builder/FormBuilderPage.tsx');

function Pending() {
  const { t } = useTranslation();
  return <Result status="info" title={t('designer.pending')} />;
}

/** A lazy page from the first matching module's named export, or the placeholder when absent. */
function lazyPage(modules: Record<string, () => Promise<PageModule>>, exportName: string): ComponentType {
  const load = Object.values(modules)[0];
  if (!load) return Pending;
  return lazy(async () => {
    const page = (await load())[exportName];
    return { default: typeof page === 'function' ? (page as ComponentType) : Pending };
  });
}

const FlowPage = lazy(async () => ({ default: (await import('../flow/FlowDesignerPage.tsx')).FlowDesignerPage }));
const FormPage = lazyPage(FORMS, 'FormBuilderPage');
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

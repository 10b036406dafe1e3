import { useTranslation } from 'react-i18next';
import { formatDateTime, text } from '../components/format.ts';
import { ResourceListPage } from '../components/ResourceListPage.tsx';

const GRADES = ['potential', 'intent', 'deal', 'lost'] as const;
const LEVELS = ['H', 'A', 'B', 'C', 'N', 'O', 'D', 'T'] as const;

/** `/customers`: the CRM list over `/api/customers`. */
export function CustomersPage() {
  const { t } = useTranslation();
  return (
    <ResourceListPage
      title={t('customers.title')}
      path="/api/customers"
      searchPlaceholder={t('customers.searchPlaceholder')}
      filters={[
        {
          param: 'grade',
          placeholder: t('customers.grade'),
          options: GRADES.map((g) => ({ value: g, label: t(`customerGrade.${g}`) })),
        },
        {
          param: 'intentLevel',
          placeholder: t('customers.intentLevel'),
          options: LEVELS.map((l) => ({ value: l, label: l })),
        },
      ]}
      columns={[
        { title: t('customers.name'), dataIndex: 'name', render: text },
        { title: t('customers.mobile'), dataIndex: 'mobile', render: text },
        {
          title: t('customers.grade'),
          dataIndex: 'grade',
          render: (g: unknown) => t(`customerGrade.${text(g)}`, text(g)),
        },
        { title: t('customers.intentLevel'), dataIndex: 'intentLevel', render: text },
        {
          title: t('orders.source'),
          dataIndex: 'source',
          render: (s: unknown) => t(`source.${text(s)}`, text(s)),
        },
        { title: t('customers.nextFollowUpAt'), dataIndex: 'nextFollowUpAt', render: formatDateTime },
      ]}
    />
  );
}

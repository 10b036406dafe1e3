/**
 * 工作日历: an admin edits a store's business calendar (working hours, weekends, public holidays,
 * make-up working days) over `GET/PUT /api/stores/:id/calendar`; task deadlines in working time count
 * with it.
 */
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Checkbox, Form, Input, Select, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import { useApiQuery } from '../api/use-api-query.ts';
import { ApiError } from '../api-client.ts';
import { PageTitle } from '../components/PageTitle.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { StoreSelect } from '../components/StoreSelect.tsx';
import { useStores } from '../session/stores.ts';

/** A store's calendar as the API sends it (api/schemas/versions.ts `StoreCalendar`). */
interface BusinessCalendar {
  utcOffsetMinutes: number;
  workingHours: { start: string; end: string }[];
  weekend: number[];
  holidays: string[];
  workdays: string[];
}
const DAYS = [1, 2, 3, 4, 5, 6, 0];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** JSON pointer of a 422 detail (`/workingHours/0/end`) as an antd field name (`['workingHours', 0, 'end']`). */
function fieldName(pointer: string): (string | number)[] {
  return pointer
    .replace(/^\//, '')
    .split('/')
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

export function CalendarPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const stores = useStores();
  const [storeId, setStoreId] = useState<string | undefined>();
  const current = storeId ?? stores[0]?.id;
  const { data, error, reload } = useApiQuery(current ? '/api/stores/{id}/calendar' : null, {
    params: { path: { id: current ?? '' } },
  });
  const [form] = Form.useForm<BusinessCalendar>();
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (data) form.setFieldsValue(data.calendar);
  }, [data, form]);

  async function save(values: BusinessCalendar) {
    if (!current) return;
    setSaving(true);
    try {
      await api.put('/api/stores/{id}/calendar', {
        params: { path: { id: current ?? '' } },
        body: {
          ...values,
          utcOffsetMinutes: data?.calendar.utcOffsetMinutes ?? 480,
        },
      });
      message.success(t('calendar.saved'));
      reload();
    } catch (err) {
      if (err instanceof ApiError && err.details) {
        form.setFields(err.details.map((d) => ({ name: fieldName(d.path) as never, errors: [d.message] })));
      } else message.error(err instanceof Error ? err.message : String(err));
    } finally {
      setSaving(false);
    }
  }

  const dateTags = (name: 'holidays' | 'workdays', label: string, help: string) => (
    <Form.Item
      name={name}
      label={label}
      extra={help}
      rules={[
        {
          validator: (_r, value: string[] | undefined) =>
            (value ?? []).every((d) => DATE.test(d))
              ? Promise.resolve()
              : Promise.reject(new Error(t('calendar.badDate'))),
        },
      ]}
    >
      <Select
        mode="tags"
        tokenSeparators={[',', ' ', '，']}
        aria-label={label}
        placeholder="2026-10-01"
        open={false}
      />
    </Form.Item>
  );

  return (
    <div>
      <PageTitle>{t('calendar.title')}</PageTitle>
      <Space style={{ marginBottom: 16 }} wrap>
        <Typography.Text>{t('calendar.store')}</Typography.Text>
        <StoreSelect value={current} onChange={setStoreId} aria-label={t('calendar.store')} />
        {data && (
          <Tag color={data.custom ? 'blue' : 'default'}>
            {data.custom ? t('calendar.custom') : t('calendar.default')}
          </Tag>
        )}
      </Space>
      <QueryError error={error} onRetry={reload} />
      <Card>
        <Typography.Paragraph type="secondary">{t('calendar.intro')}</Typography.Paragraph>
        <Form form={form} layout="vertical" onFinish={save} style={{ maxWidth: 640 }}>
          <Form.List name="workingHours">
            {(fields, { add, remove }) => (
              <Form.Item label={t('calendar.workingHours')}>
                {fields.map((field, i) => (
                  <Space key={field.key} align="baseline">
                    <Form.Item
                      name={[field.name, 'start']}
                      rules={[{ required: true, pattern: /^\d{2}:\d{2}$/, message: 'HH:mm' }]}
                    >
                      <Input
                        aria-label={t('calendar.start', { n: i + 1 })}
                        placeholder="09:00"
                        style={{ width: 100 }}
                      />
                    </Form.Item>
                    <span>—</span>
                    <Form.Item
                      name={[field.name, 'end']}
                      rules={[{ required: true, pattern: /^\d{2}:\d{2}$/, message: 'HH:mm' }]}
                    >
                      <Input
                        aria-label={t('calendar.end', { n: i + 1 })}
                        placeholder="18:00"
                        style={{ width: 100 }}
                      />
                    </Form.Item>
                    <MinusCircleOutlined
                      aria-label={t('calendar.removePeriod')}
                      onClick={() => remove(field.name)}
                    />
                  </Space>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ start: '', end: '' })}>
                  {t('calendar.addPeriod')}
                </Button>
              </Form.Item>
            )}
          </Form.List>
          <Form.Item name="weekend" label={t('calendar.weekend')}>
            <Checkbox.Group options={DAYS.map((d) => ({ value: d, label: t(`calendar.days.${d}`) }))} />
          </Form.Item>
          {dateTags('holidays', t('calendar.holidays'), t('calendar.holidaysHelp'))}
          {dateTags('workdays', t('calendar.workdays'), t('calendar.workdaysHelp'))}
          <Button type="primary" htmlType="submit" loading={saving} disabled={!data}>
            {t('calendar.save')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}

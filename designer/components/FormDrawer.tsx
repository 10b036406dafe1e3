import { App, Button, Drawer, type FormInstance, Space } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api-client.ts';
import { showFieldErrors } from './field-errors.ts';

/** How a create form sends its values and what follows a success. */
export interface CreateSubmitOptions<V, R> {
  send(values: V): Promise<R>;
  /** The toast after a success. */
  successMessage: string;
  onCreated(created: R): void;
  /** A refusal the caller shows itself (true when handled), before the generic handling. */
  onRefused?(error: ApiError): boolean;
}

/**
 * Submitting a create form: busy while it runs; on success a toast, a reset form and `onCreated`;
 * a 422's details on their fields, any other failure as a message, what was typed kept.
 *
 * @example
 * const { busy, submit } = useCreateSubmit(form, { send: (v) => api.post('/api/complaints', { body: v }), ... });
 */
export function useCreateSubmit<V, R>(form: FormInstance<V>, options: CreateSubmitOptions<V, R>) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  async function submit(values: V) {
    setBusy(true);
    try {
      const created = await options.send(values);
      void message.success(options.successMessage);
      form.resetFields();
      options.onCreated(created);
    } catch (e) {
      if (e instanceof ApiError && options.onRefused?.(e)) return;
      if (e instanceof ApiError && e.details.length > 0) showFieldErrors(form, e.details);
      else void message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  }
  return { busy, submit };
}

/** A side drawer holding a form, with 取消 and 提交 (which submits `form`) in its header. */
export function FormDrawer(props: {
  title: ReactNode;
  open: boolean;
  onClose(): void;
  form: FormInstance;
  busy: boolean;
  size?: number;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Drawer
      title={props.title}
      open={props.open}
      onClose={props.onClose}
      size={props.size ?? 520}
      extra={
        <Space>
          <Button onClick={props.onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={props.busy} onClick={() => props.form.submit()}>
            {t('common.submit')}
          </Button>
        </Space>
      }
    >
      {props.children}
    </Drawer>
  );
}

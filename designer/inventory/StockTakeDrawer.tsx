import { AuditOutlined } from '@ant-design/icons';
import { Alert, App, Button, Descriptions, Drawer, Form, Input, List, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import { useSession } from '../session/session.tsx';
import { parseVins, type StockTakeResult } from './inventory-types.ts';

/**
 * Stock-take (盘点): paste or scan the VINs found on the lot, one per line; the server compares
 * them with the system's stock and answers the gains and losses, recorded with who and when.
 */
export function StockTakeDrawer({ onRecorded }: { onRecorded(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { storeFilter } = useSession();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<StockTakeResult | null>(null);
  const vins = parseVins(text);

  async function submit() {
    setBusy(true);
    try {
      const body = { counted: vins, note: note || undefined, storeId: storeFilter ?? undefined };
      setResult(await api.post('/api/stock-takes', { body: body }));
      onRecorded();
    } catch (e) {
      void message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  const close = () => {
    setOpen(false);
    setResult(null);
    setText('');
    setNote('');
  };

  return (
    <>
      <Button icon={<AuditOutlined />} onClick={() => setOpen(true)}>
        {t('inventory.stockTake')}
      </Button>
      <Drawer title={t('inventory.stockTake')} open={open} onClose={close} size={520}>
        {result ? (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Descriptions column={1} size="small" bordered>
              <Descriptions.Item label={t('inventory.systemCount')}>{result.systemCount}</Descriptions.Item>
              <Descriptions.Item label={t('inventory.countedCount')}>{result.countedCount}</Descriptions.Item>
            </Descriptions>
            {result.gains + result.losses === 0 && (
              <Alert type="success" title={t('inventory.stockTakeMatch')} />
            )}
            <List
              size="small"
              header={t('inventory.gains', { count: result.gains })}
              dataSource={result.gainVins}
              renderItem={(v) => (
                <List.Item>
                  <Tag color="green">+</Tag>
                  {v}
                </List.Item>
              )}
            />
            <List
              size="small"
              header={t('inventory.losses', { count: result.losses })}
              dataSource={result.lossVins}
              renderItem={(v) => (
                <List.Item>
                  <Tag color="red">−</Tag>
                  {v}
                </List.Item>
              )}
            />
            <Button onClick={close}>{t('inventory.stockTakeDone')}</Button>
          </Space>
        ) : (
          <Form layout="vertical" onFinish={submit}>
            <Form.Item
              label={t('inventory.countedVins')}
              htmlFor="stock-take-vins"
              extra={t('inventory.countedHint', { count: vins.length })}
            >
              <Input.TextArea
                id="stock-take-vins"
                rows={10}
                value={text}
                onChange={(e) => setText(e.target.value)}
              />
            </Form.Item>
            <Form.Item label={t('inventory.stockTakeNote')} htmlFor="stock-take-note">
              <Input
                id="stock-take-note"
                value={note}
                maxLength={500}
                onChange={(e) => setNote(e.target.value)}
              />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy}>
              {t('inventory.stockTakeSubmit')}
            </Button>
          </Form>
        )}
      </Drawer>
    </>
  );
}

import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, Form, Input, InputNumber, Row, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { ACCESSORY_PACKAGES } from '../../dealer-rules/catalogue.ts';
import { formatYuan } from '../../dealer-rules/money.ts';
import { fenToYuan } from '../components/money.ts';
import { DiscountInput } from './DiscountInput.tsx';

const yuan = { style: { width: '100%' }, min: 0, precision: 2, suffix: '元' } as const;
const PRICE_FIELDS = [
  'msrp',
  'discount',
  'insurance',
  'registrationFee',
  'financeFee',
  'tradeInCredit',
  'deposit',
] as const;

/** The pricing inputs of the new-order form, in 元, with accessory lines and package shortcuts. */
export function PricingFields() {
  const { t } = useTranslation();
  const msrp = Form.useWatch(['pricing', 'msrp']) as number | null | undefined;
  return (
    <>
      <Row gutter={16}>
        {PRICE_FIELDS.map((field) => (
          <Col xs={24} md={8} key={field}>
            <Form.Item
              name={['pricing', field]}
              label={t(`orders.${field}`)}
              rules={field === 'msrp' ? [{ required: true, message: t('newOrder.required') }] : []}
            >
              {field === 'discount' ? <DiscountInput msrp={msrp} /> : <InputNumber<number> {...yuan} />}
            </Form.Item>
          </Col>
        ))}
      </Row>
      <Form.List name={['pricing', 'accessories']}>
        {(fields, { add, remove }) => (
          <>
            {fields.map((field) => (
              <Space key={field.key} align="baseline" style={{ display: 'flex' }}>
                <Form.Item
                  name={[field.name, 'name']}
                  rules={[{ required: true, message: t('newOrder.required') }]}
                >
                  <Input placeholder={t('newOrder.accessoryName')} />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'price']}
                  rules={[{ required: true, message: t('newOrder.required') }]}
                >
                  <InputNumber<number>
                    {...yuan}
                    placeholder={t('newOrder.accessoryPrice')}
                    style={{ width: 160 }}
                  />
                </Form.Item>
                <MinusCircleOutlined onClick={() => remove(field.name)} />
              </Space>
            ))}
            <Space wrap>
              <Button icon={<PlusOutlined />} onClick={() => add({})}>
                {t('newOrder.addAccessory')}
              </Button>
              {ACCESSORY_PACKAGES.map((p) => (
                <Button key={p.name} onClick={() => add({ name: p.name, price: fenToYuan(p.price) })}>
                  + {p.name} {formatYuan(p.price)}
                </Button>
              ))}
            </Space>
          </>
        )}
      </Form.List>
    </>
  );
}

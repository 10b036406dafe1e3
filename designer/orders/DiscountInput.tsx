/**
 * 优惠 entered as people quote it: in 元 or as a percentage of the MSRP. The form always holds 元
 * (the API's fen follow from it); in % mode the typed rate is turned into 元 against the MSRP.
 */
import { InputNumber, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

export interface DiscountInputProps {
  id?: string;
  /** The discount in 元 (what the form holds). */
  value?: number | null;
  onChange?: (yuan: number | null) => void;
  /** The MSRP in 元, the base of a percentage. */
  msrp: number | null | undefined;
}

/** 元 from a rate of the MSRP, to the fen. */
export function discountFromRate(msrp: number, percent: number): number {
  return Math.round(msrp * percent) / 100;
}

/** The rate of the MSRP a discount is, to two decimals (null without an MSRP). */
export function rateOfDiscount(
  msrp: number | null | undefined,
  yuan: number | null | undefined,
): number | null {
  if (!msrp || typeof yuan !== 'number') return null;
  return Math.round((yuan / msrp) * 10_000) / 100;
}

export function DiscountInput({ id, value, onChange, msrp }: DiscountInputProps) {
  const { t } = useTranslation();
  const [unit, setUnit] = useState<'yuan' | 'percent'>('yuan');
  const percent = unit === 'percent';
  return (
    <Space.Compact style={{ width: '100%' }}>
      <InputNumber<number>
        id={id}
        style={{ width: '100%' }}
        min={0}
        max={percent ? 100 : undefined}
        precision={2}
        disabled={percent && !msrp}
        value={percent ? rateOfDiscount(msrp, value) : (value ?? null)}
        onChange={(typed) => {
          if (!percent) onChange?.(typed);
          else onChange?.(typed === null || !msrp ? null : discountFromRate(msrp, typed));
        }}
      />
      <Select
        aria-label={t('newOrder.discountUnit')}
        value={unit}
        style={{ width: 76 }}
        onChange={setUnit}
        options={[
          { value: 'yuan', label: '元' },
          { value: 'percent', label: '%' },
        ]}
      />
    </Space.Compact>
  );
}

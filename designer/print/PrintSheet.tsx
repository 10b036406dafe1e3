/**
 * An A4 sheet to print or save as PDF (订单确认单, 交车确认单, 维修结算单): the store's name, the
 * document's title and number, its sections, and the signatures captured in the flow beside blank
 * lines for those signed on paper. Rendered outside the app shell, so the browser prints the sheet
 * alone (designer/styles.css `@page`); the toolbar is not printed.
 */
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Result, Space, Spin } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { formatDateTime } from '../components/format.ts';

/** A row of a fields table: its label and value, on half the width unless `wide`. */
export interface SheetField {
  label: string;
  value: ReactNode;
  wide?: boolean;
}

/** Label / value pairs two to a row, in a bordered table. */
export function FieldTable({ fields }: { fields: readonly SheetField[] }) {
  const rows: SheetField[][] = [];
  for (const field of fields) {
    const last = rows.at(-1);
    if (!field.wide && last && last.length === 1 && !last[0]!.wide) last.push(field);
    else rows.push([field]);
  }
  return (
    <table className="df-sheet-table">
      <tbody>
        {rows.map((row) => (
          <tr key={row.map((f) => f.label).join('|')}>
            {row.map((f) => (
              <FieldCells key={f.label} field={f} span={row.length === 1 ? 3 : 1} />
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function FieldCells({ field, span }: { field: SheetField; span: number }) {
  return (
    <>
      <th scope="row">{field.label}</th>
      <td colSpan={span}>{field.value}</td>
    </>
  );
}

/** A titled part of the sheet. */
export function SheetSection({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="df-sheet-section" aria-label={title}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}

/** A signature: the image captured in the flow, or a blank line to sign on paper. */
export interface SheetSignature {
  role: string;
  name?: string | null;
  image?: string | null;
  at?: string | null;
}

function Signatures({ signatures }: { signatures: readonly SheetSignature[] }) {
  const { t } = useTranslation();
  return (
    <div className="df-sheet-signatures">
      {signatures.map((s) => (
        <div key={s.role} className="df-sheet-signature">
          <div className="df-sheet-signature-box">
            {s.image ? <img src={s.image} alt={t('print.signatureOf', { role: s.role })} /> : null}
          </div>
          <div>
            {s.role}
            {s.name ? `：${s.name}` : '：'}
          </div>
          <div className="df-sheet-muted">
            {t('print.date')}：{s.at ? (s.at.length === 10 ? s.at : formatDateTime(s.at)) : ''}
          </div>
        </div>
      ))}
    </div>
  );
}

interface Props {
  storeName: string;
  title: string;
  /** The document's number (order number, work order number). */
  number: string;
  loading: boolean;
  error: unknown;
  signatures: readonly SheetSignature[];
  children?: ReactNode;
}

/** The sheet with its toolbar; a spinner while loading, the error instead of the sheet on failure. */
export function PrintSheet({ storeName, title, number, loading, error, signatures, children }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  if (error) {
    return <Result status="warning" title={error instanceof Error ? error.message : String(error)} />;
  }
  return (
    <div className="df-print-page">
      <Space className="df-no-print df-print-toolbar">
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)}>
          {t('common.back')}
        </Button>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} disabled={loading}>
          {t('print.print')}
        </Button>
      </Space>
      {loading ? (
        <Spin />
      ) : (
        <article className="df-sheet" aria-label={title}>
          <header className="df-sheet-header">
            <div className="df-sheet-store">{storeName}</div>
            <h1>{title}</h1>
            <div className="df-sheet-meta">
              <span>
                {t('print.number')}：{number}
              </span>
              <span>
                {t('print.printedAt')}：{formatDateTime(new Date().toISOString())}
              </span>
            </div>
          </header>
          {children}
          <Signatures signatures={signatures} />
        </article>
      )}
    </div>
  );
}

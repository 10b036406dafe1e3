import type { WidgetProps } from '@rjsf/utils';
import { Button, Space } from 'antd';
import { type PointerEvent, useRef } from 'react';

const WIDTH = 360;
const HEIGHT = 140;

/** rjsf widget for `"ui:widget": "signature"`: a signing pad whose drawing is stored as a PNG data URL. */
export function SignatureWidget(props: WidgetProps) {
  const { id, value, disabled, readonly, onChange, label } = props;
  // The canvas has no text of its own: name it so screen readers announce what is signed here.
  const padName = `${label ? `${label} · ` : ''}签名板 / Signature pad`;
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);
  const locked = disabled || readonly;
  const signed = typeof value === 'string' && value.startsWith('data:image/');

  function point(e: PointerEvent<HTMLCanvasElement>) {
    const rect = e.currentTarget.getBoundingClientRect();
    return { x: e.clientX - rect.left, y: e.clientY - rect.top };
  }
  function start(e: PointerEvent<HTMLCanvasElement>) {
    const ctx = canvas.current?.getContext('2d');
    if (locked || !ctx) return;
    drawing.current = true;
    const { x, y } = point(e);
    ctx.lineWidth = 2;
    ctx.lineCap = 'round';
    ctx.beginPath();
    ctx.moveTo(x, y);
  }
  function move(e: PointerEvent<HTMLCanvasElement>) {
    const ctx = canvas.current?.getContext('2d');
    if (!drawing.current || !ctx) return;
    const { x, y } = point(e);
    ctx.lineTo(x, y);
    ctx.stroke();
  }
  function end() {
    if (!drawing.current) return;
    drawing.current = false;
    onChange(canvas.current?.toDataURL('image/png'));
  }
  function clear() {
    canvas.current?.getContext('2d')?.clearRect(0, 0, WIDTH, HEIGHT);
    onChange(undefined);
  }

  if (signed && locked) return <img id={id} src={value} alt="signature" width={WIDTH} height={HEIGHT} />;
  return (
    <Space orientation="vertical">
      <canvas
        id={id}
        aria-label={padName}
        ref={canvas}
        width={WIDTH}
        height={HEIGHT}
        style={{ border: '1px dashed #d9d9d9', borderRadius: 6, touchAction: 'none', background: '#fff' }}
        onPointerDown={start}
        onPointerMove={move}
        onPointerUp={end}
        onPointerLeave={end}
      />
      {!locked && (
        <Button size="small" onClick={clear}>
          清除 / Clear
        </Button>
      )}
    </Space>
  );
}

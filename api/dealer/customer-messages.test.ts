import type { AddressInfo } from 'node:net';
import { and, eq } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { OutboxWorker } from '../../engine/store/outbox-worker.ts';
import { instances } from '../../engine/store/schema.ts';
import { DATABASES, type TestDatabase } from '../../test/fixtures/databases.ts';
import { createSilentLogger } from '../logger.ts';
import { createOutboxChannels } from '../outbox/channels.ts';
import type { SmsProvider } from '../outbox/providers.ts';
import { vehicles } from './schema.ts';
import { createDealerTestApp, type DealerTestApp, EXAMPLE_ORDER } from './testing.ts';

interface Mail {
  from: string;
  to: string[];
  subject: string;
  text: string;
}

/** Decodes RFC 2047 encoded words (`=?UTF-8?B?...?=`) of a header. */
function decodeHeader(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_, enc: string, data: string) =>
      enc.toLowerCase() === 'b'
        ? Buffer.from(data, 'base64').toString('utf8')
        : Buffer.from(
            data
              .replace(/_/g, ' ')
              .replace(/=([0-9a-f]{2})/gi, (_m, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
            'latin1',
          ).toString('utf8'),
    );
}

/** The subject and text body of a single-part message as nodemailer writes it. */
function parseMail(raw: string): { subject: string; text: string } {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const body = raw.slice(split + 4);
  const header = (name: string) => new RegExp(`^${name}: (.*)$`, 'im').exec(head)?.[1] ?? '';
  const encoding = header('Content-Transfer-Encoding').toLowerCase();
  const text =
    encoding === 'base64'
      ? Buffer.from(body.replace(/\s/g, ''), 'base64').toString('utf8')
      : encoding === 'quoted-printable'
        ? Buffer.from(
            body
              .replace(/=\r\n/g, '')
              .replace(/=([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
            'latin1',
          ).toString('utf8')
        : body;
  return { subject: decodeHeader(header('Subject')), text: text.replace(/\r\n/g, '\n').trimEnd() };
}

/** A local SMTP server that keeps what it receives. */
async function startSmtp(): Promise<{ port: number; mails: Mail[]; close(): Promise<void> }> {
  const mails: Mail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const parsed = parseMail(Buffer.concat(chunks).toString('utf8'));
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          subject: parsed.subject,
          text: parsed.text,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { port, mails, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const VIN = 'LGXC16DG9R0012345';

describe.each(DATABASES)('customer messages per order stage on $name', ({ open }) => {
  let db: TestDatabase;
  let t: DealerTestApp;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  const texts: { to: string; text: string }[] = [];
  const sms: SmsProvider = {
    name: 'test',
    async send(to, text) {
      texts.push({ to, text });
    },
  };

  beforeAll(async () => {
    db = await open();
    t = await createDealerTestApp(db);
    smtp = await startSmtp();
    await db.database.db.insert(vehicles).values({
      vin: VIN,
      brand: 'BYD',
      model: '海豹',
      trim: '豪华版',
      exteriorColor: '珍珠白',
      productionDate: '2026-09-01',
      storeId: 'BJ01',
      cost: 17_000_000,
      listPrice: 18_980_000,
    });
  });
  afterAll(async () => {
    await smtp?.close();
    await db?.close();
  });

  it('refuses a template with a placeholder nobody fills, naming the field', async () => {
    const res = await t.call('PUT', '/api/admin/message-templates/order.arrived', 'admin', {
      sms: '您好 {{customer.nmae}}',
      emailSubject: '到店',
      emailBody: '{{order.orderNo}} {{ process.env }}',
    });
    expect(res.status).toBe(422);
    const { error } = (await res.json()) as { error: { details: { path: string }[] } };
    expect(error.details.map((d) => d.path)).toEqual(['/sms', '/emailBody']);
    expect((await t.call('PUT', '/api/admin/message-templates/order.arrived', 'manager', {})).status).toBe(
      403,
    );
  });

  it('e-mails the customer the admin’s 车辆已到店 template with the order’s data over SMTP, and records it on the order', async () => {
    const saved = await t.json<{ edited: boolean }>(
      'PUT',
      '/api/admin/message-templates/order.arrived',
      'admin',
      200,
      {
        sms: '【{{store.name}}】{{customer.name}}您好，您的{{order.model}}已到店。',
        emailSubject: '{{customer.name}}，您的爱车已到店（{{order.orderNo}}）',
        emailBody:
          '尊敬的{{customer.name}}：\n您订购的{{order.brand}} {{order.model}} {{order.trim}}（{{order.color}}）已到店。\n订单号：{{order.orderNo}}\n{{store.name}}',
      },
    );
    expect(saved.edited).toBe(true);

    const order = await t.json<{ id: string; orderNo: string; instanceId: string; total: number }>(
      'POST',
      '/api/orders',
      'consultant',
      201,
      { ...EXAMPLE_ORDER, customer: { ...EXAMPLE_ORDER.customer, email: 'zhangwei@example.com' } },
    );
    await t.completeOpenTask(order.instanceId, 'manager', 'approve', { reviewComment: '同意' });
    const [payment] = await db.database.db
      .select({ id: instances.id })
      .from(instances)
      .where(and(eq(instances.workflowKey, 'payment'), eq(instances.businessKey, order.orderNo)));
    await t.completeOpenTask(payment!.id, 'finance', 'confirm', {
      amount: order.total,
      method: 'bank_transfer',
    });
    const [delivery] = await db.database.db
      .select({ id: instances.id })
      .from(instances)
      .where(and(eq(instances.workflowKey, 'delivery'), eq(instances.businessKey, order.orderNo)));
    // Logistics confirms the car in stock: the order is 已到店.
    await t.completeOpenTask(delivery!.id, 'logistics', 'confirm', { vin: VIN });

    const worker = new OutboxWorker({
      database: db.database,
      clock: t.now,
      logger: createSilentLogger(),
      channels: createOutboxChannels(
        {
          webhook: { secret: undefined },
          smtp: { host: '127.0.0.1', port: smtp.port, secure: false, from: 'store@dealerflow.local' },
          robots: {},
          robotKinds: [],
        },
        createSilentLogger(),
        { sms },
      ),
    });
    t.advance(1_000);
    await worker.deliverDue();

    const arrived = smtp.mails.filter((m) => m.subject.includes('已到店'));
    expect(arrived).toHaveLength(1);
    expect(arrived[0]).toMatchObject({
      from: 'store@dealerflow.local',
      to: ['zhangwei@example.com'],
      subject: `张伟，您的爱车已到店（${order.orderNo}）`,
    });
    expect(arrived[0]!.text).toBe(
      `尊敬的张伟：\n您订购的BYD 海豹 豪华版（珍珠白）已到店。\n订单号：${order.orderNo}\n北京朝阳店`,
    );
    expect(texts).toContainEqual({ to: '13800138000', text: '【北京朝阳店】张伟您好，您的海豹已到店。' });
    // The stages before used the shipped wording.
    expect(smtp.mails.map((m) => m.subject)).toContain('【北京朝阳店】订单审核通过');

    const record = await t.json<{
      items: { template: string; channel: string; recipient: string; status: string }[];
    }>('GET', `/api/orders/${order.id}/messages`, 'consultant', 200);
    expect(record.items).toContainEqual(
      expect.objectContaining({
        template: 'order.arrived',
        channel: 'email',
        recipient: 'zhangwei@example.com',
        status: 'delivered',
      }),
    );
    expect(record.items).toContainEqual(
      expect.objectContaining({
        template: 'order.arrived',
        channel: 'sms',
        recipient: '13800138000',
        status: 'delivered',
      }),
    );
    expect((await t.call('GET', `/api/orders/${order.id}/messages`, 'consultant_sh')).status).toBe(404);
  });
});

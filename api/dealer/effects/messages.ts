/**
 * The customer's messages (短信), one zh-CN template per stage. Rendering is pure: the effect
 * gathers the facts, this file words them.
 */

/** What a template may mention. */
export interface MessageFacts {
  storeName: string;
  customerName: string;
  orderNo?: string;
  model?: string;
  vin?: string | null;
  eta?: string | null;
  serviceNo?: string;
}

type Template = (f: MessageFacts) => string;

const TEMPLATES: Record<string, Template> = {
  'order.created': (f) => `您的订单 ${f.orderNo}（${f.model}）已提交，我们将尽快为您审核。`,
  'order.approved': (f) => `您的订单 ${f.orderNo}（${f.model}）已审核通过，请按约定支付定金/车款。`,
  'order.returned': (f) => `您的订单 ${f.orderNo} 需要补充信息，销售顾问将与您联系。`,
  'order.cancelled': (f) => `您的订单 ${f.orderNo} 已取消，如已支付定金，财务将为您办理退款。`,
  'order.paid': (f) => `您的订单 ${f.orderNo} 已确认收款，感谢您的信任。`,
  'order.in_transit': (f) =>
    `您订购的 ${f.model} 已发运${f.eta ? `，预计 ${f.eta.slice(0, 10)} 到店` : ''}，请留意后续通知。`,
  'order.arrived': (f) => `您订购的 ${f.model} 已到店，我们将完成 PDI 检查后与您预约交车时间。`,
  'order.delivery_appointment': (f) => `您的爱车 ${f.model} 已准备就绪，销售顾问将与您确认交车时间。`,
  'order.delivered': (f) => `恭喜您喜提 ${f.model}！订单 ${f.orderNo} 已完成交付，祝您用车愉快。`,
  'order.payment_reminder': (f) =>
    `您的订单 ${f.orderNo} 车辆已到店，请于 4 日内完成付款以免车辆被重新调配。`,
  'service.received': (f) => `您的车辆（VIN ${f.vin ?? ''}）已接车，我们将尽快为您检查。`,
  'service.quote': () => `您的车辆维修报价已出，请与服务顾问确认。`,
  'service.ready': () => `您的车辆已维修完毕，欢迎到店提车。`,
  'service.reminder': (f) => `您的爱车（VIN ${f.vin ?? ''}）即将到达保养周期，欢迎预约到店保养。`,
  'survey.invite': () => `感谢您的光临，诚邀您对本次服务进行评价。`,
  'complaint.received': () => `您的反馈我们已收到，专人将尽快与您联系处理。`,
  'complaint.resolved': () => `您反馈的问题已处理完毕，感谢您的理解与支持。`,
};

/** Whether a template exists. */
export function hasTemplate(template: string): boolean {
  return template in TEMPLATES;
}

/** 张伟 → 张先生 is a guess we must not make; we address the customer by full name. */
function salutation(name: string): string {
  return `尊敬的${name}`;
}

/**
 * Renders a customer message: `【store】尊敬的<name>，<body>`. Unknown templates fall back to a
 * neutral line naming the template, so a flow change never loses a message.
 *
 * @example
 * renderMessage('order.approved', { storeName: '北京朝阳店', customerName: '张伟', orderNo: 'BJ01202611220001', model: '海豹' });
 * // '【北京朝阳店】尊敬的张伟，您的订单 BJ01202611220001（海豹）已审核通过，请按约定支付定金/车款。'
 */
export function renderMessage(template: string, facts: MessageFacts): string {
  const body = TEMPLATES[template]?.(facts) ?? `您的业务有新进展（${template}），详情请咨询您的顾问。`;
  return `【${facts.storeName}】${salutation(facts.customerName)}，${body}`;
}

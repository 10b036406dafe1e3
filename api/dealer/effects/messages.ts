/**
 * The customer's messages (短信 / e-mail), one template per stage. The shipped wording is the default;
 * an admin may edit each stage's template in the browser (`message_templates`, routes/message-templates.ts).
 * Templates name facts as `{{customer.name}}`, `{{order.orderNo}}`, `{{eta}}` (template-render.ts).
 */
import { renderTemplate, type TemplateFacts } from './template-render.ts';

/** One stage's texts. */
export interface MessageTemplate {
  sms: string;
  emailSubject: string;
  emailBody: string;
}

/** Every placeholder a template may use. */
export const PLACEHOLDERS = [
  'store.name',
  'customer.name',
  'customer.mobile',
  'order.orderNo',
  'order.brand',
  'order.model',
  'order.trim',
  'order.color',
  'order.vin',
  'eta',
  'serviceOrder.vin',
] as const;

/** The stages an admin edits first: the order's road to delivery. */
export const ORDER_STAGES = [
  'order.approved',
  'order.paid',
  'order.in_transit',
  'order.arrived',
  'order.delivery_appointment',
] as const;

const PREFIX = '【{{store.name}}】尊敬的{{customer.name}}，';

/** A template whose e-mail says what the SMS says. */
function stage(subject: string, body: string): MessageTemplate {
  return {
    sms: `${PREFIX}${body}`,
    emailSubject: `【{{store.name}}】${subject}`,
    emailBody: `尊敬的{{customer.name}}：\n\n${body}\n\n{{store.name}}`,
  };
}

/** The shipped templates by key (also the keys `notify.customer` knows). */
export const DEFAULT_TEMPLATES: Record<string, MessageTemplate> = {
  'order.created': stage(
    '订单已提交',
    '您的订单 {{order.orderNo}}（{{order.model}}）已提交，我们将尽快为您审核。',
  ),
  'order.approved': stage(
    '订单审核通过',
    '您的订单 {{order.orderNo}}（{{order.model}}）已审核通过，请按约定支付定金/车款。',
  ),
  'order.returned': stage('订单需补充信息', '您的订单 {{order.orderNo}} 需要补充信息，销售顾问将与您联系。'),
  'order.cancelled': stage(
    '订单已取消',
    '您的订单 {{order.orderNo}} 已取消，如已支付定金，财务将为您办理退款。',
  ),
  'order.paid': stage('已确认收款', '您的订单 {{order.orderNo}} 已确认收款，感谢您的信任。'),
  'order.in_transit': stage(
    '车辆在途',
    '您订购的 {{order.model}} 已发运，预计 {{eta}} 到店，请留意后续通知。',
  ),
  'order.arrived': stage(
    '车辆已到店',
    '您订购的 {{order.model}}（{{order.color}}）已到店，我们将完成 PDI 检查后与您预约交车时间。订单号 {{order.orderNo}}。',
  ),
  'order.delivery_appointment': stage(
    '交车预约',
    '您的爱车 {{order.model}} 已准备就绪，销售顾问将与您确认交车时间。',
  ),
  'order.delivered': stage(
    '交付完成',
    '恭喜您喜提 {{order.model}}！订单 {{order.orderNo}} 已完成交付，祝您用车愉快。',
  ),
  'order.payment_reminder': stage(
    '付款提醒',
    '您的订单 {{order.orderNo}} 车辆已到店，请于 4 日内完成付款以免车辆被重新调配。',
  ),
  'service.received': stage('车辆已接车', '您的车辆（VIN {{serviceOrder.vin}}）已接车，我们将尽快为您检查。'),
  'service.quote': stage('维修报价', '您的车辆维修报价已出，请与服务顾问确认。'),
  'service.ready': stage('车辆已修好', '您的车辆已维修完毕，欢迎到店提车。'),
  'service.reminder': stage(
    '保养提醒',
    '您的爱车（VIN {{serviceOrder.vin}}）即将到达保养周期，欢迎预约到店保养。',
  ),
  'survey.invite': stage('服务评价邀请', '感谢您的光临，诚邀您对本次服务进行评价。'),
  'complaint.received': stage('反馈已收到', '您的反馈我们已收到，专人将尽快与您联系处理。'),
  'complaint.resolved': stage('反馈已处理', '您反馈的问题已处理完毕，感谢您的理解与支持。'),
};

/** For a key nobody wrote a template for: a neutral line naming it, so a flow change never loses a message. */
function fallback(key: string): MessageTemplate {
  return stage('业务进展', `您的业务有新进展（${key.replace(/[{}]/g, '')}），详情请咨询您的顾问。`);
}

/** The rendered texts of a stage. */
export interface RenderedMessage {
  sms: string;
  emailSubject: string;
  emailBody: string;
}

/**
 * Renders a stage's template (the admin's, else the shipped default) with the facts.
 *
 * @example
 * renderMessage('order.approved', { store: { name: '北京朝阳店' }, customer: { name: '张伟' }, order: { orderNo: 'BJ01…', model: '海豹' } }).sms;
 * // '【北京朝阳店】尊敬的张伟，您的订单 BJ01…（海豹）已审核通过，请按约定支付定金/车款。'
 */
export function renderMessage(key: string, facts: TemplateFacts, edited?: MessageTemplate): RenderedMessage {
  const template = edited ?? DEFAULT_TEMPLATES[key] ?? fallback(key);
  return {
    sms: renderTemplate(template.sms, facts),
    emailSubject: renderTemplate(template.emailSubject, facts),
    emailBody: renderTemplate(template.emailBody, facts),
  };
}

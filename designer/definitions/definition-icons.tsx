/**
 * The icons a flow or form may carry (`icon` of the definition: an antd icon name), shown on the
 * 发起申请 page and in the designer lists. Unknown names fall back to a generic icon.
 */
import {
  AccountBookOutlined,
  AuditOutlined,
  CalendarOutlined,
  CarOutlined,
  CustomerServiceOutlined,
  FileTextOutlined,
  GiftOutlined,
  MailOutlined,
  PayCircleOutlined,
  ShoppingCartOutlined,
  SolutionOutlined,
  SwapOutlined,
  TeamOutlined,
  ToolOutlined,
} from '@ant-design/icons';
import type { ComponentType } from 'react';

/** Every selectable icon by its antd name. */
export const DEFINITION_ICONS: Record<string, ComponentType> = {
  FileTextOutlined,
  AuditOutlined,
  SolutionOutlined,
  CarOutlined,
  SwapOutlined,
  PayCircleOutlined,
  AccountBookOutlined,
  ShoppingCartOutlined,
  GiftOutlined,
  CalendarOutlined,
  TeamOutlined,
  ToolOutlined,
  CustomerServiceOutlined,
  MailOutlined,
};

/** The icon named `name` (a generic document icon when absent or unknown). */
export function DefinitionIcon({ name }: { name?: string | null }) {
  const Icon = (name && DEFINITION_ICONS[name]) || FileTextOutlined;
  return <Icon />;
}

/**
 * The palette's people, customer and vehicle fields (`"ui:widget": "user" | "customer" | "vehicle"`):
 * searchable selects over the API that store an id — a user id, a customer id — or a vehicle's VIN.
 */
import { CarOutlined, ContactsOutlined, UserOutlined } from '@ant-design/icons';
import type { WidgetProps } from '@rjsf/utils';
import { useTranslation } from 'react-i18next';
import type { SessionUser } from '../../api/types.ts';
import type { CustomerView } from '../../crm/crm-types.ts';
import type { VehicleView } from '../../inventory/inventory-types.ts';
import { type LookupSource, LookupWidget } from './LookupSelect.tsx';

const PAGE = { pageSize: 20 };

/** `138****8000`: enough to tell customers apart without showing the whole number. */
export function maskMobile(mobile: string): string {
  return mobile.length >= 11 ? `${mobile.slice(0, 3)}****${mobile.slice(-4)}` : mobile;
}

const USERS: LookupSource<SessionUser> = {
  path: '/api/users',
  query: { limit: 20 },
  resolve: (id) => ({ path: '/api/users', params: { query: { ids: id } } }),
  toOption: (u) => ({
    value: u.id,
    label: [`${u.displayName} (${u.username})`, u.storeId].filter(Boolean).join(' · '),
  }),
};

/** Customers of `GET /api/customers`, searched by name or mobile prefix; held as the id. */
export const CUSTOMERS: LookupSource<CustomerView> = {
  path: '/api/customers',
  query: PAGE,
  resolve: (id) => ({ path: '/api/customers/{id}', params: { path: { id } } }),
  toOption: (c) => ({ value: c.id, label: `${c.name} ${maskMobile(c.mobile)}` }),
};

/** Vehicles of `GET /api/vehicles`, searched by VIN prefix, model, trim or colour; held as the VIN. */
export const VEHICLES: LookupSource<VehicleView> = {
  path: '/api/vehicles',
  query: PAGE,
  // The server matches each word against the VIN's start (in capitals) and brand, model, trim, colour.
  search: (typed) => typed.trim().slice(0, 60) || undefined,
  resolve: (vin) => ({ path: '/api/vehicles', params: { query: { q: vin, pageSize: 1 } } }),
  toOption: (v) => ({
    value: v.vin,
    label: [v.vin, `${v.model} ${v.trim}`, v.exteriorColor].join(' · '),
  }),
};

/** A user, stored as their id; shows the display name. */
export function UserWidget(props: WidgetProps) {
  const { t } = useTranslation();
  return (
    <LookupWidget
      widget={props}
      source={USERS}
      icon={<UserOutlined />}
      placeholder={t('formWidgets.searchUser')}
    />
  );
}

/** A customer, stored as their id; shows the name and a masked mobile number. */
export function CustomerWidget(props: WidgetProps) {
  const { t } = useTranslation();
  return (
    <LookupWidget
      widget={props}
      source={CUSTOMERS}
      icon={<ContactsOutlined />}
      placeholder={t('formWidgets.searchCustomer')}
    />
  );
}

/** A vehicle from inventory, stored as its VIN; shows model, trim and colour. */
export function VehicleWidget(props: WidgetProps) {
  const { t } = useTranslation();
  return (
    <LookupWidget
      widget={props}
      source={VEHICLES}
      icon={<CarOutlined />}
      placeholder={t('formWidgets.searchVehicle')}
    />
  );
}

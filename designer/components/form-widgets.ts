/**
 * The custom rjsf widgets forms may name (`CUSTOM_WIDGETS` in forms/catalogue.ts), for every place
 * that renders a form: the task page and the form builder's preview.
 */
import type { RegistryWidgetsType } from '@rjsf/utils';
import type { CUSTOM_WIDGETS } from '../../forms/catalogue.ts';
import { FileWidget } from './widgets/FileWidget.tsx';
import { CustomerWidget, UserWidget, VehicleWidget } from './widgets/LookupWidgets.tsx';
import { MoneyWidget } from './widgets/MoneyWidget.tsx';
import { PercentWidget } from './widgets/PercentWidget.tsx';
import { SignatureWidget } from './widgets/SignatureWidget.tsx';

/** Every custom widget by its `ui:widget` name; the type makes a new catalogue entry a build error here. */
export const FORM_WIDGETS: Record<(typeof CUSTOM_WIDGETS)[number], RegistryWidgetsType[string]> = {
  money: MoneyWidget,
  percent: PercentWidget,
  user: UserWidget,
  customer: CustomerWidget,
  vehicle: VehicleWidget,
  file: FileWidget,
  signature: SignatureWidget,
};

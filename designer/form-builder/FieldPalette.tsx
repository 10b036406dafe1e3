/**
 * The palette of field types (forms/catalogue.ts), grouped; drag an entry onto the canvas or click it
 * to append the field.
 */
import { Button, Flex, Typography } from 'antd';
import { FIELD_TYPES, type FieldGroup, type FieldTypeId } from '../../forms/catalogue.ts';
import { tf } from './strings.ts';

/** The drag data type a palette entry carries. */
export const PALETTE_MIME = 'application/x-dealerflow-field-type';

const GROUPS: FieldGroup[] = ['basic', 'choice', 'dealer', 'advanced'];

/** The palette column. */
export function FieldPalette({ onAdd }: { onAdd: (type: FieldTypeId) => void }) {
  return (
    <nav aria-label={tf('palette')}>
      {GROUPS.map((group) => (
        <div key={group} style={{ marginBottom: 12 }}>
          <Typography.Text type="secondary">{tf(`group.${group}`)}</Typography.Text>
          <Flex wrap gap={6} style={{ marginTop: 4 }}>
            {FIELD_TYPES.filter((t) => t.group === group).map((t) => (
              <Button
                key={t.id}
                size="small"
                autoInsertSpace={false}
                draggable
                onDragStart={(e) => {
                  e.dataTransfer.setData(PALETTE_MIME, t.id);
                  e.dataTransfer.effectAllowed = 'copy';
                }}
                onClick={() => onAdd(t.id)}
              >
                {t.label['zh-CN']}
              </Button>
            ))}
          </Flex>
        </div>
      ))}
    </nav>
  );
}
